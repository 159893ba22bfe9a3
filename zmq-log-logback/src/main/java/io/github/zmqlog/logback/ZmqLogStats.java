package io.github.zmqlog.logback;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A read-only snapshot of what a {@link ZmqLogAppender} has done, for health checks, endpoints and
 * metrics.
 *
 * <p>
 * Counts only grow. Once the queue has drained, {@code enqueued} equals {@code sent} plus the drops
 * counted after queueing ({@code TOO_LARGE}, {@code SEND_FAILED}, {@code SHUTDOWN},
 * {@code SUBSCRIBER_FULL}, and
 * {@code NOT_STARTED} for events that raced with {@code stop()}).
 *
 * @param started whether the appender is started
 * @param publisherAlive whether the publisher thread is running
 * @param publisherThreadState the publisher thread's state ({@code TERMINATED} when stopped)
 * @param paused whether publishing is paused (events are then counted as dropped, {@code PAUSED})
 * @param rootTopic the root topic in effect
 * @param threshold the lowest level published
 * @param enqueued events handed to the publisher thread
 * @param sent events the socket accepted (a PUB socket still drops silently for a subscriber past
 * its high-water mark unless {@code noDrop} is set, and when there is none)
 * @param truncated events whose body was cut to {@code maxMessageSize} (they are also sent)
 * @param dropped events not published, by reason; every reason is present
 * @param queueDepth events waiting in the queue now
 * @param queueCapacity the queue's capacity
 * @param boundEndpoints endpoints bound, as the socket reports them (a {@code *} port resolved)
 * @param connectedEndpoints endpoints connected
 * @param subscribers peers connected to the socket now: subscribers, or the forwarder connected to
 * @param subscriptions topic prefixes subscribers asked for, with how many times each was asked
 * for; {@code ""} is everything
 * @param failure why the appender failed to start or the publisher stopped, or {@code null}
 */
public record ZmqLogStats(boolean started, boolean publisherAlive, String publisherThreadState, boolean paused,
		String rootTopic, String threshold, long enqueued, long sent, long truncated, Map<DropReason, Long> dropped,
		int queueDepth, int queueCapacity, List<String> boundEndpoints, List<String> connectedEndpoints,
		int subscribers, Map<String, Integer> subscriptions, @Nullable String failure) {

	/**
	 * Returns the number of events dropped for any reason.
	 * @return the sum of {@link #dropped()}
	 */
	public long droppedTotal() {
		return this.dropped.values().stream().mapToLong(Long::longValue).sum();
	}

	/**
	 * Returns the number of events dropped for one reason.
	 * @param reason the reason
	 * @return the count
	 */
	public long dropped(DropReason reason) {
		return this.dropped.getOrDefault(reason, 0L);
	}

}

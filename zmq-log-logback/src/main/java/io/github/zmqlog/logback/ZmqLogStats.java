package io.github.zmqlog.logback;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A read-only snapshot of what a {@link ZmqLogAppender} has done, for health checks and
 * endpoints. The configuration is not part of it: the appender's getters return that.
 * Meters polled often read {@link ZmqLogAppender#getCounters()} instead, which copies
 * nothing.
 *
 * @param started whether the appender is started
 * @param counts what happened to the events appended
 * @param queue the queue between logging threads and the publisher thread
 * @param socket the socket's endpoints and peers
 * @param publisher the publisher thread
 * @param curve CURVE security, counts only: keys never appear in the stats
 */
public record ZmqLogStats(boolean started, Counts counts, Queue queue, Socket socket, Publisher publisher,
		Curve curve) {

	/**
	 * What happened to the events appended: counts only grow.
	 *
	 * <p>
	 * Every event that passes the threshold and the filters is sent, dropped under
	 * exactly one reason, or still queued. Some reasons are counted before the event is
	 * queued, and such an event never counts as {@code enqueued}: {@code QUEUE_FULL},
	 * {@code PAUSED}, {@code RECURSIVE}, {@code NOT_STARTED} while the appender is
	 * stopped, and {@code SEND_FAILED} when the event cannot be prepared on the logging
	 * thread. The others are counted after queueing: {@code TOO_LARGE},
	 * {@code SEND_FAILED}, {@code SHUTDOWN}, {@code SUBSCRIBER_FULL}, and
	 * {@code NOT_STARTED} for events that raced with {@code stop()}. So once the queue
	 * has drained, {@code enqueued} equals {@code sent} plus the drops counted after
	 * queueing, and the events appended equal {@code sent} plus {@link #droppedTotal()}.
	 *
	 * @param enqueued events handed to the publisher thread
	 * @param sent events the socket accepted (a PUB socket still drops silently for a
	 * subscriber past its high-water mark unless {@code noDrop} is set, and when there is
	 * none)
	 * @param truncated events whose body was cut to {@code maxMessageSize} (they are also
	 * sent)
	 * @param dropped events not published, by reason; every reason is present
	 */
	public record Counts(long enqueued, long sent, long truncated, Map<DropReason, Long> dropped) {

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

	/**
	 * The queue between logging threads and the publisher thread.
	 *
	 * @param depth events waiting in the queue now
	 * @param capacity the queue's capacity
	 * @param largeEventBytes what the large events in the queue hold now, in bytes, as
	 * estimated when they were queued
	 * @param maxLargeEventBytes what they may hold together ({@code maxQueuedBytes})
	 */
	public record Queue(int depth, int capacity, long largeEventBytes, long maxLargeEventBytes) {

	}

	/**
	 * The socket's endpoints and peers.
	 *
	 * @param boundEndpoints endpoints bound, as the socket reports them (a {@code *} port
	 * resolved)
	 * @param connectedEndpoints endpoints connected
	 * @param subscribers peers connected to the socket now: subscribers, or the forwarder
	 * connected to
	 * @param subscriptions topic prefixes subscribers hold now, with how many subscribers
	 * hold each; {@code ""} is everything. A subscriber that leaves takes its prefixes
	 * with it. At most a fixed number of prefixes is listed: any subscriber may send as
	 * many as it likes
	 * @param untrackedSubscriptions how many prefixes subscribers hold beyond those
	 * listed
	 */
	public record Socket(List<String> boundEndpoints, List<String> connectedEndpoints, int subscribers,
			Map<String, Integer> subscriptions, int untrackedSubscriptions) {

	}

	/**
	 * The publisher thread, which owns the socket.
	 *
	 * @param alive whether the publisher thread is running
	 * @param threadState the publisher thread's state ({@code TERMINATED} when stopped,
	 * {@code NEW} before the first start)
	 * @param failure why the appender failed to start or the publisher stopped, or
	 * {@code null}
	 */
	public record Publisher(boolean alive, String threadState, @Nullable String failure) {

	}

	/**
	 * CURVE security, without keys.
	 *
	 * @param enabled whether any CURVE option is set, so that the socket is, or at the
	 * next start will be, a CURVE server or client (or the start fails, naming the option
	 * at fault)
	 * @param allowedClientKeys how many client keys the running socket allows, from the
	 * list and the file; 0 when not started with CURVE
	 * @param allowAnyClient whether every client that completes the handshake may
	 * subscribe
	 * @param admittedClients clients the CURVE socket admitted since the last start (a
	 * client that reconnects is counted again)
	 * @param refusedClients CURVE handshakes refused since the last start: clients not on
	 * the allowlist (a refused client may keep retrying, each attempt counted)
	 * @param zapHandlerFailure why the ZAP handler, which admits clients, stopped
	 * answering, or {@code null} while it answers (or without CURVE); until the next
	 * start every client is then refused, allowed ones too
	 * @param client whether the socket is (or, not started, would be) a CURVE client of
	 * the endpoints it connects to rather than a server on its bound endpoints; a client
	 * has no allowlist and no ZAP handler, so the counts above stay 0
	 */
	public record Curve(boolean enabled, int allowedClientKeys, boolean allowAnyClient, long admittedClients,
			long refusedClients, @Nullable String zapHandlerFailure, boolean client) {

	}

}

package io.github.zmqlog.logback;

import java.util.List;
import java.util.function.Supplier;

import ch.qos.logback.classic.Level;
import org.jspecify.annotations.Nullable;

import io.github.zmqlog.logback.transport.DeliveryCounters;
import io.github.zmqlog.logback.transport.ZmqLogPublisher;

/**
 * A live, read-only view of a {@link ZmqLogAppender}'s counts, for meters a registry
 * polls: each read sums one counter or reads one field, and copies nothing. The counts
 * mean what the same names in {@link ZmqLogStats.Counts} mean;
 * {@link ZmqLogAppender#getStats()} gives a consistent snapshot of everything at once.
 *
 * <p>
 * Sent and dropped events are also counted by their level, and the totals are the sums
 * over the levels. A drop counted where the event is no longer at hand has no level: a
 * place in the queue its logging thread never wrote
 * ({@link DropReason#HANDOFF_ABANDONED}), the events that raced with a stop, and what a
 * publisher thread that dies of an {@link Error} still held
 * ({@link #droppedAtUnknownLevel}).
 *
 * <p>
 * Thread-safety: safe to read from any thread while events are appended.
 */
public final class ZmqLogCounters {

	/** The levels events are counted under, {@code TRACE} to {@code ERROR}. */
	public static final List<Level> LEVELS = List.of(Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR);

	private final DeliveryCounters counters;

	private final Supplier<@Nullable ZmqLogPublisher> publisher;

	ZmqLogCounters(DeliveryCounters counters, Supplier<@Nullable ZmqLogPublisher> publisher) {
		this.counters = counters;
		this.publisher = publisher;
	}

	/**
	 * Returns the number of events handed to the publisher thread.
	 * @return the count
	 */
	public long enqueued() {
		return this.counters.enqueued.sum();
	}

	/**
	 * Returns the number of events the socket accepted.
	 * @return the count
	 */
	public long sent() {
		return this.counters.sent();
	}

	/**
	 * Returns the number of events of one level the socket accepted.
	 * @param level one of {@link #LEVELS}
	 * @return the count, 0 for any other level
	 */
	public long sent(Level level) {
		int index = DeliveryCounters.levelIndex(level);
		return (index != DeliveryCounters.UNKNOWN_LEVEL) ? this.counters.sent(index) : 0;
	}

	/**
	 * Returns the number of events whose body was cut to {@code maxMessageSize}.
	 * @return the count
	 */
	public long truncated() {
		return this.counters.truncated.sum();
	}

	/**
	 * Returns the number of events dropped for one reason.
	 * @param reason the reason
	 * @return the count
	 */
	public long dropped(DropReason reason) {
		return this.counters.dropped(reason);
	}

	/**
	 * Returns the number of events of one level dropped for one reason.
	 * @param reason the reason
	 * @param level one of {@link #LEVELS}
	 * @return the count, 0 for any other level
	 */
	public long dropped(DropReason reason, Level level) {
		int index = DeliveryCounters.levelIndex(level);
		return (index != DeliveryCounters.UNKNOWN_LEVEL) ? this.counters.dropped(reason, index) : 0;
	}

	/**
	 * Returns the number of events dropped for one reason where their level was no longer
	 * at hand.
	 * @param reason the reason
	 * @return the count
	 */
	public long droppedAtUnknownLevel(DropReason reason) {
		return this.counters.dropped(reason, DeliveryCounters.UNKNOWN_LEVEL);
	}

	/**
	 * Returns the number of events dropped for any reason.
	 * @return the count
	 */
	public long droppedTotal() {
		return this.counters.droppedTotal();
	}

	/**
	 * Returns the number of events waiting in the queue now.
	 * @return the count, 0 before the first start
	 */
	public int queueDepth() {
		ZmqLogPublisher current = this.publisher.get();
		return (current != null) ? current.queueDepth() : 0;
	}

	/**
	 * Returns what the large events waiting in the queue now weigh against
	 * {@code maxQueuedBytes}.
	 * @return the bytes, 0 before the first start
	 */
	public long queuedBytes() {
		ZmqLogPublisher current = this.publisher.get();
		return (current != null) ? current.queuedBytes() : 0;
	}

	/**
	 * Returns the number of peers connected to the socket now.
	 * @return the count, 0 while the publisher thread is not running
	 */
	public int subscribers() {
		ZmqLogPublisher current = this.publisher.get();
		return (current != null && current.isAlive()) ? current.subscribers() : 0;
	}

	ZmqLogStats.Counts snapshot() {
		return new ZmqLogStats.Counts(enqueued(), sent(), truncated(), this.counters.droppedByReason());
	}

}

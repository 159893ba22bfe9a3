package io.github.zmqlog.logback.transport;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import io.github.zmqlog.logback.DropReason;

/**
 * The appender's counts, written by logging threads and the publisher thread alike.
 * {@link LongAdder}s keep the logging threads from contending on one cache line.
 */
public final class DeliveryCounters {

	/** Events handed to the publisher thread. */
	public final LongAdder enqueued = new LongAdder();

	/** Events the socket accepted. */
	public final LongAdder sent = new LongAdder();

	/** Events whose body was cut to the largest size (they are also sent). */
	public final LongAdder truncated = new LongAdder();

	private final LongAdder[] dropped = new LongAdder[DropReason.values().length];

	/**
	 * Creates counters, all zero.
	 */
	public DeliveryCounters() {
		for (int i = 0; i < this.dropped.length; i++) {
			this.dropped[i] = new LongAdder();
		}
	}

	/**
	 * Counts a dropped event.
	 * @param reason why it was dropped
	 */
	public void drop(DropReason reason) {
		this.dropped[reason.ordinal()].increment();
	}

	/**
	 * Counts dropped events.
	 * @param reason why they were dropped
	 * @param count how many
	 */
	public void drop(DropReason reason, long count) {
		this.dropped[reason.ordinal()].add(count);
	}

	public long dropped(DropReason reason) {
		return this.dropped[reason.ordinal()].sum();
	}

	/**
	 * Returns how many events were dropped for any reason.
	 * @return the sum over every reason
	 */
	public long droppedTotal() {
		long total = 0;
		for (LongAdder adder : this.dropped) {
			total += adder.sum();
		}
		return total;
	}

	/**
	 * Returns how many events were dropped, by reason.
	 * @return a count for every reason
	 */
	public Map<DropReason, Long> droppedByReason() {
		Map<DropReason, Long> byReason = new EnumMap<>(DropReason.class);
		for (DropReason reason : DropReason.values()) {
			byReason.put(reason, dropped(reason));
		}
		return Collections.unmodifiableMap(byReason);
	}

}

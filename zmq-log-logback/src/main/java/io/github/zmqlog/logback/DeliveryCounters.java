package io.github.zmqlog.logback;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The appender's counts, written by logging threads and the publisher thread alike.
 * {@link LongAdder}s keep the logging threads from contending on one cache line.
 */
final class DeliveryCounters {

	final LongAdder enqueued = new LongAdder();

	final LongAdder sent = new LongAdder();

	final LongAdder truncated = new LongAdder();

	private final LongAdder[] dropped = new LongAdder[DropReason.values().length];

	DeliveryCounters() {
		for (int i = 0; i < this.dropped.length; i++) {
			this.dropped[i] = new LongAdder();
		}
	}

	void drop(DropReason reason) {
		this.dropped[reason.ordinal()].increment();
	}

	void drop(DropReason reason, long count) {
		this.dropped[reason.ordinal()].add(count);
	}

	long dropped(DropReason reason) {
		return this.dropped[reason.ordinal()].sum();
	}

	long droppedTotal() {
		long total = 0;
		for (LongAdder adder : this.dropped) {
			total += adder.sum();
		}
		return total;
	}

	Map<DropReason, Long> droppedByReason() {
		Map<DropReason, Long> byReason = new EnumMap<>(DropReason.class);
		for (DropReason reason : DropReason.values()) {
			byReason.put(reason, dropped(reason));
		}
		return Collections.unmodifiableMap(byReason);
	}

}

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

	public final LongAdder enqueued = new LongAdder();

	public final LongAdder sent = new LongAdder();

	public final LongAdder truncated = new LongAdder();

	private final LongAdder[] dropped = new LongAdder[DropReason.values().length];

	public DeliveryCounters() {
		for (int i = 0; i < this.dropped.length; i++) {
			this.dropped[i] = new LongAdder();
		}
	}

	public void drop(DropReason reason) {
		this.dropped[reason.ordinal()].increment();
	}

	public void drop(DropReason reason, long count) {
		this.dropped[reason.ordinal()].add(count);
	}

	public long dropped(DropReason reason) {
		return this.dropped[reason.ordinal()].sum();
	}

	public long droppedTotal() {
		long total = 0;
		for (LongAdder adder : this.dropped) {
			total += adder.sum();
		}
		return total;
	}

	public Map<DropReason, Long> droppedByReason() {
		Map<DropReason, Long> byReason = new EnumMap<>(DropReason.class);
		for (DropReason reason : DropReason.values()) {
			byReason.put(reason, dropped(reason));
		}
		return Collections.unmodifiableMap(byReason);
	}

}

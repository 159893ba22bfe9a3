package io.github.zmqlog.logback.transport;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;

import io.github.zmqlog.logback.DropReason;

/**
 * The appender's counts, written by logging threads and the publisher thread alike.
 * {@link LongAdder}s keep the logging threads from contending on one cache line. Sent and
 * dropped events are counted by level, the totals being the sums over the levels: a count
 * whose event is no longer at hand (a batch counted at once, a queue place its producer
 * never wrote) goes under {@link #UNKNOWN_LEVEL}.
 */
public final class DeliveryCounters {

	/** How many levels events are counted under: Logback's five and the unknown one. */
	public static final int LEVELS = 6;

	/** Where a count goes whose event's level is not at hand. */
	public static final int UNKNOWN_LEVEL = LEVELS - 1;

	/** Events handed to the publisher thread. */
	public final LongAdder enqueued = new LongAdder();

	/** Events whose body was cut to the largest size (they are also sent). */
	public final LongAdder truncated = new LongAdder();

	/** Events the socket accepted, by level index. */
	private final LongAdder[] sent = adders(LEVELS);

	/** Events dropped, at {@code [reason.ordinal() * LEVELS + level index]}. */
	private final LongAdder[] dropped = adders(DropReason.values().length * LEVELS);

	private static LongAdder[] adders(int count) {
		LongAdder[] adders = new LongAdder[count];
		for (int i = 0; i < count; i++) {
			adders[i] = new LongAdder();
		}
		return adders;
	}

	/**
	 * Returns where a level is counted: {@code TRACE} 0 to {@code ERROR} 4.
	 * @param level an event's level
	 * @return its index, {@link #UNKNOWN_LEVEL} for any other level
	 */
	public static int levelIndex(Level level) {
		return switch (level.toInt()) {
			case Level.TRACE_INT -> 0;
			case Level.DEBUG_INT -> 1;
			case Level.INFO_INT -> 2;
			case Level.WARN_INT -> 3;
			case Level.ERROR_INT -> 4;
			default -> UNKNOWN_LEVEL;
		};
	}

	/**
	 * Counts an event the socket accepted; the publisher thread.
	 * @param level the event's {@link #levelIndex level index}
	 */
	public void countSent(int level) {
		this.sent[level].increment();
	}

	/**
	 * Returns how many events the socket accepted.
	 * @return the sum over every level
	 */
	public long sent() {
		return sum(this.sent, 0, LEVELS);
	}

	/**
	 * Returns how many events of one level the socket accepted.
	 * @param level a {@link #levelIndex level index}
	 * @return the count
	 */
	public long sent(int level) {
		return this.sent[level].sum();
	}

	/**
	 * Counts a dropped event whose level is not at hand.
	 * @param reason why it was dropped
	 */
	public void drop(DropReason reason) {
		dropAt(reason, UNKNOWN_LEVEL);
	}

	/**
	 * Counts a dropped event.
	 * @param reason why it was dropped
	 * @param level the event's {@link #levelIndex level index}
	 */
	public void dropAt(DropReason reason, int level) {
		this.dropped[reason.ordinal() * LEVELS + level].increment();
	}

	/**
	 * Counts a dropped event.
	 * @param reason why it was dropped
	 * @param level the event's level
	 */
	public void drop(DropReason reason, Level level) {
		dropAt(reason, levelIndex(level));
	}

	/**
	 * Counts dropped events whose levels are not at hand.
	 * @param reason why they were dropped
	 * @param count how many
	 */
	public void dropUnknown(DropReason reason, long count) {
		this.dropped[reason.ordinal() * LEVELS + UNKNOWN_LEVEL].add(count);
	}

	/**
	 * Counts dropped events by their levels.
	 * @param reason why they were dropped
	 * @param events the events
	 */
	public void drop(DropReason reason, List<? extends ILoggingEvent> events) {
		for (ILoggingEvent event : events) {
			drop(reason, event.getLevel());
		}
	}

	/**
	 * Returns how many events were dropped for one reason.
	 * @param reason the reason
	 * @return the sum over every level
	 */
	public long dropped(DropReason reason) {
		return sum(this.dropped, reason.ordinal() * LEVELS, LEVELS);
	}

	/**
	 * Returns how many events of one level were dropped for one reason.
	 * @param reason the reason
	 * @param level a {@link #levelIndex level index}, or {@link #UNKNOWN_LEVEL}
	 * @return the count
	 */
	public long dropped(DropReason reason, int level) {
		return this.dropped[reason.ordinal() * LEVELS + level].sum();
	}

	/**
	 * Returns how many events were dropped for any reason.
	 * @return the sum over every reason and level
	 */
	public long droppedTotal() {
		return sum(this.dropped, 0, this.dropped.length);
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

	private static long sum(LongAdder[] adders, int from, int count) {
		long total = 0;
		for (int i = from; i < from + count; i++) {
			total += adders[i].sum();
		}
		return total;
	}

}

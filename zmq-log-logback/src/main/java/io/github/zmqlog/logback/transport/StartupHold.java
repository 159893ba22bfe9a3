package io.github.zmqlog.logback.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.zmqlog.logback.DropReason;
import io.github.zmqlog.logback.format.PublishableEvent;

/**
 * The first events of a publisher, kept on its thread until a subscriber could have seen
 * them: a PUB socket sends what it has to nobody until a subscription arrives (the "slow
 * joiner"), so the first lines of an application reach even a subscriber that waited for
 * it only if they wait too. The hold ends at the first subscription, at its deadline or
 * at a stop, once; it is bounded in count and bytes, and what does not fit is counted as
 * {@link DropReason#STARTUP_HOLD_FULL}.
 *
 * <p>
 * Used by the publisher thread alone; logging threads never see it.
 */
public final class StartupHold {

	/**
	 * What a small event holds at most: the queue does not weigh events of up to
	 * {@link PublishableEvent#LARGE_CHARS} characters, so the hold weighs each at that.
	 */
	static final long SMALL_EVENT_BYTES = 256 + 2L * PublishableEvent.LARGE_CHARS;

	private final Bounds bounds;

	private final List<PublishableEvent> held = new ArrayList<>();

	private long heldBytes;

	private long deadline;

	private boolean holding;

	/**
	 * Creates a hold, not begun.
	 * @param bounds its bounds
	 */
	StartupHold(Bounds bounds) {
		this.bounds = bounds;
	}

	/**
	 * Begins to hold, when the socket has opened.
	 * @param now {@link System#nanoTime()}
	 */
	void begin(long now) {
		this.holding = this.bounds.nanos() > 0;
		this.deadline = now + this.bounds.nanos();
	}

	/**
	 * Returns whether events are held now.
	 * @return whether the hold is on
	 */
	boolean isHolding() {
		return this.holding;
	}

	/**
	 * Returns whether the hold's time is up.
	 * @param now {@link System#nanoTime()}
	 * @return whether the deadline has passed
	 */
	boolean isDue(long now) {
		return now - this.deadline >= 0;
	}

	/**
	 * Keeps what fits of a batch, in order, and counts the rest.
	 * @param batch events drained from the queue
	 * @param counters where what does not fit is counted
	 */
	void take(List<PublishableEvent> batch, DeliveryCounters counters) {
		for (PublishableEvent event : batch) {
			long weight = Math.max(event.heldBytes(), SMALL_EVENT_BYTES);
			if (this.held.size() < this.bounds.maxEvents() && this.heldBytes + weight <= this.bounds.maxBytes()) {
				this.held.add(event);
				this.heldBytes += weight;
			}
			else {
				counters.drop(DropReason.STARTUP_HOLD_FULL, event.getLevel());
			}
		}
	}

	/**
	 * Ends the hold and hands over what it kept.
	 * @return the events, in the order they were logged; a list the caller may change
	 */
	List<PublishableEvent> release() {
		this.holding = false;
		List<PublishableEvent> events = new ArrayList<>(this.held);
		this.held.clear();
		this.heldBytes = 0;
		return events;
	}

	/**
	 * How long and how much the first events are held.
	 *
	 * @param nanos the longest hold, 0 for none
	 * @param maxEvents the most events held
	 * @param maxBytes the most bytes held
	 */
	public record Bounds(long nanos, int maxEvents, long maxBytes) {

		/** No hold. */
		public static final Bounds NONE = new Bounds(0, 0, 0);

		/**
		 * Creates bounds from a time in milliseconds.
		 * @param millis the longest hold
		 * @param maxEvents the most events held
		 * @param maxBytes the most bytes held
		 * @return the bounds
		 */
		public static Bounds ofMillis(long millis, int maxEvents, long maxBytes) {
			return new Bounds(TimeUnit.MILLISECONDS.toNanos(millis), maxEvents, maxBytes);
		}

	}

}

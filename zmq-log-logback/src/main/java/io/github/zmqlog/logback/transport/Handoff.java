package io.github.zmqlog.logback.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToLongFunction;

import ch.qos.logback.classic.Level;
import ch.qos.logback.core.spi.ContextAware;

import io.github.zmqlog.logback.DropReason;
import io.github.zmqlog.logback.OverflowPolicy;
import io.github.zmqlog.logback.status.StatusReports;
import io.github.zmqlog.logback.status.StatusThrottle;
import io.github.zmqlog.logback.thread.ThreadStart;
import io.github.zmqlog.logback.transport.EventQueue.Offer;

/**
 * The hand-off from logging threads to the one consumer thread: a lock-free
 * {@link EventQueue}, the overflow policy, and the two flags that keep every event
 * counted without a lock.
 *
 * <p>
 * Producers (any logging thread) call {@link #dropIfFull} and {@link #submit}. The
 * consumer drains, parks in {@link #awaitEvent} with {@code sleeping} raised so that the
 * next producer unparks it, and finally calls {@link #close}. A producer whose event
 * lands after the consumer's last drain sees {@code closed} and takes the queue back
 * itself, counting what it finds; whoever drains after the close goes through
 * {@link EventQueue#drainAfterClose}, one at a time, so each event is counted once. A
 * place a producer claimed and never wrote is skipped after {@link #STALL_NANOS} and
 * counted as {@link DropReason#HANDOFF_ABANDONED}.
 *
 * @param <E> the type of the events
 */
final class Handoff<E> {

	private static final long MIN_BLOCK_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(20);

	private static final long MAX_BLOCK_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

	/**
	 * How long the consumer waits for a place claimed and not written before it skips the
	 * place: longer than a busy machine deschedules a thread, short enough that the
	 * events behind it are not held up for long.
	 */
	static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	private final EventQueue<E> queue;

	private final OverflowPolicy overflowPolicy;

	private final long maxBlockNanos;

	private final Thread consumer;

	private final DeliveryCounters counters;

	private final long maxBytes;

	private final ToLongFunction<E> sizeOf;

	/**
	 * What the large events in the queue hold, in bytes, as {@code sizeOf} weighs them.
	 */
	private final AtomicLong queuedBytes = new AtomicLong();

	private final StatusThrottle bytesFullStatus = new StatusThrottle();

	private final ContextAware status;

	private final StatusThrottle queueFullStatus = new StatusThrottle();

	private final StatusThrottle interruptedStatus = new StatusThrottle();

	private long reportedInterrupts;

	private final StatusThrottle abandonedStatus = new StatusThrottle();

	/**
	 * Why events are dropped once the consumer is gone; written before {@code closed}.
	 */
	private volatile DropReason closedReason = DropReason.NOT_STARTED;

	private volatile boolean closed;

	private volatile boolean sleeping;

	/**
	 * Creates a hand-off.
	 * @param capacity how many events the queue holds
	 * @param overflowPolicy what a full queue does
	 * @param maxBlockNanos with {@link OverflowPolicy#BLOCK}, the longest wait for room
	 * @param consumer the thread that drains the queue, unparked when there is work
	 * @param counters where events are counted
	 * @param status where a full queue is reported
	 */
	Handoff(int capacity, OverflowPolicy overflowPolicy, long maxBlockNanos, Thread consumer, DeliveryCounters counters,
			ContextAware status) {
		this(capacity, Long.MAX_VALUE, (event) -> 0, overflowPolicy, maxBlockNanos, consumer, counters, status);
	}

	/**
	 * Creates a hand-off whose queue is bounded in bytes too.
	 * @param capacity how many events the queue holds
	 * @param maxBytes what the large events in the queue may hold together, in bytes
	 * @param sizeOf weighs an event: its size in bytes when it is large, 0 for a small
	 * one (the count bounds those)
	 * @param overflowPolicy what a full queue does
	 * @param maxBlockNanos with {@link OverflowPolicy#BLOCK}, the longest wait for room
	 * @param consumer the thread that drains the queue, unparked when there is work
	 * @param counters where events are counted
	 * @param status where a full queue is reported
	 */
	Handoff(int capacity, long maxBytes, ToLongFunction<E> sizeOf, OverflowPolicy overflowPolicy, long maxBlockNanos,
			Thread consumer, DeliveryCounters counters, ContextAware status) {
		this.maxBytes = maxBytes;
		this.sizeOf = sizeOf;
		this.queue = new EventQueue<>(capacity, STALL_NANOS, this::countAbandoned);
		this.overflowPolicy = overflowPolicy;
		this.maxBlockNanos = maxBlockNanos;
		this.consumer = consumer;
		this.counters = counters;
		this.status = status;
	}

	/**
	 * Drops an event before it is frozen when the consumer is gone, or when the queue is
	 * full and the policy is to drop, so that such a caller pays for counting it only and
	 * takes no lock; any thread.
	 * @param level the event's level, what a drop is counted under
	 * @return whether the event was dropped and counted
	 */
	boolean dropIfFull(Level level) {
		if (this.closed) {
			this.counters.drop(this.closedReason, level);
			return true;
		}
		if (this.overflowPolicy == OverflowPolicy.DROP && this.queue.isFull()) {
			dropQueueFull(level);
			return true;
		}
		return false;
	}

	/**
	 * Queues an event, applying the overflow policy; any thread.
	 * @param event the event
	 * @param level the event's level, what a drop is counted under
	 */
	void submit(E event, Level level) {
		long bytes = this.sizeOf.applyAsLong(event);
		if (bytes > 0 && !reserve(bytes, level)) {
			return;
		}
		Offer offer = this.queue.offer(event);
		if (offer == Offer.FULL && this.overflowPolicy == OverflowPolicy.BLOCK) {
			offer = offerWaiting(event);
		}
		if (offer != Offer.QUEUED && bytes > 0) {
			this.queuedBytes.addAndGet(-bytes);
		}
		if (offer == Offer.TOO_LATE) {
			// The consumer skipped the place and counted it.
			return;
		}
		if (offer == Offer.FULL) {
			dropQueueFull(level);
			return;
		}
		this.counters.enqueued.increment();
		if (this.closed) {
			// The consumer may have made its last drain before this event arrived: only
			// the events that raced with the close come here.
			this.counters.dropUnknown(this.closedReason, drainAfterClose().size());
		}
		else if (this.sleeping) {
			LockSupport.unpark(this.consumer);
		}
	}

	/**
	 * Takes room for a large event out of the byte budget, or drops and counts it.
	 * @param bytes the event's size
	 * @param level the event's level
	 * @return whether the event may be queued
	 */
	private boolean reserve(long bytes, Level level) {
		if (this.queuedBytes.addAndGet(bytes) <= this.maxBytes) {
			return true;
		}
		this.queuedBytes.addAndGet(-bytes);
		this.counters.drop(DropReason.QUEUE_FULL, level);
		if (this.bytesFullStatus.allow()) {
			StatusReports.warn(this.status, "Large events in the queue reached maxQueuedBytes (" + this.maxBytes
					+ " bytes): dropping events (each drop is counted in the stats as QUEUE_FULL)", null);
		}
		return false;
	}

	private void dropQueueFull(Level level) {
		this.counters.drop(DropReason.QUEUE_FULL, level);
		if (this.queueFullStatus.allow()) {
			StatusReports.warn(this.status, "Queue of " + this.queue.capacity()
					+ " events is full: dropping events (each drop is counted in the stats)", null);
		}
	}

	/**
	 * Counts a place the consumer skipped because its producer did not write it in time:
	 * the event entered the queue and is dropped.
	 */
	private void countAbandoned() {
		this.counters.enqueued.increment();
		this.counters.drop(DropReason.HANDOFF_ABANDONED);
		if (this.abandonedStatus.allow()) {
			StatusReports.warn(this.status,
					"A logging thread claimed a place in the queue and did not write it within "
							+ TimeUnit.NANOSECONDS.toMillis(STALL_NANOS) + " ms: the place is skipped and counted",
					null);
		}
	}

	/**
	 * Waits up to the maximum block time for room in the queue, waking the consumer so
	 * that it makes some. Without a lock to wait on, the caller parks in short, growing
	 * steps.
	 * @param event the event to queue
	 * @return what the last offer did
	 */
	private Offer offerWaiting(E event) {
		long deadline = System.nanoTime() + this.maxBlockNanos;
		long pause = MIN_BLOCK_PAUSE_NANOS;
		while (!this.closed) {
			LockSupport.unpark(this.consumer);
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return Offer.FULL;
			}
			LockSupport.parkNanos(this, Math.min(pause, left));
			if (Thread.interrupted()) {
				Thread.currentThread().interrupt();
				return Offer.FULL;
			}
			Offer offer = this.queue.offer(event);
			if (offer != Offer.FULL) {
				return offer;
			}
			pause = Math.min(pause * 2, MAX_BLOCK_PAUSE_NANOS);
		}
		return Offer.FULL;
	}

	/**
	 * Moves up to {@code max} queued events into a list; the consumer only.
	 * @param batch the list to add to
	 * @param max the most events to move
	 * @return how many were moved
	 */
	int drainTo(List<E> batch, int max) {
		int from = batch.size();
		int moved = this.queue.drainTo(batch, max);
		release(batch, from);
		return moved;
	}

	/**
	 * Gives the byte budget back for the events the queue no longer holds.
	 * @param taken the list the events went to
	 * @param from where they begin in it
	 */
	private void release(List<E> taken, int from) {
		if (this.queuedBytes.get() == 0) {
			// No large event is queued or taken: each is weighed into the budget before
			// it is offered, and leaves it only here or when its offer fails.
			return;
		}
		long bytes = 0;
		for (int i = from; i < taken.size(); i++) {
			bytes += this.sizeOf.applyAsLong(taken.get(i));
		}
		if (bytes > 0) {
			this.queuedBytes.addAndGet(-bytes);
		}
	}

	/**
	 * Returns what the large events in the queue hold; any thread.
	 * @return the bytes, as the events were weighed
	 */
	long queuedBytes() {
		return Math.max(0, this.queuedBytes.get());
	}

	/**
	 * Returns whether nothing is queued and no producer is adding; any thread.
	 * @return whether the queue is empty
	 */
	boolean isEmpty() {
		return this.queue.isEmpty();
	}

	/**
	 * Parks the consumer until a producer queues an event or the time is up; the consumer
	 * only. Anyone else who unparks the consumer (a stop request) ends the wait too.
	 * @param nanos the longest wait
	 */
	void awaitEvent(long nanos) {
		this.sleeping = true;
		// Raised before looking: a producer that queues after this look sees the flag and
		// unparks.
		if (this.queue.isEmpty()) {
			LockSupport.parkNanos(this, nanos);
		}
		this.sleeping = false;
	}

	/**
	 * Reports, now and then, interrupts someone else delivered to the consumer; the
	 * consumer only. Its thread refuses them ({@link ThreadStart#daemon}); a flag set
	 * anyway is cleared before the thread next uses its socket, since with it set a park
	 * returns at once (the thread would spin) and JeroMQ's next channel operation closes
	 * the channel.
	 */
	void ignoreInterrupt() {
		boolean flagged = Thread.interrupted();
		long refused = ThreadStart.refusedInterrupts();
		if ((flagged || refused != this.reportedInterrupts) && this.interruptedStatus.allow()) {
			this.reportedInterrupts = refused;
			StatusReports.warn(this.status, "The publisher thread was interrupted; the interrupt is ignored (JeroMQ"
					+ " sockets must not be interrupted)", null);
		}
	}

	/**
	 * Marks the consumer gone: from now on, producers count what they queue themselves.
	 * @param reason what the events are counted as: {@link DropReason#NOT_STARTED} after
	 * a stop, {@link DropReason#PUBLISHER_FAILED} after the consumer died
	 */
	void close(DropReason reason) {
		this.closedReason = reason;
		this.closed = true;
	}

	/**
	 * Takes every queued event, waiting for those being written; any thread, after
	 * {@link #close}.
	 * @return the events
	 */
	List<E> drainAfterClose() {
		List<E> rest = new ArrayList<>();
		this.queue.drainAfterClose(rest);
		release(rest, 0);
		return rest;
	}

	/**
	 * Returns how many events are queued; any thread.
	 * @return the queue's depth
	 */
	int size() {
		return this.queue.size();
	}

	/**
	 * Returns how many events the queue holds at most.
	 * @return the capacity
	 */
	int capacity() {
		return this.queue.capacity();
	}

}

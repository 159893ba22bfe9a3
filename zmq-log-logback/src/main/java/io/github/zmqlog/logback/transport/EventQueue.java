package io.github.zmqlog.logback.transport;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * A bounded queue for many producers and one consumer, without locks on either side.
 *
 * <p>
 * A producer claims a place with a compare-and-set on the producer index, then takes the
 * place's slot with a compare-and-set on the slot's sequence number, writes its element
 * and publishes it with one volatile store; it never waits, and a full queue is reported
 * by {@link #offer} returning {@link Offer#FULL}. The consumer takes elements in order
 * and frees their slots.
 *
 * <p>
 * A place can be claimed and not written: its producer is descheduled between the two
 * compare-and-sets, or an {@link Error} such as {@link StackOverflowError} strikes
 * between them. The consumer waits for such a place at most {@code stallNanos}, then
 * skips it by moving the slot's sequence on, and reports the skip; a producer that comes
 * back too late finds the sequence moved and learns from {@link Offer#TOO_LATE} that its
 * element was never queued. The sequence of a slot only grows, so a late producer can
 * never take a slot that a later round has reused. Between its second compare-and-set and
 * the publishing store a producer runs two field stores and calls nothing, so no
 * {@link StackOverflowError} can strike there; the consumer waits for such a slot without
 * skipping it.
 *
 * <p>
 * One thread at a time may consume. The publisher thread is the consumer until it closes;
 * after that, whoever drains goes through {@link #drainAfterClose}, one at a time.
 *
 * @param <E> the type of the elements
 */
final class EventQueue<E> {

	private static final VarHandle SEQUENCE;

	static {
		try {
			SEQUENCE = MethodHandles.lookup().findVarHandle(Slot.class, "sequence", long.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final int capacity;

	private final int mask;

	private final long length;

	private final Slot<E>[] slots;

	private final long stallNanos;

	private final Runnable onSkip;

	private final AtomicLong producerIndex = new AtomicLong();

	/**
	 * A lower bound of {@code consumerIndex + capacity}, so producers rarely read the
	 * consumer's index.
	 */
	private volatile long producerLimit;

	private final AtomicLong consumerIndex = new AtomicLong();

	/** Held by whoever drains after the close. */
	private final AtomicBoolean draining = new AtomicBoolean();

	/** The consumer's own: the place it found claimed and unwritten, and since when. */
	private long stalledIndex = -1;

	private long stalledSince;

	/**
	 * Creates a queue that does not skip places claimed and never written; for tests.
	 * @param capacity how many elements it holds at most
	 */
	EventQueue(int capacity) {
		this(capacity, Long.MAX_VALUE, () -> {
		});
	}

	/**
	 * Creates a queue.
	 * @param capacity how many elements it holds at most
	 * @param stallNanos how long the consumer waits for a place claimed and not written
	 * before it skips the place
	 * @param onSkip told, on the consuming thread, each time a place is skipped
	 */
	@SuppressWarnings("unchecked")
	EventQueue(int capacity, long stallNanos, Runnable onSkip) {
		if (capacity < 1 || capacity > (1 << 30)) {
			throw new IllegalArgumentException("capacity must be between 1 and 2^30, not " + capacity);
		}
		this.capacity = capacity;
		int length = Integer.highestOneBit(capacity);
		length = (length == capacity) ? length : length << 1;
		this.mask = length - 1;
		this.length = length;
		this.slots = new Slot[length];
		for (int i = 0; i < length; i++) {
			this.slots[i] = new Slot<>(i);
		}
		this.stallNanos = stallNanos;
		this.onSkip = onSkip;
		this.producerLimit = capacity;
	}

	/**
	 * Adds an element unless the queue is full; any thread.
	 * @param element the element
	 * @return whether it was queued
	 */
	Offer offer(E element) {
		long limit = this.producerLimit;
		long index;
		do {
			index = this.producerIndex.get();
			if (index >= limit) {
				limit = this.consumerIndex.get() + this.capacity;
				if (index >= limit) {
					return Offer.FULL;
				}
				this.producerLimit = limit;
			}
		}
		while (!this.producerIndex.compareAndSet(index, index + 1));
		return write(index, element);
	}

	/**
	 * Writes an element into a place this producer has claimed: the second half of
	 * {@link #offer}, apart so that tests can play a producer that comes back late.
	 * @param index the place
	 * @param element the element
	 * @return {@link Offer#QUEUED}, or {@link Offer#TOO_LATE} when the consumer has
	 * skipped the place
	 */
	Offer write(long index, E element) {
		Slot<E> slot = this.slots[(int) index & this.mask];
		if (!SEQUENCE.compareAndSet(slot, index, writing(index))) {
			// The consumer waited too long and skipped the place.
			return Offer.TOO_LATE;
		}
		// No call from here on: nothing can stop the thread between these two stores.
		slot.element = element;
		slot.sequence = index + 1;
		return Offer.QUEUED;
	}

	/**
	 * Returns whether an offer would fail now; any thread. Cheap while the queue has
	 * room: it reads the consumer's index only when the producers' cached limit is
	 * reached.
	 * @return {@code true} when the queue holds its capacity
	 */
	boolean isFull() {
		long index = this.producerIndex.get();
		if (index < this.producerLimit) {
			return false;
		}
		long limit = this.consumerIndex.get() + this.capacity;
		if (index < limit) {
			this.producerLimit = limit;
			return false;
		}
		return true;
	}

	/**
	 * Takes the oldest element; the consumer only. A place claimed and not written for
	 * longer than the stall bound is skipped here.
	 * @return the element, or {@code null} when there is none or it is not visible yet
	 */
	@Nullable E poll() {
		long index = this.consumerIndex.getPlain();
		Slot<E> slot = this.slots[(int) index & this.mask];
		long sequence = (long) SEQUENCE.getAcquire(slot);
		if (sequence == index + 1) {
			E element = slot.element;
			slot.element = null;
			// Frees the slot for the next round, then the place for producers.
			SEQUENCE.setRelease(slot, index + this.length);
			this.consumerIndex.setRelease(index + 1);
			return element;
		}
		if (sequence == index && this.producerIndex.get() > index) {
			skipIfStalled(slot, index);
		}
		return null;
	}

	private void skipIfStalled(Slot<E> slot, long index) {
		long now = System.nanoTime();
		if (this.stalledIndex != index) {
			this.stalledIndex = index;
			this.stalledSince = now;
		}
		else if (now - this.stalledSince >= this.stallNanos
				&& SEQUENCE.compareAndSet(slot, index, index + this.length)) {
			this.consumerIndex.setRelease(index + 1);
			this.onSkip.run();
		}
	}

	/**
	 * Moves up to {@code max} visible elements into a list; the consumer only.
	 * @param batch the list to add to
	 * @param max the most elements to move
	 * @return how many were moved
	 */
	int drainTo(List<E> batch, int max) {
		int moved = 0;
		E element;
		while (moved < max && (element = poll()) != null) {
			batch.add(element);
			moved++;
		}
		return moved;
	}

	/**
	 * Moves every element into a list, waiting for those whose places are claimed but not
	 * yet written, each at most the stall bound; any thread, once the regular consumer
	 * has stopped. Several threads may call it at once: one drains, the others wait until
	 * it has taken everything, their own elements included.
	 * @param rest the list to add to
	 * @return how many were moved
	 */
	int drainAfterClose(List<E> rest) {
		int moved = 0;
		while (!isEmpty()) {
			if (!this.draining.compareAndSet(false, true)) {
				Thread.yield();
				continue;
			}
			try {
				while (!isEmpty()) {
					E element = poll();
					if (element == null) {
						Thread.yield(); // a producer claimed the place and is about to
										// write it
						continue;
					}
					rest.add(element);
					moved++;
				}
			}
			finally {
				this.draining.set(false);
			}
		}
		return moved;
	}

	/**
	 * Returns whether no place is claimed.
	 * @return {@code true} when the queue holds nothing and no producer is adding
	 */
	boolean isEmpty() {
		return this.producerIndex.get() == this.consumerIndex.get();
	}

	/**
	 * Returns how many elements are queued, including those being written.
	 * @return the current size, between 0 and the capacity
	 */
	int size() {
		long size = this.producerIndex.get() - this.consumerIndex.get();
		return (int) Math.max(0, Math.min(this.capacity, size));
	}

	/**
	 * Returns how many elements the queue holds at most.
	 * @return the capacity
	 */
	int capacity() {
		return this.capacity;
	}

	/**
	 * The sequence of a slot while the producer of place {@code index} writes it:
	 * negative, so that it equals no place.
	 * @param index the place
	 * @return the sequence
	 */
	private static long writing(long index) {
		return -index - 1;
	}

	/**
	 * What an offer did.
	 */
	enum Offer {

		/** The element is queued. */
		QUEUED,

		/** The queue is full: the element is not queued. */
		FULL,

		/**
		 * The producer came back to its place after the consumer had skipped it: the
		 * element is not queued, and the consumer has already reported the place.
		 */
		TOO_LATE

	}

	/**
	 * One place's slot. Its sequence is the place it is free for ({@code index}), being
	 * written for ({@link #writing}), or holding an element for ({@code index + 1}).
	 *
	 * @param <E> the type of the element
	 */
	private static final class Slot<E> {

		volatile long sequence;

		@Nullable E element;

		Slot(long sequence) {
			this.sequence = sequence;
		}

	}

}

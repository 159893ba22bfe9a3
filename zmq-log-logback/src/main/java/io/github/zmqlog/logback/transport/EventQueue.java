package io.github.zmqlog.logback.transport;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.jspecify.annotations.Nullable;

/**
 * A bounded queue for many producers and one consumer, without locks on either side.
 *
 * <p>
 * A producer claims a slot with one compare-and-set on the producer index and then writes
 * its element; it never waits, and a full queue is reported by {@link #offer} returning
 * {@code false}. The consumer takes elements in order and frees their slots. An element
 * is visible a moment after its slot is claimed: until then {@link #poll} returns
 * {@code null} although {@link #isEmpty} is already {@code false}, and the consumer
 * simply tries again.
 *
 * <p>
 * One thread at a time may consume. The publisher thread is the consumer until it closes;
 * after that, whoever drains takes the lock of {@link #drainAfterClose}.
 *
 * @param <E> the type of the elements
 */
final class EventQueue<E> {

	private final int capacity;

	private final int mask;

	private final AtomicReferenceArray<E> slots;

	private final AtomicLong producerIndex = new AtomicLong();

	/**
	 * A lower bound of {@code consumerIndex + capacity}, so producers rarely read the
	 * consumer's index.
	 */
	private volatile long producerLimit;

	private final AtomicLong consumerIndex = new AtomicLong();

	/**
	 * Creates a queue.
	 * @param capacity how many elements it holds at most
	 */
	EventQueue(int capacity) {
		if (capacity < 1 || capacity > (1 << 30)) {
			throw new IllegalArgumentException("capacity must be between 1 and 2^30, not " + capacity);
		}
		this.capacity = capacity;
		int length = Integer.highestOneBit(capacity);
		length = (length == capacity) ? length : length << 1;
		this.mask = length - 1;
		this.slots = new AtomicReferenceArray<>(length);
		this.producerLimit = capacity;
	}

	/**
	 * Adds an element unless the queue is full; any thread.
	 * @param element the element
	 * @return whether it was added
	 */
	boolean offer(E element) {
		long limit = this.producerLimit;
		long index;
		do {
			index = this.producerIndex.get();
			if (index >= limit) {
				limit = this.consumerIndex.get() + this.capacity;
				if (index >= limit) {
					return false;
				}
				this.producerLimit = limit;
			}
		}
		while (!this.producerIndex.compareAndSet(index, index + 1));
		this.slots.setRelease((int) index & this.mask, element);
		return true;
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
	 * Takes the oldest element; the consumer only.
	 * @return the element, or {@code null} when there is none or it is not visible yet
	 */
	@Nullable E poll() {
		long index = this.consumerIndex.getPlain();
		int slot = (int) index & this.mask;
		E element = this.slots.getAcquire(slot);
		if (element == null) {
			return null;
		}
		this.slots.setPlain(slot, null);
		// Frees the slot for producers; the element was read first.
		this.consumerIndex.setRelease(index + 1);
		return element;
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
	 * Moves every element into a list, waiting for those whose slots are claimed but not
	 * yet written; any thread, one at a time, once the regular consumer has stopped.
	 * @param rest the list to add to
	 * @return how many were moved
	 */
	synchronized int drainAfterClose(List<E> rest) {
		int moved = 0;
		while (!isEmpty()) {
			E element = poll();
			if (element == null) {
				Thread.yield(); // a producer claimed the slot and is about to write it
				continue;
			}
			rest.add(element);
			moved++;
		}
		return moved;
	}

	/**
	 * Returns whether no slot is claimed.
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

}

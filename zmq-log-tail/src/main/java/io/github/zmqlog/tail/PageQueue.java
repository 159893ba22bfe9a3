package io.github.zmqlog.tail;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The events waiting for one page, bounded in count and in bytes. The source offers and
 * never waits: what does not fit is dropped and counted, so that a slow or hidden page
 * never slows the socket that feeds it (nor, through it, the publisher). The page's
 * stream thread drains it in batches, and tells the page the drop count. One lock guards
 * the queue and both counts.
 */
final class PageQueue {

	/** Events a page may have waiting without {@code capacity}. */
	static final int DEFAULT_CAPACITY = 10_000;

	/** Bytes a page may have waiting. */
	static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition notEmpty = this.lock.newCondition();

	private final ArrayDeque<WebEvent> events = new ArrayDeque<>();

	private final int capacity;

	private final long maxBytes;

	private long bytes;

	private long dropped;

	PageQueue(int capacity, long maxBytes) {
		this.capacity = capacity;
		this.maxBytes = maxBytes;
	}

	/**
	 * Adds an event unless the queue is full, never waiting.
	 * @param event the event
	 * @return whether it was queued; when not, it is counted as dropped
	 */
	boolean offer(WebEvent event) {
		long size = event.bytes();
		this.lock.lock();
		try {
			if (this.events.size() >= this.capacity || this.bytes + size > this.maxBytes) {
				this.dropped++;
				return false;
			}
			this.events.add(event);
			this.bytes += size;
			this.notEmpty.signal();
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Takes what is waiting, up to a number, waiting up to a timeout for the first.
	 * @param into where the events go, oldest first
	 * @param max the most to take
	 * @param timeout how long to wait for one, in milliseconds
	 * @return how many were taken
	 */
	int drain(List<WebEvent> into, int max, long timeout) throws InterruptedException {
		long nanos = TimeUnit.MILLISECONDS.toNanos(timeout);
		this.lock.lock();
		try {
			while (this.events.isEmpty()) {
				if (nanos <= 0) {
					return 0;
				}
				nanos = this.notEmpty.awaitNanos(nanos);
			}
			int taken = 0;
			while (taken < max && !this.events.isEmpty()) {
				WebEvent event = this.events.poll();
				this.bytes -= event.bytes();
				into.add(event);
				taken++;
			}
			return taken;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Returns how many events were dropped because the page was too slow.
	 * @return the count since the page opened
	 */
	long dropped() {
		this.lock.lock();
		try {
			return this.dropped;
		}
		finally {
			this.lock.unlock();
		}
	}

}

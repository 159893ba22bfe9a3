package io.github.zmqlog.benchmarks;

import java.util.concurrent.locks.LockSupport;

/**
 * Paces one calling thread at a fixed rate without spinning: the thread keeps a schedule
 * of one event per period and sleeps only when it is more than {@link #SLEEP_AHEAD_NANOS}
 * ahead of it. Sleeps on Linux last at least ~60 µs (timer slack), so at tens of
 * thousands of events per second per thread the events come in bursts of a few, at the
 * exact average rate, and the waiting threads leave the cores to the publisher and
 * JeroMQ's I/O thread (spinning callers would take both cores of the reference machine).
 * A thread more than {@link #MAX_BACKLOG_NANOS} behind (it cannot keep up, or was
 * descheduled) gives up the missed slots instead of bursting to catch up; they are
 * counted, and the achieved rate is what is reported.
 */
final class Pacer {

	static final long SLEEP_AHEAD_NANOS = 50_000;

	static final long MAX_BACKLOG_NANOS = 1_000_000;

	private final long periodNanos;

	private long next;

	private long skipped;

	/**
	 * Creates a pacer.
	 * @param eventsPerSecond this thread's rate
	 */
	Pacer(double eventsPerSecond) {
		this.periodNanos = Math.max(1, Math.round(1e9 / eventsPerSecond));
		this.next = System.nanoTime();
	}

	/** Starts the schedule now. */
	void restart() {
		this.next = System.nanoTime();
	}

	/**
	 * Returns when the next event is due (or, by less than {@link #SLEEP_AHEAD_NANOS},
	 * nearly due).
	 */
	void await() {
		long now = System.nanoTime();
		long ahead = this.next - now;
		if (ahead > SLEEP_AHEAD_NANOS) {
			LockSupport.parkNanos(ahead);
		}
		else if (-ahead > MAX_BACKLOG_NANOS) {
			long behind = -ahead - MAX_BACKLOG_NANOS;
			this.skipped += behind / this.periodNanos;
			this.next += (behind / this.periodNanos) * this.periodNanos;
		}
		this.next += this.periodNanos;
	}

	long skipped() {
		return this.skipped;
	}

}

package io.github.zmqlog.logback.transport;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * How the publisher thread waits once it has sent everything queued, in the role of
 * logstash-logback-encoder's {@code WaitStrategy}. While events flow it pauses for a
 * moment, so that the next ones go out together: logging threads do not wake it for this
 * short pause, and JeroMQ's I/O thread wakes once per burst instead of once per event.
 * Once events stop coming it parks until a logging thread queues one, waking now and then
 * to read subscriptions and peers. The publisher thread's own.
 */
final class IdleStrategy {

	/**
	 * How long after its last send the thread counts as busy, and pauses rather than
	 * parks.
	 */
	static final long BURST_WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

	/**
	 * How long a busy thread that has sent everything pauses to let the next events
	 * gather.
	 */
	static final long BURST_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(500);

	/**
	 * How long an idle thread parks before it reads subscriptions and connection events
	 * again.
	 */
	static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

	private long lastSent;

	/**
	 * Creates a strategy for a thread that has sent nothing yet, and so is idle.
	 * @param now the current {@link System#nanoTime()}
	 */
	IdleStrategy(long now) {
		this.lastSent = now - BURST_WINDOW_NANOS;
	}

	/**
	 * Notes that events were sent.
	 * @param now the current {@link System#nanoTime()}
	 */
	void sent(long now) {
		this.lastSent = now;
	}

	/**
	 * Returns whether events are flowing: the last were sent within the burst window.
	 * @param now the current {@link System#nanoTime()}
	 * @return whether to pause briefly rather than park
	 */
	boolean bursting(long now) {
		return now - this.lastSent < BURST_WINDOW_NANOS;
	}

	/**
	 * Waits, having found nothing to send: a pause no producer interrupts while events
	 * flow, or a park that the next queued event ends.
	 * @param handoff the queue the thread drains
	 */
	void idle(Handoff<?> handoff) {
		if (bursting(System.nanoTime())) {
			LockSupport.parkNanos(this, BURST_PAUSE_NANOS);
		}
		else {
			handoff.awaitEvent(IDLE_PARK_NANOS);
		}
		handoff.ignoreInterrupt();
	}

}

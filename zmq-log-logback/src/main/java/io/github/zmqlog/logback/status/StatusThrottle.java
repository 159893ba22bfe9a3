package io.github.zmqlog.logback.status;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets a repeated status message through at most once per interval, from any thread: a
 * full queue may drop a million events a second, and Logback's status list must not fill
 * with them. The counts stay exact; only the messages are thinned.
 */
public final class StatusThrottle {

	private static final long INTERVAL_NANOS = 10_000_000_000L;

	private final AtomicLong next = new AtomicLong(Long.MIN_VALUE);

	/**
	 * Returns whether a message may be reported now.
	 * @return {@code true} for the first call, then at most once per ten seconds
	 */
	public boolean allow() {
		long now = System.nanoTime();
		long due = this.next.get();
		return (due == Long.MIN_VALUE || now - due >= 0) && this.next.compareAndSet(due, now + INTERVAL_NANOS);
	}

}

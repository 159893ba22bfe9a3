package io.github.zmqlog.logback.thread;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Starts a daemon thread that opens something (a socket, a ZAP handler) and waits, a
 * bounded time, until it has counted down its latch. The thread cannot be interrupted,
 * since JeroMQ is not interrupt-safe: a caller that gives up tells the thread so through
 * a flag of its own.
 */
public final class ThreadStart {

	private ThreadStart() {
	}

	/**
	 * Creates a daemon thread, not started, that refuses interrupts: an interrupt that
	 * lands while the thread is inside JeroMQ makes the JDK close the channel it is using
	 * (a mailbox's pipe, which silences the whole context for good) or fails a send
	 * between the frames of a message. Whoever interrupts it (a container cleaning up its
	 * threads, an executor's {@code shutdownNow}) only has the interrupt counted.
	 * @param name the thread's name
	 * @param body what it runs
	 * @return the thread
	 */
	public static Thread daemon(String name, Runnable body) {
		Thread thread = new SocketThread(body, name);
		thread.setDaemon(true);
		return thread;
	}

	/**
	 * Returns how many interrupts were refused for the current thread so far.
	 * @return the count; 0 for a thread not created by {@link #daemon}
	 */
	public static long refusedInterrupts() {
		return (Thread.currentThread() instanceof SocketThread socketThread) ? socketThread.refused.get() : 0;
	}

	/**
	 * Starts a thread and waits until it counts down a latch. An interrupted caller stays
	 * interrupted.
	 * @param thread the thread, not started yet
	 * @param ready the latch the thread counts down once it is ready, or has failed to be
	 * @param timeoutMillis how long to wait
	 * @return whether the thread became ready, or why waiting for it ended
	 */
	public static Outcome startAndAwait(Thread thread, CountDownLatch ready, long timeoutMillis) {
		thread.start();
		try {
			return ready.await(timeoutMillis, TimeUnit.MILLISECONDS) ? Outcome.READY : Outcome.TIMED_OUT;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Outcome.INTERRUPTED;
		}
	}

	/**
	 * Waits for a thread to end, up to a time, even when the caller is interrupted: a
	 * caller cleaning up (closing a ZAP handler, say) must not skip the clean-up because
	 * its interrupt flag is set. An interrupted caller stays interrupted.
	 * @param thread the thread
	 * @param timeoutMillis how long to wait at most
	 * @return whether the thread has ended
	 */
	public static boolean join(Thread thread, long timeoutMillis) {
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
		boolean interrupted = false;
		try {
			for (long left = timeoutMillis; thread.isAlive() && left > 0;) {
				try {
					thread.join(left);
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
				left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
			}
			return !thread.isAlive();
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * A thread whose interrupt flag is never set by others.
	 */
	private static final class SocketThread extends Thread {

		private final AtomicLong refused = new AtomicLong();

		SocketThread(Runnable body, String name) {
			super(body, name);
		}

		@Override
		public void interrupt() {
			this.refused.incrementAndGet();
		}

	}

	/**
	 * How waiting for a thread to be ready ended.
	 */
	public enum Outcome {

		/** The thread counted down its latch in time. */
		READY,

		/** The wait ran out first; the thread is still running. */
		TIMED_OUT,

		/** The caller was interrupted while waiting. */
		INTERRUPTED

	}

}

package io.github.zmqlog.logback;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * How often the current thread has parked, slept, waited or blocked on a monitor, as the
 * JVM counts it: a logging call that leaves the count unchanged never waited, however
 * long a busy machine made it take, which a time limit cannot tell.
 *
 * @param count the parks, sleeps and waits, plus the times it blocked on a monitor
 */
record ThreadWaits(long count) {

	private static final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

	/**
	 * Reads the count of the current thread; no stack is taken, so the threads do not
	 * stop.
	 * @return the count so far
	 */
	static ThreadWaits ofCurrentThread() {
		ThreadInfo info = threads.getThreadInfo(Thread.currentThread().getId());
		return new ThreadWaits(info.getWaitedCount() + info.getBlockedCount());
	}

	/**
	 * Runs an action on the current thread and counts its waits.
	 * @param action the action, such as one logging call
	 * @return how often it waited
	 */
	static long during(Runnable action) {
		ThreadWaits before = ofCurrentThread();
		action.run();
		return ofCurrentThread().count - before.count;
	}

}

package io.github.zmqlog.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * CPU time used so far, split the way the report explains a limit: the contender's
 * publisher thread (ours only), JeroMQ's I/O and reaper threads, the whole measuring JVM
 * (the calling threads, which end with each step, the JIT and the GC included) and the
 * subscriber JVM. Two snapshots around a step give what the step used.
 *
 * @param publisherNanos the publisher thread's CPU time
 * @param jeromqNanos the CPU time of JeroMQ's I/O and reaper threads
 * @param processNanos the measuring JVM's CPU time
 * @param subscriberNanos the subscriber JVM's CPU time (the OS counts it in 10 ms ticks)
 * @param threadTimes each live thread's CPU time, by id, so that a thread started between
 * two snapshots counts from zero
 */
record CpuUse(long publisherNanos, long jeromqNanos, long processNanos, long subscriberNanos,
		Map<Long, Long> threadTimes) {

	/**
	 * Takes a snapshot.
	 * @param target the contender, for the name of its publisher thread
	 * @param subscriber the subscriber JVM
	 * @return the CPU time used so far
	 */
	static CpuUse now(Target target, SubscriberProcess subscriber) {
		return of(target.publisherThreadPrefix(), subscriber.cpuNanos(), null);
	}

	/**
	 * Returns what was used since an earlier snapshot.
	 * @param target the contender
	 * @param subscriber the subscriber JVM
	 * @param before the earlier snapshot
	 * @return the CPU time used in between
	 */
	static CpuUse since(Target target, SubscriberProcess subscriber, CpuUse before) {
		return of(target.publisherThreadPrefix(), subscriber.cpuNanos(), before);
	}

	private static CpuUse of(@Nullable String publisherPrefix, long subscriberNanos, @Nullable CpuUse before) {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
			.getOperatingSystemMXBean();
		long process = os.getProcessCpuTime();
		Map<Long, Long> times = new HashMap<>();
		long publisher = 0;
		long jeromq = 0;
		for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
			if (info == null) {
				continue;
			}
			long cpu = threads.getThreadCpuTime(info.getThreadId());
			if (cpu < 0) {
				continue;
			}
			times.put(info.getThreadId(), cpu);
			long used = cpu - ((before != null) ? before.threadTimes().getOrDefault(info.getThreadId(), 0L) : 0L);
			String name = info.getThreadName();
			if (publisherPrefix != null && name.startsWith(publisherPrefix)) {
				publisher += used;
			}
			else if (name.startsWith("iothread") || name.startsWith("reaper")) {
				jeromq += used;
			}
		}
		if (before == null) {
			return new CpuUse(publisher, jeromq, process, subscriberNanos, times);
		}
		return new CpuUse(publisher, jeromq, process - before.processNanos(),
				subscriberNanos - before.subscriberNanos(), times);
	}

	/**
	 * Adds this use to a result line: per event of a count, in nanoseconds.
	 * @param results the line
	 * @param events what to divide by, e.g. the events received
	 * @return the line
	 */
	Results putPerEvent(Results results, long events) {
		double n = Math.max(1, events);
		return results.put("cpuPublisherNs", this.publisherNanos / n)
			.put("cpuJeromqNs", this.jeromqNanos / n)
			.put("cpuProcessNs", this.processNanos / n)
			.put("cpuSubscriberNs", this.subscriberNanos / n);
	}

}

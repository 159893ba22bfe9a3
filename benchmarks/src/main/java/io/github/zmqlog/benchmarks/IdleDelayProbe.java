package io.github.zmqlog.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Idle CPU and delivery delay ({@link IdleAndDelay}), in a JVM of its own for one
 * contender, with a subscriber JVM connected: the CPU time of the publisher thread (ours:
 * {@code zmqlog-publisher-*}), of JeroMQ's I/O and reaper threads and of the whole
 * process over a stretch with no events; then the delay from the log call to the
 * subscriber's receive at a low paced rate, each body carrying its call's
 * {@code System.nanoTime()} as the id (a few digits longer than the six-digit ids
 * elsewhere), and for ours also that delay split where the publisher thread formats the
 * event ({@link HandOffStamps}): the hand-off before, the rest after, and the hand-off's
 * mean share in the slowest 1 % of the events.
 * <p>
 * Arguments: contender, idle seconds, rate (events per second), seconds at that rate.
 */
public final class IdleDelayProbe {

	private IdleDelayProbe() {
	}

	public static void main(String[] args) throws Exception {
		String contender = args[0];
		double idleSeconds = Double.parseDouble(args[1]);
		double rate = Double.parseDouble(args[2]);
		double seconds = Double.parseDouble(args[3]);
		try (Target target = Target.open(contender, true);
				SubscriberProcess subscriber = SubscriberProcess.start(target.endpoint(), true)) {
			subscriber.awaitSubscribed(target, 60_000);
			// Compiled paths first, as in an application that has been logging for a
			// while.
			PacedLoad.run(target, 20_000, Math.min(2, seconds), 1, true);
			target.awaitHandedOver(10_000);
			subscriber.awaitQuiet(Long.MAX_VALUE, 500, 10_000);
			idle(contender, target, idleSeconds);
			long base = subscriber.awaitQuiet(Long.MAX_VALUE, 300, 10_000);
			subscriber.ask("RESET");
			PacedLoad load = PacedLoad.run(target, rate, seconds, 1, true);
			target.awaitHandedOver(10_000);
			long received = subscriber.awaitQuiet(base + load.logged(), 1000, 10_000) - base;
			String[] delays = subscriber.ask("DELAYS").split(" ");
			Results.distribution("delay", contender, Arrays.copyOfRange(delays, 1, 6))
				.put("rate", rate)
				.put("logged", load.logged())
				.put("received", received)
				.print();
			if (target.publisherThreadPrefix() != null) {
				String[] stages = subscriber.ask("STAGES").split(" ");
				Results
					.distribution("handoff", contender,
							new Object[] { stages[1], stages[2], stages[3], stages[4], stages[5] })
					.print();
				Results
					.distribution("rest", contender,
							new Object[] { stages[1], stages[6], stages[7], stages[8], stages[9] })
					.print();
				new Results().put("kind", "tail")
					.put("contender", contender)
					.put("samples", stages[10])
					.put("meanDelay", stages[11])
					.put("meanHandoff", stages[12])
					.print();
			}
		}
		System.exit(0);
	}

	private static void idle(String contender, Target target, double seconds) {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
			.getOperatingSystemMXBean();
		Map<Long, Long> before = cpuTimes(threads);
		long processBefore = os.getProcessCpuTime();
		long start = System.nanoTime();
		LockSupport.parkNanos((long) (seconds * 1e9));
		long elapsed = System.nanoTime() - start;
		long process = os.getProcessCpuTime() - processBefore;
		Map<Long, Long> after = cpuTimes(threads);
		long publisher = 0;
		long jeromq = 0;
		String prefix = target.publisherThreadPrefix();
		for (ThreadInfo info : threads.getThreadInfo(after.keySet().stream().mapToLong(Long::longValue).toArray())) {
			if (info == null) {
				continue;
			}
			long used = after.get(info.getThreadId()) - before.getOrDefault(info.getThreadId(), 0L);
			String name = info.getThreadName();
			if (prefix != null && name.startsWith(prefix)) {
				publisher += used;
			}
			else if (name.startsWith("iothread") || name.startsWith("reaper")) {
				jeromq += used;
			}
		}
		new Results().put("kind", "idle")
			.put("contender", contender)
			.put("seconds", elapsed / 1e9)
			.put("publisherThread", (prefix != null) ? prefix + "*" : "")
			.put("publisherCpuPercent", (prefix != null) ? 100.0 * publisher / elapsed : "")
			.put("jeromqCpuPercent", 100.0 * jeromq / elapsed)
			.put("processCpuPercent", 100.0 * process / elapsed)
			.print();
	}

	private static Map<Long, Long> cpuTimes(ThreadMXBean threads) {
		Map<Long, Long> times = new HashMap<>();
		for (long id : threads.getAllThreadIds()) {
			long cpu = threads.getThreadCpuTime(id);
			if (cpu >= 0) {
				times.put(id, cpu);
			}
		}
		return times;
	}

}

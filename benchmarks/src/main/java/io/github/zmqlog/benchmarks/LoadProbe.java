package io.github.zmqlog.benchmarks;

import java.util.Map;

/**
 * One lossless sweep ({@link LosslessSweep}), in a JVM of its own for one contender:
 * offered total rates from 4 paced threads, a few seconds each, against a subscriber JVM
 * that counts what it receives. Per rate: {@code loss = 1 - received / logged}, the rate
 * the threads achieved, and for ours the drops its stats counted. Before each rate the
 * subscriber's count must be quiet; after it the contender hands everything to its socket
 * and the count must reach what was logged or stay quiet. The CPU time each step used
 * (see {@link CpuUse}) is given per event received.
 * <p>
 * Arguments: contender, seconds per rate, warm-up seconds, threads, rates
 * (comma-separated events per second).
 */
public final class LoadProbe {

	private LoadProbe() {
	}

	public static void main(String[] args) throws Exception {
		String contender = args[0];
		double seconds = Double.parseDouble(args[1]);
		double warmupSeconds = Double.parseDouble(args[2]);
		int threads = Integer.parseInt(args[3]);
		String[] rates = args[4].split(",");
		try (Target target = Target.open(contender, false);
				SubscriberProcess subscriber = SubscriberProcess.start(target.endpoint(), false)) {
			subscriber.awaitSubscribed(target, 60_000);
			if (warmupSeconds > 0) {
				PacedLoad.run(target, Double.parseDouble(rates[0]), warmupSeconds, threads, false);
				target.awaitHandedOver(10_000);
			}
			for (String rate : rates) {
				long base = subscriber.awaitQuiet(Long.MAX_VALUE, 300, 10_000);
				long droppedBefore = target.counters().getOrDefault("dropped", 0L);
				CpuUse cpuBefore = CpuUse.now(target, subscriber);
				long windowStart = System.nanoTime();
				PacedLoad load = PacedLoad.run(target, Double.parseDouble(rate), seconds, threads, false);
				target.awaitHandedOver(10_000);
				long received = subscriber.awaitQuiet(base + load.logged(), 500, 10_000) - base;
				CpuUse cpu = CpuUse.since(target, subscriber, cpuBefore);
				long window = System.nanoTime() - windowStart;
				Map<String, Long> counters = target.counters();
				cpu.putPerEvent(new Results(), received)
					.put("cpuCoresBusy", (double) (cpu.processNanos() + cpu.subscriberNanos()) / window)
					.put("kind", "load")
					.put("contender", contender)
					.put("offered", rate)
					.put("achieved", Math.round(load.achievedRate()))
					.put("logged", load.logged())
					.put("received", received)
					.put("loss", 1.0 - (double) received / load.logged())
					.put("skipped", load.skipped())
					.put("dropped", counters.containsKey("dropped") ? counters.get("dropped") - droppedBefore : "")
					.print();
			}
			Results sample = new Results().put("kind", "wire").put("contender", contender);
			sample.putAll(Fixture.parse(subscriber.ask("SAMPLE").substring("SAMPLE ".length()))).print();
		}
		System.exit(0);
	}

}

package io.github.zmqlog.benchmarks;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One burst ({@link Burst}), in a JVM of its own for one contender: many threads log a
 * fixed number of events each as fast as they can, against a subscriber JVM that counts
 * what it receives. A smaller burst first warms the JIT up; the measured one follows once
 * the subscriber's count is still. Prints what was logged, received, sent and counted as
 * dropped (ours), how long the threads took and how long until everything was handed to
 * the socket, and the CPU the burst used ({@link CpuUse}).
 * <p>
 * Arguments: contender, threads, events per thread, events per thread of the warm-up.
 */
public final class BurstProbe {

	private BurstProbe() {
	}

	public static void main(String[] args) throws Exception {
		String contender = args[0];
		int threads = Integer.parseInt(args[1]);
		int events = Integer.parseInt(args[2]);
		int warmup = Integer.parseInt(args[3]);
		try (Target target = Target.open(contender, false);
				SubscriberProcess subscriber = SubscriberProcess.start(target.endpoint(), false)) {
			subscriber.awaitSubscribed(target, 60_000);
			burst(target, threads, warmup);
			target.awaitHandedOver(30_000);
			long base = subscriber.awaitQuiet(Long.MAX_VALUE, 300, 30_000);
			Map<String, Long> before = target.counters();
			CpuUse cpuBefore = CpuUse.now(target, subscriber);
			long start = System.nanoTime();
			long logging = burst(target, threads, events);
			target.awaitHandedOver(30_000);
			long handedOver = System.nanoTime() - start;
			long logged = (long) threads * events;
			long received = subscriber.awaitQuiet(base + logged, 500, 30_000) - base;
			CpuUse cpu = CpuUse.since(target, subscriber, cpuBefore);
			Map<String, Long> after = target.counters();
			Results line = cpu.putPerEvent(new Results(), received)
				.put("kind", "burst")
				.put("contender", contender)
				.put("threads", threads)
				.put("logged", logged)
				.put("received", received)
				.put("loggingMillis", logging / 1e6)
				.put("handedOverMillis", handedOver / 1e6)
				.put("cpuPublisherMillis", cpu.publisherNanos() / 1e6);
			for (String counter : new String[] { "enqueued", "sent", "dropped", "dropped.QUEUE_FULL" }) {
				line.put(counter.replace("dropped.QUEUE_FULL", "queueFull"), after.containsKey("sent")
						? after.getOrDefault(counter, 0L) - before.getOrDefault(counter, 0L) : "");
			}
			line.print();
		}
		System.exit(0);
	}

	/**
	 * Logs from several threads as fast as they can.
	 * @param target the contender
	 * @param threads how many threads, named {@code worker-N}
	 * @param events how many events each logs
	 * @return nanoseconds from the common start until the last thread ended
	 * @throws InterruptedException if interrupted
	 */
	private static long burst(Target target, int threads, int events) throws InterruptedException {
		CountDownLatch ready = new CountDownLatch(threads);
		CountDownLatch go = new CountDownLatch(1);
		Thread[] workers = new Thread[threads];
		for (int t = 0; t < threads; t++) {
			workers[t] = new Thread(() -> {
				ThreadLocalRandom random = ThreadLocalRandom.current();
				ready.countDown();
				try {
					go.await();
				}
				catch (InterruptedException ex) {
					return;
				}
				for (int i = 0; i < events; i++) {
					target.log(random.nextInt(100_000, 1_000_000), random.nextInt(10, 100));
				}
			}, Workload.threadName(t + 1));
			workers[t].start();
		}
		ready.await();
		long start = System.nanoTime();
		go.countDown();
		for (Thread worker : workers) {
			worker.join();
		}
		return System.nanoTime() - start;
	}

}

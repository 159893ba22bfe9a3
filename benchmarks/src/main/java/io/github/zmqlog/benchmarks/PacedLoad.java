package io.github.zmqlog.benchmarks;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Drives a contender from several paced threads for a while, as the probes need it.
 *
 * @param logged the calls made
 * @param elapsedNanos from the common start to the last thread's end
 * @param skipped slots given up by threads that fell behind (see {@link Pacer})
 */
record PacedLoad(long logged, long elapsedNanos, long skipped) {

	double achievedRate() {
		return this.logged * 1e9 / this.elapsedNanos;
	}

	/**
	 * Runs the load.
	 * @param target the contender
	 * @param totalRate events per second from all threads
	 * @param seconds how long
	 * @param threads how many calling threads, named {@code worker-N}
	 * @param timestampIds whether each id is the call's {@code System.nanoTime()} (for
	 * delays)
	 * @return what was done
	 * @throws InterruptedException if interrupted
	 */
	static PacedLoad run(Target target, double totalRate, double seconds, int threads, boolean timestampIds)
			throws InterruptedException {
		CountDownLatch ready = new CountDownLatch(threads);
		CountDownLatch go = new CountDownLatch(1);
		long[] logged = new long[threads];
		long[] skipped = new long[threads];
		long[] ended = new long[threads];
		long durationNanos = (long) (seconds * 1e9);
		long[] start = new long[1];
		Thread[] workers = new Thread[threads];
		for (int t = 0; t < threads; t++) {
			int index = t;
			workers[t] = new Thread(() -> {
				Pacer pacer = new Pacer(totalRate / threads);
				ThreadLocalRandom random = ThreadLocalRandom.current();
				ready.countDown();
				try {
					go.await();
				}
				catch (InterruptedException ex) {
					return;
				}
				long end = start[0] + durationNanos;
				pacer.restart();
				long n = 0;
				while (true) {
					pacer.await();
					if ((n & 15) == 0 && System.nanoTime() - end >= 0) {
						break;
					}
					long id = timestampIds ? System.nanoTime() : random.nextInt(100_000, 1_000_000);
					target.log(id, random.nextInt(10, 100));
					n++;
				}
				logged[index] = n;
				skipped[index] = pacer.skipped();
				ended[index] = System.nanoTime();
			}, Workload.threadName(t + 1));
			workers[t].start();
		}
		ready.await();
		start[0] = System.nanoTime();
		go.countDown();
		long total = 0;
		long totalSkipped = 0;
		long last = start[0];
		for (int t = 0; t < threads; t++) {
			workers[t].join();
			total += logged[t];
			totalSkipped += skipped[t];
			last = Math.max(last, ended[t]);
		}
		return new PacedLoad(total, last - start[0], totalSkipped);
	}

}

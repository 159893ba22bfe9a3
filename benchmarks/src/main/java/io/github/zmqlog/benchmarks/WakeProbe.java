package io.github.zmqlog.benchmarks;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A bare wake-up on this machine, the floor under ours' hand-off ({@link IdleAndDelay}):
 * one thread parks as ours' idle publisher thread does (a timed park of 250 ms), another
 * unparks it at a paced rate; each sample is the time from the unpark call until the
 * parked thread runs again. No logging, no socket, no subscriber.
 * <p>
 * Arguments: rate (wake-ups per second), how many.
 */
public final class WakeProbe {

	private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

	private static volatile long unparkedAt;

	private static volatile boolean done;

	private WakeProbe() {
	}

	/**
	 * Runs the probe and prints one {@code kind=wake} result line.
	 * @param args the rate and the count
	 * @throws InterruptedException if interrupted while waiting for the sleeper
	 */
	public static void main(String[] args) throws InterruptedException {
		double rate = Double.parseDouble(args[0]);
		int count = Integer.parseInt(args[1]);
		long[] wakes = new long[count];
		int[] recorded = new int[1];
		Thread sleeper = new Thread(() -> {
			while (!done) {
				LockSupport.parkNanos(PARK_NANOS);
				long now = System.nanoTime();
				long at = unparkedAt;
				if (at != 0) {
					unparkedAt = 0;
					wakes[recorded[0]++] = now - at;
				}
			}
		}, "sleeper");
		sleeper.start();
		Pacer pacer = new Pacer(rate);
		for (int i = 0; i < count; i++) {
			pacer.await();
			// The sleeper is parked before each stamp, and has taken the previous one.
			while (unparkedAt != 0 || sleeper.getState() != Thread.State.TIMED_WAITING) {
				Thread.onSpinWait();
			}
			unparkedAt = System.nanoTime();
			LockSupport.unpark(sleeper);
		}
		while (unparkedAt != 0) {
			Thread.onSpinWait();
		}
		done = true;
		LockSupport.unpark(sleeper);
		sleeper.join();
		long[] summary = Subscriber.summary(Arrays.copyOf(wakes, recorded[0]));
		Results.distribution("wake", null, Arrays.stream(summary).boxed().toArray()).put("rate", rate).print();
	}

}

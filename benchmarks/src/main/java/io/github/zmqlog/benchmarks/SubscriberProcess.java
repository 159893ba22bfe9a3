package io.github.zmqlog.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The parent's handle on a {@link Subscriber} JVM: starts it, waits until its
 * subscription is in place, and asks it what it received.
 */
final class SubscriberProcess implements AutoCloseable {

	private final Process process;

	private final BufferedReader replies;

	private final PrintWriter commands;

	private SubscriberProcess(Process process) {
		this.process = process;
		this.replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		this.commands = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8),
				true);
	}

	/**
	 * Starts a subscriber JVM connected to an endpoint.
	 * @param endpoint the endpoint
	 * @param delays whether it records delays (otherwise it only counts)
	 * @return the started subscriber
	 * @throws Exception if it does not start
	 */
	static SubscriberProcess start(String endpoint, boolean delays) throws Exception {
		String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
		Process process = new ProcessBuilder(java, "-Xms256m", "-Xmx2g", "-cp", System.getProperty("java.class.path"),
				Subscriber.class.getName(), endpoint, delays ? "delays" : "count")
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		SubscriberProcess subscriber = new SubscriberProcess(process);
		String ready = subscriber.replies.readLine();
		if (!"READY".equals(ready)) {
			process.destroyForcibly();
			throw new IllegalStateException("subscriber did not start: " + ready);
		}
		return subscriber;
	}

	/**
	 * Returns the CPU time the subscriber JVM has used so far.
	 * @return the CPU time in nanoseconds, counted by the OS in ticks; 0 where the OS
	 * does not tell
	 */
	long cpuNanos() {
		return this.process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
	}

	synchronized String ask(String command) {
		this.commands.println(command);
		try {
			String reply = this.replies.readLine();
			if (reply == null) {
				throw new IllegalStateException("subscriber ended");
			}
			return reply;
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	long count() {
		return Long.parseLong(ask("COUNT").substring("COUNT ".length()));
	}

	/**
	 * Logs through the target until the subscriber has received something, so the
	 * subscription is in place (a PUB socket drops everything before it), then waits
	 * until nothing more arrives.
	 * @param target the contender
	 * @param timeoutMillis how long to wait at most
	 * @return the count once quiet
	 */
	long awaitSubscribed(Target target, long timeoutMillis) {
		long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
		while (count() == 0) {
			if (System.nanoTime() - deadline > 0) {
				throw new IllegalStateException("no message reached the subscriber within " + timeoutMillis + " ms");
			}
			target.log(System.nanoTime(), 1);
			LockSupport.parkNanos(10_000_000);
		}
		target.awaitHandedOver(5_000);
		return awaitQuiet(Long.MAX_VALUE, 300, 5_000);
	}

	/**
	 * Waits until the count reaches a value, or stops growing for a while, or a deadline
	 * passes.
	 * @param expected the count that means everything arrived
	 * @param quietMillis how long the count must stay the same to be final
	 * @param timeoutMillis the deadline
	 * @return the count
	 */
	long awaitQuiet(long expected, long quietMillis, long timeoutMillis) {
		long start = System.nanoTime();
		long last = count();
		long lastChange = System.nanoTime();
		while (last < expected) {
			LockSupport.parkNanos(20_000_000);
			long now = System.nanoTime();
			long current = count();
			if (current != last) {
				last = current;
				lastChange = now;
			}
			else if (now - lastChange > quietMillis * 1_000_000 || now - start > timeoutMillis * 1_000_000) {
				break;
			}
		}
		return last;
	}

	@Override
	public void close() {
		this.commands.close();
		try {
			if (!this.process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

}

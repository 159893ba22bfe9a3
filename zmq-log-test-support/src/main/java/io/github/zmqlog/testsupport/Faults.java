package io.github.zmqlog.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import org.slf4j.Logger;

/**
 * What the fault tests share: synchronising with a {@link CountingSubscriber} process,
 * waiting and printing figures as one {@code [reliability] ...} line per test, which
 * {@code RELIABILITY.md} is written from.
 */
public final class Faults {

	private Faults() {
	}

	/**
	 * Waits until a subscriber process has its subscription at the publisher, by logging
	 * pings until it reports one.
	 * @param subscriber a {@link CountingSubscriber} process
	 * @param logger a logger whose events reach the appender
	 */
	public static void sync(ChildJvm subscriber, Logger logger) throws InterruptedException {
		subscriber.awaitLine("ready"::equals, Duration.ofSeconds(30));
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		for (int ping = 1; System.nanoTime() < deadline; ping++) {
			logger.info(CountingSubscriber.SYNC + "::<ping-" + ping + ">");
			if (subscriber.pollLine((line) -> line.startsWith("sync "), Duration.ofMillis(50)) != null) {
				return;
			}
		}
		throw new AssertionError("No ping reached the subscriber process within 30 s: " + subscriber.errors());
	}

	/**
	 * Logs end markers until the subscriber process reports its count.
	 * @param subscriber a {@link CountingSubscriber} process
	 * @param logger a logger whose events reach the appender
	 * @return the end line's fields after {@code end}: messages, two-frame messages, and
	 * latencies when asked for
	 */
	public static String[] end(ChildJvm subscriber, Logger logger) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline) {
			logger.info(CountingSubscriber.END + "::end");
			String line = subscriber.pollLine((text) -> text.startsWith("end "), Duration.ofMillis(200));
			if (line != null) {
				return line.substring(4).split(" ");
			}
		}
		throw new AssertionError("The subscriber process never reported its count: " + subscriber.errors());
	}

	/**
	 * Prints one line of figures for RELIABILITY.md.
	 * @param name the test
	 * @param figures {@code key=value} pairs
	 */
	public static void report(String name, String figures) {
		System.out.println("[reliability] " + name + " " + figures);
	}

	/**
	 * Returns a loopback TCP port that was free a moment ago, for processes that must
	 * bind the same port again.
	 * @return the port
	 */
	public static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}

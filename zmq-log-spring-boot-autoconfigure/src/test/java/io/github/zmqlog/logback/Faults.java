package io.github.zmqlog.logback;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import org.slf4j.Logger;

import static org.awaitility.Awaitility.await;

/**
 * What the fault tests share: synchronising with a {@link CountingSubscriber} process, waiting
 * until the appender has dealt with every event, and printing figures as one
 * {@code [reliability] ...} line per test, which {@code RELIABILITY.md} is written from.
 */
public final class Faults {

	private Faults() {
	}

	/**
	 * Waits until a subscriber process has its subscription at the publisher, by logging pings
	 * until it reports one.
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
	 * @return the end line's fields after {@code end}: messages, two-frame messages, and latencies
	 * when asked for
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
	 * Waits until the appender has sent everything it queued, and returns its stats then.
	 * @param appender the appender
	 * @return the stats
	 */
	public static ZmqLogStats settled(ZmqLogAppender appender) {
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			ZmqLogStats stats = appender.getStats();
			return stats.queueDepth() == 0 && stats.sent() + stats.droppedTotal() - stats.dropped(DropReason.QUEUE_FULL)
					- stats.dropped(DropReason.NOT_STARTED) - stats.dropped(DropReason.PAUSED)
					- stats.dropped(DropReason.RECURSIVE) == stats.enqueued();
		});
		return appender.getStats();
	}

	/**
	 * Waits until every event logged since a snapshot was sent or dropped.
	 * @param appender the appender
	 * @param before the snapshot
	 * @param logged events logged since
	 * @param timeout how long to wait
	 * @return the stats then
	 */
	public static ZmqLogStats processed(ZmqLogAppender appender, ZmqLogStats before, long logged, Duration timeout) {
		await().atMost(timeout).until(() -> {
			ZmqLogStats stats = appender.getStats();
			return (stats.sent() - before.sent()) + (stats.droppedTotal() - before.droppedTotal()) == logged;
		});
		return appender.getStats();
	}

	/**
	 * Returns the drops since a snapshot, by reason, leaving out reasons with none.
	 * @param before the earlier snapshot
	 * @param after the later snapshot
	 * @return e.g. {@code QUEUE_FULL=1200 SUBSCRIBER_FULL=3}, or {@code none}
	 */
	public static String drops(ZmqLogStats before, ZmqLogStats after) {
		Map<DropReason, Long> dropped = after.dropped();
		String text = dropped.keySet()
			.stream()
			.filter((reason) -> after.dropped(reason) - before.dropped(reason) > 0)
			.map((reason) -> reason + "=" + (after.dropped(reason) - before.dropped(reason)))
			.collect(Collectors.joining(" "));
		return text.isEmpty() ? "none" : text;
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
	 * Returns a loopback TCP port that was free a moment ago, for processes that must bind the same
	 * port again.
	 * @return the port
	 */
	public static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}

package io.github.zmqlog.logback;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reconnects with a backoff: the appender connects to a SUB bound in the test (as to a
 * forwarder); under steady logging that SUB closes, nothing listens on the port for a
 * while, and a new SUB binds the same port. The appender is back within its
 * {@code reconnectIntervalMax} (plus one {@code reconnectInterval} of jitter and the
 * handshake), and every event logged meanwhile is sent or counted as dropped.
 */
@Timeout(120)
class ZmqLogReconnectTests {

	private static final long RECONNECT_INTERVAL_MILLIS = 100;

	private static final long RECONNECT_INTERVAL_MAX_MILLIS = 500;

	/** The handshake and the new SUB's subscription reaching the appender. */
	private static final long HANDSHAKE_SLACK_MILLIS = 1000;

	/**
	 * Events logged while nothing listens: at least 1.5 s at one per 0.5 ms or slower.
	 */
	private static final long EVENTS_WHILE_DOWN = 3000;

	@Test
	void withDropTheAppenderReconnectsWithinTheBackoffAndCountsEveryEvent() {
		restartUnderLoad(false);
	}

	@Test
	void withNoDropTheAppenderReconnectsWithinTheBackoffAndCountsEveryEvent() {
		restartUnderLoad(true);
	}

	private void restartUnderLoad(boolean noDrop) {
		BoundSubscriber first = new BoundSubscriber("tcp://127.0.0.1:*", null);
		String endpoint = first.endpoint();
		AtomicBoolean logging = new AtomicBoolean(true);
		AtomicLong logged = new AtomicLong();
		try (AppenderFixture fixture = AppenderFixture.start("reconnect", (appender) -> {
			appender.addConnect(endpoint);
			appender.setNoDrop(noDrop);
			appender.setReconnectInterval(new ch.qos.logback.core.util.Duration(RECONNECT_INTERVAL_MILLIS));
			appender.setReconnectIntervalMax(new ch.qos.logback.core.util.Duration(RECONNECT_INTERVAL_MAX_MILLIS));
		})) {
			assertThat(fixture.appender.isStarted()).as(fixture.errors().toString()).isTrue();
			Thread logger = new Thread(() -> {
				while (logging.get()) {
					fixture.logger.info("seq {}", logged.getAndIncrement());
					LockSupport.parkNanos(500_000);
				}
			}, "steady-logging");
			logger.setDaemon(true);
			logger.start();
			List<Long> received = new ArrayList<>();
			try {
				assertThat(firstWithin(first, Duration.ofSeconds(20), received)).as("an event before the restart")
					.isNotNull();
				// Under steady logging the first SUB would never run dry: close it as it
				// is, its unread messages lost with it (sent, not delivered).
				first.close();
				await().atMost(Duration.ofSeconds(20))
					.until(() -> fixture.appender.getStats().socket().subscribers() == 0);
				long atClose = logged.get();
				await().atMost(Duration.ofSeconds(30)).until(() -> logged.get() - atClose >= EVENTS_WHILE_DOWN);
				AtomicReference<BoundSubscriber> second = new AtomicReference<>();
				// The port was just released: take it again, retrying while the system
				// holds it.
				await().atMost(Duration.ofSeconds(10))
					.ignoreExceptions()
					.until(() -> second.compareAndSet(null, new BoundSubscriber(endpoint, null)));
				long rebound = System.nanoTime();
				long loggedAtRebind = logged.get();
				try (BoundSubscriber server = second.get()) {
					String firstAfter = firstWithin(server, Duration.ofSeconds(20), received);
					long reconnectMillis = (System.nanoTime() - rebound) / 1_000_000;
					assertThat(firstAfter).as("an event after the restart").isNotNull();
					System.out.printf("[reliability] reconnect (noDrop=%s): first event %d ms after the re-bind"
							+ " (reconnectInterval %d ms, reconnectIntervalMax %d ms); first seq after %s, logged"
							+ " at re-bind %d%n", noDrop, reconnectMillis, RECONNECT_INTERVAL_MILLIS,
							RECONNECT_INTERVAL_MAX_MILLIS, received.get(received.size() - 1), loggedAtRebind);
					assertThat(reconnectMillis).as("re-bind to first event")
						.isLessThanOrEqualTo(
								RECONNECT_INTERVAL_MAX_MILLIS + RECONNECT_INTERVAL_MILLIS + HANDSHAKE_SLACK_MILLIS);
					logging.set(false);
					await().atMost(Duration.ofSeconds(10)).until(() -> !logger.isAlive());
					ZmqLogStats.Counts counts = AppenderStats.settled(fixture.appender);
					drain(server, received);
					assertThat(counts.enqueued() + counts.dropped(DropReason.QUEUE_FULL)).as(counts.toString())
						.isEqualTo(logged.get());
					assertThat(counts.sent() + counts.droppedTotal() - counts.dropped(DropReason.QUEUE_FULL))
						.as(counts.toString())
						.isEqualTo(counts.enqueued());
					assertThat(received).as("received in order, each once").isSorted().doesNotHaveDuplicates();
					assertThat((long) received.size()).as("received at most what was sent")
						.isLessThanOrEqualTo(counts.sent());
					// ZeroMQ keeps a connecting socket's pipe, and the old peer's
					// subscription, across the reconnect: what was logged after the
					// disconnect waited in it (fewer than send-hwm) and reached the new
					// peer.
					Set<Long> seen = new HashSet<>(received);
					long missedAfterClose = LongStream.range(atClose, logged.get())
						.filter((seq) -> !seen.contains(seq))
						.count();
					assertThat(missedAfterClose).as("events logged after the disconnect and not received").isZero();
					System.out.printf(
							"[reliability] reconnect (noDrop=%s): logged %d, sent %d, dropped %s, received %d%n",
							noDrop, logged.get(), counts.sent(), counts.dropped(), received.size());
				}
			}
			finally {
				logging.set(false);
			}
		}
		finally {
			first.close();
		}
	}

	private static String firstWithin(BoundSubscriber server, Duration timeout, List<Long> received) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			String message = server.receive(Duration.ofMillis(50));
			if (message != null) {
				received.add(seq(message));
				return message;
			}
		}
		return null;
	}

	private static void drain(BoundSubscriber server, List<Long> received) {
		String message;
		while ((message = server.receive(Duration.ofMillis(300))) != null) {
			received.add(seq(message));
		}
	}

	private static long seq(String message) {
		int at = message.lastIndexOf("seq ");
		return Long.parseLong(message.substring(at + 4).strip());
	}

}

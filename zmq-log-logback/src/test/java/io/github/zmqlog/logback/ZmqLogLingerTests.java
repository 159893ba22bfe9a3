package io.github.zmqlog.logback;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

import io.github.zmqlog.testsupport.TestSubscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A subscriber that stops reading for a few seconds (a paused pager, a long GC pause)
 * while the publisher has a backlog for it. Its small receive queue and TCP buffers fill,
 * so its I/O thread stops reading the connection, and the socket's heartbeat PINGs wait
 * unread behind the data: no PONG comes back. With the heartbeat timeout the socket had
 * (3 s), the socket then dropped the connection and everything it held for the
 * subscriber, uncounted, live and at close alike (issue 14's "lost at close"). These
 * tests stall a subscriber for {@link #STALL}, longer than that old timeout.
 */
class ZmqLogLingerTests {

	private static final int EVENTS = 2000;

	/** The fault under test: how long the subscriber does not read. */
	private static final Duration STALL = Duration.ofSeconds(4);

	@Test
	void aSubscriberThatStopsReadingForSecondsKeepsItsConnectionAndReceivesEverything() {
		try (AppenderFixture fixture = AppenderFixture.start("stall", ZmqLogLingerTests::deepQueues);
				TestSubscriber subscriber = new TestSubscriber(100, fixture.endpoint(), "app.INFO")) {
			subscriber.awaitSubscribed(fixture.logger, "app");
			// Settled: the last ping is counted as sent (it can arrive before it is).
			long sentBefore = AppenderStats.settled(fixture.appender).sent();
			logBacklog(fixture);
			await().atMost(Duration.ofSeconds(60))
				.until(() -> fixture.appender.getCounters().sent() - sentBefore == EVENTS);
			stall();
			assertThat(readEvents(subscriber)).as("received of %d sent", EVENTS).isEqualTo(EVENTS);
			assertThat(fixture.appender.getCounters().droppedTotal()).as("dropped").isZero();
		}
	}

	@Test
	void whatTheSocketHoldsAtCloseReachesAStalledSubscriberThatResumesWithinTheLinger() throws Exception {
		Duration linger = Duration.ofSeconds(20);
		try (AppenderFixture fixture = AppenderFixture.start("linger", (appender) -> {
			deepQueues(appender);
			appender.setLinger(ch.qos.logback.core.util.Duration.buildByMilliseconds(linger.toMillis()));
			appender.setShutdownTimeout(ch.qos.logback.core.util.Duration.buildBySeconds(30));
		}); TestSubscriber subscriber = new TestSubscriber(100, fixture.endpoint(), "app.INFO")) {
			subscriber.awaitSubscribed(fixture.logger, "app");
			// Settled: the last ping is counted as sent (it can arrive before it is).
			long sentBefore = AppenderStats.settled(fixture.appender).sent();
			logBacklog(fixture);
			long start = System.nanoTime();
			CompletableFuture<Void> stopped = CompletableFuture.runAsync(fixture.appender::stop);
			stall();
			int received = readEvents(subscriber);
			stopped.get(60, TimeUnit.SECONDS);
			Duration stop = Duration.ofNanos(System.nanoTime() - start);
			assertThat(fixture.appender.getCounters().sent() - sentBefore).as("sent").isEqualTo(EVENTS);
			assertThat(received).as("received of %d sent", EVENTS).isEqualTo(EVENTS);
			assertThat(stop).as("stop(), which waits for the socket to deliver, not for the whole linger")
				.isLessThan(linger);
		}
	}

	@Test
	void aSubscriberSilentForLongerThanTheHeartbeatTimeoutIsDisconnected() {
		try (AppenderFixture fixture = AppenderFixture.start("timeout", (appender) -> {
			deepQueues(appender);
			appender.setHeartbeatTimeout(ch.qos.logback.core.util.Duration.buildBySeconds(2));
		}); TestSubscriber subscriber = new TestSubscriber(100, fixture.endpoint(), "app.INFO")) {
			subscriber.awaitSubscribed(fixture.logger, "app");
			assertThat(fixture.appender.getStats().socket().subscribers()).isEqualTo(1);
			logBacklog(fixture);
			// The subscriber reads nothing more: a frozen host, as far as the socket can
			// tell.
			await().atMost(Duration.ofSeconds(30)).until(() -> fixture.appender.getStats().socket().subscribers() == 0);
		}
	}

	private static void deepQueues(ZmqLogAppender appender) {
		appender.setRootTopic("app");
		appender.setSendHwm(100_000);
		appender.setQueueSize(4096);
		// Room for the whole backlog in the queue: no event of it is turned away.
		appender.setMaxQueuedBytes(ch.qos.logback.core.util.FileSize.valueOf("256MB"));
	}

	private static void logBacklog(AppenderFixture fixture) {
		String padding = "x".repeat(10_000);
		for (int i = 0; i < EVENTS; i++) {
			fixture.logger.info("event {} {}", i, padding);
		}
	}

	private static void stall() {
		long until = System.nanoTime() + STALL.toNanos();
		for (long left = STALL.toNanos(); left > 0; left = until - System.nanoTime()) {
			LockSupport.parkNanos(left);
		}
	}

	private static int readEvents(TestSubscriber subscriber) {
		int received = 0;
		TestSubscriber.Message message;
		while ((message = subscriber.receive(Duration.ofSeconds(5))) != null) {
			if (message.body().startsWith("event ")) {
				received++;
			}
		}
		return received;
	}

}

package io.github.zmqlog.logback;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.core.status.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.zmqlog.testsupport.TestSubscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.awaitility.Awaitility.await;

/**
 * {@code stop()}: what was logged before it is delivered, it returns in bounded time, and
 * what it could not send is counted.
 */
@Timeout(60)
class ZmqLogAppenderShutdownTests {

	/** Room for a busy machine on top of {@code shutdownTimeout}. */
	private static final Duration GENEROUS_MARGIN = Duration.ofSeconds(4);

	@Test
	void eventsLoggedBeforeStopReachAConnectedSubscriber() {
		// Fewer than the queue holds, so no event can be dropped for a full queue.
		int count = ZmqLogAppender.DEFAULT_QUEUE_SIZE - 100;
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> appender.setRootTopic("app"));
				TestSubscriber subscriber = new TestSubscriber(fixture.endpoint(), "app.INFO.seq")) {
			subscriber.awaitSubscribed(fixture.logger, "app");
			for (int i = 0; i < count; i++) {
				fixture.logger.info("seq::event {}", i);
			}
			fixture.appender.stop();
			assertThat(fixture.appender.isStarted()).isFalse();
			assertThat(fixture.appender.getStats().publisher().alive()).isFalse();
			List<TestSubscriber.Message> messages = subscriber.receive(count, Duration.ofSeconds(10));
			assertThat(messages.get(0).body()).isEqualTo("event 0\n");
			assertThat(messages.get(count - 1).body()).isEqualTo("event " + (count - 1) + "\n");
			assertThat(fixture.appender.getCounters().droppedTotal()).isZero();
		}
	}

	/**
	 * A subscriber that reads nothing holds the socket's close for the whole linger:
	 * {@code stop()} gives up at {@code shutdownTimeout} instead of waiting it out, and
	 * leaves the thread to finish, which it does when the linger is up. Every event is
	 * sent or counted. The bound on the time is generous, and below the linger.
	 */
	@Test
	void stopGivesUpInsteadOfWaitingOutTheLingerForAStalledSubscriber() {
		Duration shutdownTimeout = Duration.ofMillis(500);
		// Longer than the bound on stop(), so that waiting it out fails the test.
		Duration linger = shutdownTimeout.plus(GENEROUS_MARGIN).plusSeconds(1);
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> {
			appender.setRootTopic("app");
			appender.setShutdownTimeout(logbackDuration(shutdownTimeout));
			appender.setLinger(logbackDuration(linger));
		})) {
			int logged = 100_000;
			ZmqLogStats.Counts before;
			try (TestSubscriber subscriber = new TestSubscriber(1, fixture.endpoint(), "")) {
				subscriber.awaitSubscribed(fixture.logger, "app");
				before = AppenderStats.settled(fixture.appender);
				// The subscriber reads nothing more: TCP buffers fill and the rest waits
				// in the socket's queue, which closing with the linger would wait for.
				String body = "x".repeat(1000);
				for (int i = 0; i < logged; i++) {
					fixture.logger.info(body);
				}
				long start = System.nanoTime();
				fixture.appender.stop();
				Duration took = Duration.ofNanos(System.nanoTime() - start);
				assertThat(took).as("stop() with a stalled subscriber")
					.isLessThan(shutdownTimeout.plus(GENEROUS_MARGIN));
				assertThat(fixture.appender.isStarted()).isFalse();
				assertThat(warnings(fixture))
					.anyMatch((status) -> status.getMessage().contains("did not close within"));
				assertThat(fixture.appender.getStats().publisher().alive()).as("the publisher thread, closing")
					.isTrue();
			}
			// JeroMQ's close waits out the linger even after the peer has gone.
			assertThat(fixture.appender.awaitPublisherEnd(linger.plusSeconds(20).toMillis()))
				.as("the publisher thread ended")
				.isTrue();
			ZmqLogStats.Counts after = fixture.appender.getStats().counts();
			long sent = after.sent() - before.sent();
			long dropped = after.droppedTotal() - before.droppedTotal();
			long queueFull = after.dropped(DropReason.QUEUE_FULL) - before.dropped(DropReason.QUEUE_FULL);
			assertThat(sent + dropped).as("sent + dropped").isEqualTo(logged);
			assertThat(sent + dropped - queueFull).as("sent + dropped after queueing")
				.isEqualTo(after.enqueued() - before.enqueued());
		}
	}

	/**
	 * The publisher thread is held inside an event while more wait in the queue:
	 * {@code stop()} gives up at {@code shutdownTimeout}, and what it left (the queued
	 * events and the one in the thread's hands) is counted as {@code SHUTDOWN} once the
	 * thread moves on, as the warning says; nothing is sent after the stop.
	 */
	@Test
	void whatStopLeavesBehindIsCountedAsShutdown() throws InterruptedException {
		StallingLayout layout = new StallingLayout();
		Duration shutdownTimeout = Duration.ofMillis(500);
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> {
			appender.setLayout(layout);
			appender.setShutdownTimeout(logbackDuration(shutdownTimeout));
		})) {
			fixture.logger.info("held by the publisher");
			layout.awaitStalled();
			int queued = 100;
			for (int i = 0; i < queued; i++) {
				fixture.logger.info("queued {}", i);
			}
			long start = System.nanoTime();
			fixture.appender.stop();
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			assertThat(took).as("stop() with the publisher held").isLessThan(shutdownTimeout.plus(GENEROUS_MARGIN));
			assertThat(fixture.appender.getStats().publisher().alive()).as("the publisher thread, held").isTrue();
			assertThat(warnings(fixture)).anyMatch((status) -> status.getMessage()
				.contains("(" + queued + " events still queued are dropped and counted as SHUTDOWN"));
			layout.release.countDown();
			assertThat(fixture.appender.awaitPublisherEnd(10_000)).as("the publisher thread ended").isTrue();
			ZmqLogStats.Counts counts = fixture.appender.getStats().counts();
			assertThat(counts.enqueued()).isEqualTo(1 + queued);
			assertThat(counts.sent()).isZero();
			assertThat(counts.dropped(DropReason.SHUTDOWN)).isEqualTo(1 + queued);
			assertThat(counts.droppedTotal()).isEqualTo(1 + queued);
		}
	}

	@Test
	void eventsAfterStopAreCountedAsNotStarted() {
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> {
		})) {
			fixture.appender.stop();
			fixture.logger.info("too late");
			fixture.logger.warn("also too late");
			assertThat(fixture.appender.getCounters().dropped(DropReason.NOT_STARTED)).isEqualTo(2);
		}
	}

	@Test
	void startAndStopAreIdempotent() {
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> {
		})) {
			String endpoint = fixture.endpoint();
			fixture.appender.start();
			assertThat(fixture.endpoint()).isEqualTo(endpoint);
			assertThat(fixture.appender.getStats().socket().boundEndpoints()).hasSize(1);
			fixture.appender.stop();
			fixture.appender.stop();
			assertThat(fixture.errors()).isEmpty();
			assertThat(warnings(fixture)).isEmpty();
		}
	}

	@Test
	void canBeStartedAgainAfterStop() {
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> appender.setRootTopic("app"))) {
			fixture.appender.stop();
			fixture.appender.start();
			assertThat(fixture.appender.isStarted()).isTrue();
			try (TestSubscriber subscriber = new TestSubscriber(fixture.endpoint(), "")) {
				subscriber.awaitSubscribed(fixture.logger, "app");
				fixture.logger.info("again");
				assertThat(subscriber.receive(Duration.ofSeconds(10)).body()).isEqualTo("again\n");
			}
		}
	}

	@Test
	void setRootTopicDoesNotWaitForAStopThatWaitsForThePublisher() throws Exception {
		StallingLayout layout = new StallingLayout();
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> {
			appender.setLayout(layout);
			appender.setRootTopic("before");
			appender.setShutdownTimeout(ch.qos.logback.core.util.Duration.buildBySeconds(30));
		})) {
			fixture.logger.info("held");
			layout.awaitStalled();
			CompletableFuture<Void> stopping = CompletableFuture.runAsync(fixture.appender::stop);
			// stop() holds the lifecycle lock from here until the publisher is released.
			await().atMost(Duration.ofSeconds(10)).until(() -> !fixture.appender.isStarted());
			CompletableFuture<Void> renaming = CompletableFuture.runAsync(() -> fixture.appender.setRootTopic("after"));
			try {
				assertThatNoException().as("setRootTopic() returns while stop() waits")
					.isThrownBy(() -> renaming.get(2, TimeUnit.SECONDS));
				assertThat(fixture.appender.getRootTopic()).isEqualTo("after");
				assertThat(stopping).isNotDone();
			}
			finally {
				layout.release.countDown();
			}
			stopping.get(10, TimeUnit.SECONDS);
			renaming.get(10, TimeUnit.SECONDS);
		}
	}

	private static ch.qos.logback.core.util.Duration logbackDuration(Duration duration) {
		return ch.qos.logback.core.util.Duration.buildByMilliseconds(duration.toMillis());
	}

	private static List<Status> warnings(AppenderFixture fixture) {
		return fixture.context.getStatusManager()
			.getCopyOfStatusList()
			.stream()
			.filter((status) -> status.getLevel() == Status.WARN)
			.toList();
	}

}

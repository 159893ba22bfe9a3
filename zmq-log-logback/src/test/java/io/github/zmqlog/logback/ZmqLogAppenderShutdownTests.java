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
 * {@code stop()}: what was logged before it is delivered, and it returns in bounded time.
 */
@Timeout(60)
class ZmqLogAppenderShutdownTests {

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

	@Test
	void stopReturnsWithinShutdownTimeoutWhenTheSubscriberStalls() {
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> {
			appender.setRootTopic("app");
			appender.setShutdownTimeout(ch.qos.logback.core.util.Duration.buildBySeconds(1));
			appender.setLinger(ch.qos.logback.core.util.Duration.buildBySeconds(30));
		}); TestSubscriber subscriber = new TestSubscriber(1, fixture.endpoint(), "")) {
			subscriber.awaitSubscribed(fixture.logger, "app");
			// The subscriber reads nothing more: TCP buffers fill and the rest waits in
			// the PUB's queue,
			// which closing with a 30 s linger would wait for.
			String body = "x".repeat(1000);
			for (int i = 0; i < 100_000; i++) {
				fixture.logger.info(body);
			}
			long start = System.nanoTime();
			fixture.appender.stop();
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			assertThat(took).as("stop() waited for the stalled subscriber, then gave up")
				.isGreaterThanOrEqualTo(Duration.ofMillis(900))
				.isLessThan(Duration.ofMillis(2500));
			assertThat(fixture.appender.isStarted()).isFalse();
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

	private static List<Status> warnings(AppenderFixture fixture) {
		return fixture.context.getStatusManager()
			.getCopyOfStatusList()
			.stream()
			.filter((status) -> status.getLevel() == Status.WARN)
			.toList();
	}

}

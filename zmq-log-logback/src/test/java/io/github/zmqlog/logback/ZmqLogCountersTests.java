package io.github.zmqlog.logback;

import java.time.Duration;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.zmqlog.testsupport.TestSubscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ZmqLogCounters}: the live view reads what the {@link ZmqLogStats}
 * snapshot holds.
 */
@Timeout(60)
class ZmqLogCountersTests {

	private static final int QUEUE_SIZE = 4;

	@Test
	void readsNothingBeforeTheFirstStart() {
		try (AppenderFixture fixture = AppenderFixture.configure((appender) -> appender.addBind("tcp://127.0.0.1:*"))) {
			ZmqLogCounters counters = fixture.appender.getCounters();
			assertThat(counters.enqueued()).isZero();
			assertThat(counters.sent()).isZero();
			assertThat(counters.droppedTotal()).isZero();
			assertThat(counters.queueDepth()).isZero();
			assertThat(counters.subscribers()).isZero();
			ZmqLogStats stats = fixture.appender.getStats();
			assertThat(stats.started()).isFalse();
			assertThat(stats.publisher().threadState()).isEqualTo("NEW");
			assertThat(stats.queue().capacity()).isEqualTo(ZmqLogAppender.DEFAULT_QUEUE_SIZE);
			assertThat(stats.counts().dropped()).containsOnlyKeys(DropReason.values());
		}
	}

	@Test
	void agreesWithTheSnapshotWhileEventsAreHeldAndAfter() throws Exception {
		StallingLayout layout = new StallingLayout();
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> {
			appender.setQueueSize(QUEUE_SIZE);
			appender.setLayout(layout);
		})) {
			ZmqLogCounters counters = fixture.appender.getCounters();
			fixture.logger.info("held by the publisher");
			layout.awaitStalled();
			int appended = 1 + QUEUE_SIZE + 3;
			for (int i = 1; i < appended; i++) {
				fixture.logger.info("event {}", i);
			}
			ZmqLogStats held = fixture.appender.getStats();
			assertThat(counters.queueDepth()).isEqualTo(held.queue().depth()).isEqualTo(QUEUE_SIZE);
			assertThat(counters.enqueued()).isEqualTo(held.counts().enqueued()).isEqualTo(1 + QUEUE_SIZE);
			assertThat(counters.dropped(DropReason.QUEUE_FULL)).isEqualTo(held.counts().dropped(DropReason.QUEUE_FULL))
				.isEqualTo(3);
			layout.release.countDown();
			await().atMost(Duration.ofSeconds(10)).until(() -> counters.sent() == 1 + QUEUE_SIZE);
			ZmqLogStats.Counts after = fixture.appender.getStats().counts();
			assertThat(counters.queueDepth()).isZero();
			assertThat(after.sent()).isEqualTo(counters.sent());
			assertThat(after.droppedTotal()).isEqualTo(counters.droppedTotal());
			assertThat(after.sent() + after.droppedTotal()).as("sent + dropped = appended").isEqualTo(appended);
		}
	}

	@Test
	void countsSentAndDroppedByTheEventsLevel() throws Exception {
		StallingLayout layout = new StallingLayout();
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> {
			appender.setQueueSize(QUEUE_SIZE);
			appender.setLayout(layout);
		})) {
			ZmqLogCounters counters = fixture.appender.getCounters();
			fixture.logger.warn("held by the publisher");
			layout.awaitStalled();
			for (int i = 0; i < QUEUE_SIZE; i++) {
				fixture.logger.info("queued {}", i);
			}
			fixture.logger.error("queue full");
			fixture.logger.error("queue full again");
			fixture.logger.debug("queue full too");
			fixture.appender.setPaused(true);
			fixture.logger.trace("paused");
			fixture.appender.setPaused(false);
			layout.release.countDown();
			await().atMost(Duration.ofSeconds(10)).until(() -> counters.sent() == 1 + QUEUE_SIZE);
			assertThat(counters.sent(Level.WARN)).isEqualTo(1);
			assertThat(counters.sent(Level.INFO)).isEqualTo(QUEUE_SIZE);
			assertThat(counters.sent(Level.ERROR)).isZero();
			assertThat(counters.dropped(DropReason.QUEUE_FULL, Level.ERROR)).isEqualTo(2);
			assertThat(counters.dropped(DropReason.QUEUE_FULL, Level.DEBUG)).isEqualTo(1);
			assertThat(counters.dropped(DropReason.QUEUE_FULL, Level.INFO)).isZero();
			assertThat(counters.dropped(DropReason.PAUSED, Level.TRACE)).isEqualTo(1);
			assertThat(counters.droppedAtUnknownLevel(DropReason.QUEUE_FULL)).isZero();
			long sentByLevel = 0;
			long droppedByLevel = 0;
			for (Level level : ZmqLogCounters.LEVELS) {
				sentByLevel += counters.sent(level);
				for (DropReason reason : DropReason.values()) {
					droppedByLevel += counters.dropped(reason, level);
				}
			}
			for (DropReason reason : DropReason.values()) {
				droppedByLevel += counters.droppedAtUnknownLevel(reason);
			}
			assertThat(sentByLevel).as("the levels add up to sent").isEqualTo(counters.sent());
			assertThat(droppedByLevel).as("the levels add up to dropped")
				.isEqualTo(counters.droppedTotal())
				.isEqualTo(4);
			assertThat(counters.dropped(DropReason.QUEUE_FULL)).isEqualTo(3);
		}
	}

	@Test
	void subscribersFollowThePeersConnected() {
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> {
		})) {
			ZmqLogCounters counters = fixture.appender.getCounters();
			try (TestSubscriber subscriber = new TestSubscriber(fixture.endpoint(), "")) {
				await().atMost(Duration.ofSeconds(10)).until(() -> counters.subscribers() == 1);
				assertThat(fixture.appender.getStats().socket().subscribers()).isEqualTo(1);
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> counters.subscribers() == 0);
			fixture.appender.stop();
			assertThat(counters.subscribers()).isZero();
		}
	}

}

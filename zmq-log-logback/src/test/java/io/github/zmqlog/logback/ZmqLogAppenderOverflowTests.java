package io.github.zmqlog.logback;

import java.util.concurrent.atomic.AtomicBoolean;

import ch.qos.logback.core.util.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A full queue: the overflow policies, and the counts.
 */
@Timeout(60)
class ZmqLogAppenderOverflowTests {

	private static final int QUEUE_SIZE = 16;

	@Test
	void dropPolicyNeverMakesTheCallerWaitAndCountsEveryDrop() throws Exception {
		StallingLayout layout = new StallingLayout();
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> {
			appender.setQueueSize(QUEUE_SIZE);
			appender.setLayout(layout);
		})) {
			fixture.logger.info("held by the publisher");
			layout.awaitStalled();
			// The publisher stays held until the loop ends: a caller that waited for room
			// would never return.
			ThreadWaits before = ThreadWaits.ofCurrentThread();
			for (int i = 0; i < 10_000; i++) {
				fixture.logger.info("event {}", i);
			}
			long waits = ThreadWaits.ofCurrentThread().count() - before.count();
			ZmqLogStats stats = fixture.appender.getStats();
			assertThat(stats.queue().depth()).isEqualTo(QUEUE_SIZE);
			assertThat(stats.counts().enqueued()).isEqualTo(1 + QUEUE_SIZE);
			assertThat(stats.counts().dropped(DropReason.QUEUE_FULL)).isEqualTo(10_000 - QUEUE_SIZE);
			assertThat(waits).as("times a logging call parked, waited or blocked").isZero();
			layout.release.countDown();
			await().atMost(java.time.Duration.ofSeconds(10))
				.until(() -> fixture.appender.getCounters().sent() == 1 + QUEUE_SIZE);
			assertThat(fixture.appender.getCounters().droppedTotal()).isEqualTo(10_000 - QUEUE_SIZE);
		}
	}

	@Test
	void blockPolicyWaitsUpToMaxBlockTimeThenDrops() throws Exception {
		StallingLayout layout = new StallingLayout();
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> {
			appender.setQueueSize(1);
			appender.setOverflowPolicy("block");
			appender.setMaxBlockTime(Duration.buildByMilliseconds(300));
			appender.setLayout(layout);
		})) {
			fixture.logger.info("held by the publisher");
			layout.awaitStalled();
			fixture.logger.info("fills the queue");
			long start = System.nanoTime();
			long waits = ThreadWaits.during(() -> fixture.logger.info("waits, then is dropped"));
			java.time.Duration waited = java.time.Duration.ofNanos(System.nanoTime() - start);
			// What the DROP test counts as zero.
			assertThat(waits).as("times the call parked").isPositive();
			assertThat(waited).isGreaterThanOrEqualTo(java.time.Duration.ofMillis(250))
				.isLessThan(java.time.Duration.ofSeconds(5));
			assertThat(fixture.appender.getCounters().dropped(DropReason.QUEUE_FULL)).isEqualTo(1);
			layout.release.countDown();
			await().atMost(java.time.Duration.ofSeconds(10)).until(() -> fixture.appender.getCounters().sent() == 2);
		}
	}

	@Test
	void blockPolicyLosesNothingWhenThePublisherCatchesUp() throws Exception {
		StallingLayout layout = new StallingLayout();
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> {
			appender.setQueueSize(1);
			appender.setOverflowPolicy("BLOCK");
			appender.setMaxBlockTime(Duration.buildBySeconds(30));
			appender.setLayout(layout);
		})) {
			fixture.logger.info("held by the publisher");
			layout.awaitStalled();
			fixture.logger.info("fills the queue");
			Thread caller = Thread.currentThread();
			AtomicBoolean sawTheCallerWaiting = new AtomicBoolean();
			// Room is made only once the caller is seen waiting for it, so the test shows
			// that BLOCK waited rather than found room at once.
			Thread releaser = new Thread(() -> {
				await().atMost(java.time.Duration.ofSeconds(20)).until(() -> isWaitingForRoom(caller));
				sawTheCallerWaiting.set(true);
				layout.release.countDown();
			});
			releaser.start();
			fixture.logger.info("queued once there is room");
			releaser.join();
			assertThat(sawTheCallerWaiting).isTrue();
			await().atMost(java.time.Duration.ofSeconds(10)).until(() -> fixture.appender.getCounters().sent() == 3);
			assertThat(fixture.appender.getCounters().droppedTotal()).isZero();
		}
	}

	private static boolean isWaitingForRoom(Thread caller) {
		for (StackTraceElement frame : caller.getStackTrace()) {
			if (frame.getMethodName().equals("offerWaiting")) {
				return true;
			}
		}
		return false;
	}

}

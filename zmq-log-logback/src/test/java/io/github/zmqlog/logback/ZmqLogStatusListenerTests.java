package io.github.zmqlog.logback;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.status.StatusListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Logback status listener that throws while the publisher reports a dropped event: the
 * event is counted once, the rest of the batch is counted too, and a listener's
 * {@link RuntimeException} does not stop the publisher.
 */
@Timeout(60)
class ZmqLogStatusListenerTests {

	private static final int EVENTS = 20;

	@Test
	void aListenerThrowingARuntimeExceptionBreaksNeitherTheCountsNorThePublisher() throws Exception {
		try (AppenderFixture fixture = failingBatch(() -> new IllegalStateException("listener failed"))) {
			ZmqLogStats.Counts counts = awaitSettled(fixture, 1 + EVENTS);
			assertThat(counts.sent()).isEqualTo(1 + EVENTS / 2);
			assertThat(counts.dropped(DropReason.SEND_FAILED)).isEqualTo(EVENTS / 2);
			assertThat(counts.droppedTotal()).isEqualTo(EVENTS / 2);
			assertThat(fixture.appender.getStats().publisher().alive()).isTrue();
			fixture.logger.info("later");
			await().atMost(Duration.ofSeconds(10)).until(() -> fixture.appender.getCounters().sent() == 2 + EVENTS / 2);
			assertThat(fixture.appender.getCounters().droppedTotal()).isEqualTo(EVENTS / 2);
		}
	}

	@Test
	void aListenerThrowingAnErrorEndsThePublisherWithEveryEventCountedOnce() throws Exception {
		try (AppenderFixture fixture = failingBatch(() -> new StackOverflowError("listener failed"))) {
			// The publisher thread dies of the Error on purpose: Awaitility must not fail
			// the test for it.
			await().dontCatchUncaughtExceptions()
				.atMost(Duration.ofSeconds(10))
				.until(() -> !fixture.appender.getStats().publisher().alive());
			ZmqLogStats.Counts counts = fixture.appender.getStats().counts();
			assertThat(counts.enqueued()).isEqualTo(1 + EVENTS);
			// The held event went out; the failing one and everything after it in its
			// batch are counted once each.
			assertThat(counts.sent()).isEqualTo(1);
			assertThat(counts.dropped(DropReason.SEND_FAILED)).isEqualTo(EVENTS);
			assertThat(counts.droppedTotal()).isEqualTo(EVENTS);
		}
	}

	/**
	 * Starts an appender whose publisher is held inside its first event while a batch
	 * queues behind it: every other event of the batch cannot be formatted, and the
	 * context's status listener throws once the batch is released.
	 */
	private static AppenderFixture failingBatch(Supplier<Throwable> thrown) throws InterruptedException {
		HoldingLayout layout = new HoldingLayout();
		AppenderFixture fixture = AppenderFixture.start("app", (appender) -> appender.setLayout(layout));
		assertThat(fixture.appender.isStarted()).isTrue();
		// Only on the publisher thread: stop() reports on the test's thread, after the
		// assertions.
		fixture.context.getStatusManager().add((StatusListener) (status) -> {
			if (Thread.currentThread().getName().startsWith("zmqlog-publisher-")) {
				sneakyThrow(thrown.get());
			}
		});
		fixture.logger.info("held");
		layout.awaitHeld();
		for (int i = 0; i < EVENTS; i++) {
			fixture.logger.info(((i % 2 == 0) ? "bad " : "good ") + i);
		}
		assertThat(fixture.appender.getStats().queue().depth()).isEqualTo(EVENTS);
		layout.release.countDown();
		return fixture;
	}

	private static ZmqLogStats.Counts awaitSettled(AppenderFixture fixture, long enqueued) {
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			ZmqLogStats.Counts counts = fixture.appender.getStats().counts();
			assertThat(counts.enqueued()).isEqualTo(enqueued);
			assertThat(counts.sent() + counts.droppedTotal()).as("sent + dropped").isEqualTo(enqueued);
		});
		return fixture.appender.getStats().counts();
	}

	@SuppressWarnings("unchecked")
	private static <T extends Throwable> void sneakyThrow(Throwable ex) throws T {
		throw (T) ex;
	}

	/**
	 * Holds the publisher inside the event {@code held} until released, and fails to
	 * format any event whose message starts with {@code bad}.
	 */
	private static final class HoldingLayout extends LayoutBase<ILoggingEvent> {

		private final CountDownLatch held = new CountDownLatch(1);

		private final CountDownLatch release = new CountDownLatch(1);

		HoldingLayout() {
			start();
		}

		@Override
		public String doLayout(ILoggingEvent event) {
			String message = event.getFormattedMessage();
			if (message.equals("held")) {
				this.held.countDown();
				try {
					if (!this.release.await(30, TimeUnit.SECONDS)) {
						throw new IllegalStateException("never released");
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			if (message.startsWith("bad")) {
				throw new IllegalArgumentException("cannot format " + message);
			}
			return message + "\n";
		}

		void awaitHeld() throws InterruptedException {
			if (!this.held.await(10, TimeUnit.SECONDS)) {
				throw new AssertionError("the publisher never reached the layout");
			}
		}

	}

}

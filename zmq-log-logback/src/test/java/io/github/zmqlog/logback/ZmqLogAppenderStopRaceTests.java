package io.github.zmqlog.logback;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.pattern.DynamicConverter;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.zmqlog.testsupport.PublisherHold;
import io.github.zmqlog.testsupport.TestSubscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A {@code stop()} that gives up at {@code shutdownTimeout} while the publisher thread is
 * held inside a body pattern: what the thread still holds is counted, never sent with a
 * body from stopped layouts, and the warning counts it once the thread has ended.
 */
@Timeout(60)
class ZmqLogAppenderStopRaceTests {

	private static final int QUEUED = 5;

	@Test
	void aStopThatGivesUpCountsWhatThePublisherStillHeldOnceItEnds() throws Exception {
		PublisherHold.reset();
		List<String> warnings = new CopyOnWriteArrayList<>();
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> {
			registerHold(appender);
			appender.setRootTopic("app");
			appender.setPattern("%hold%msg%n");
			appender.setShutdownTimeout(ch.qos.logback.core.util.Duration.buildByMilliseconds(300));
		}); TestSubscriber subscriber = new TestSubscriber(fixture.endpoint(), "")) {
			assertThat(fixture.appender.isStarted()).as(fixture.errors().toString()).isTrue();
			subscriber.awaitSubscribed(fixture.logger, "app");
			fixture.context.getStatusManager().add((StatusListener) (status) -> {
				if (status.getLevel() == Status.WARN && status.getMessage().contains("could not send")) {
					// Whether the publisher's last formatting had ended when this was
					// said.
					warnings.add(status.getMessage() + (PublisherHold.returned() ? "" : " [publisher still held]"));
				}
			});
			long sentBefore = fixture.appender.getCounters().sent();
			fixture.logger.info(PublisherHold.HOLD);
			PublisherHold.awaitHeld();
			for (int i = 0; i < QUEUED; i++) {
				fixture.logger.info("queued {}", i);
			}
			fixture.appender.stop();
			assertThat(fixture.appender.getStats().publisher().alive()).as("the publisher, still held").isTrue();
			assertThat(warnings).as("counted before the thread's drops are known").isEmpty();
			PublisherHold.release();
			await().atMost(Duration.ofSeconds(10)).until(() -> !fixture.appender.getStats().publisher().alive());
			assertThat(subscriber.receive(Duration.ofMillis(500))).as("a message sent after stop() gave up").isNull();
			ZmqLogStats.Counts counts = fixture.appender.getStats().counts();
			assertThat(counts.sent()).isEqualTo(sentBefore);
			assertThat(counts.dropped(DropReason.SHUTDOWN)).isEqualTo(1 + QUEUED);
			assertThat(warnings).containsExactly("Appender [zmq] could not send " + (1 + QUEUED)
					+ " events while stopping (the publisher thread ended after stop() gave up)");
		}
		finally {
			PublisherHold.release();
		}
	}

	@Test
	void aStopInTimeReportsWhatItCouldNotSendBeforeItReturns() throws Exception {
		PublisherHold.reset();
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> {
			registerHold(appender);
			appender.setPattern("%hold%msg%n");
			appender.setShutdownTimeout(ch.qos.logback.core.util.Duration.buildBySeconds(30));
		})) {
			fixture.logger.info(PublisherHold.HOLD);
			PublisherHold.awaitHeld();
			Thread stopping = new Thread(fixture.appender::stop, "stopping");
			stopping.start();
			await().atMost(Duration.ofSeconds(10)).until(() -> !fixture.appender.isStarted());
			// Counted as NOT_STARTED while stop() waits.
			fixture.logger.info("too late");
			PublisherHold.release();
			stopping.join(TimeUnit.SECONDS.toMillis(30));
			assertThat(stopping.isAlive()).isFalse();
			assertThat(fixture.appender.getCounters().dropped(DropReason.NOT_STARTED)).isEqualTo(1);
			assertThat(fixture.context.getStatusManager().getCopyOfStatusList())
				.filteredOn((status) -> status.getMessage().contains("could not send"))
				.extracting(Status::getMessage)
				.containsExactly("Appender [zmq] could not send 1 events while stopping");
		}
		finally {
			PublisherHold.release();
		}
	}

	@SuppressWarnings("unchecked")
	private static void registerHold(ZmqLogAppender appender) {
		Map<String, Supplier<DynamicConverter<?>>> rules = (Map<String, Supplier<DynamicConverter<?>>>) appender
			.getContext()
			.getObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS);
		if (rules == null) {
			rules = new HashMap<>();
			appender.getContext().putObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, rules);
		}
		rules.put("hold", HoldConverter::new);
	}

	/**
	 * {@code %hold}: writes nothing, but holds the publisher in the {@link PublisherHold}
	 * event.
	 */
	static final class HoldConverter extends ClassicConverter {

		@Override
		public String convert(ILoggingEvent event) {
			PublisherHold.holdIf(event.getFormattedMessage());
			return "";
		}

	}

}

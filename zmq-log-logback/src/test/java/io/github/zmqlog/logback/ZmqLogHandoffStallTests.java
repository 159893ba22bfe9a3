package io.github.zmqlog.logback;

import java.lang.reflect.Field;
import java.time.Duration;

import ch.qos.logback.core.status.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.zmqlog.logback.transport.QueueHoles;
import io.github.zmqlog.logback.transport.ZmqLogPublisher;
import io.github.zmqlog.testsupport.TestSubscriber;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A logging thread that claims a place in the queue and never writes it (a
 * {@link StackOverflowError} between the claim and the write, or a thread descheduled for
 * long) costs one counted event and a bounded wait: the events behind it are published
 * and the appender stops in time.
 */
@Timeout(60)
class ZmqLogHandoffStallTests {

	@Test
	void aPlaceNeverWrittenCostsOneCountedEventAndPublishingGoesOn() {
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> appender.setRootTopic("app"));
				TestSubscriber subscriber = new TestSubscriber(fixture.endpoint(), "app.INFO")) {
			subscriber.awaitSubscribed(fixture.logger, "app");
			ZmqLogStats.Counts before = AppenderStats.settled(fixture.appender);
			QueueHoles.claimWithoutWriting(publisher(fixture.appender));
			for (int i = 0; i < 10; i++) {
				fixture.logger.info("behind the hole " + i);
			}
			for (int i = 0; i < 10; i++) {
				assertThat(subscriber.receive(Duration.ofSeconds(10)).body()).isEqualTo("behind the hole " + i + "\n");
			}
			ZmqLogStats.Counts after = AppenderStats.settled(fixture.appender);
			assertThat(after.enqueued() - before.enqueued()).isEqualTo(11);
			assertThat(after.sent() - before.sent()).isEqualTo(10);
			assertThat(after.dropped(DropReason.HANDOFF_ABANDONED)).isEqualTo(1);
			assertThat(after.droppedTotal() - before.droppedTotal()).isEqualTo(1);
			assertThat(fixture.appender.getStats().publisher().alive()).isTrue();
		}
	}

	@Test
	void stoppingWithAPlaceNeverWrittenEndsInTimeAndCountsEverything() {
		AppenderFixture fixture = AppenderFixture.start("app", (appender) -> {
			appender.setRootTopic("app");
			appender.setShutdownTimeout(ch.qos.logback.core.util.Duration.buildBySeconds(5));
		});
		try (fixture) {
			QueueHoles.claimWithoutWriting(publisher(fixture.appender));
			for (int i = 0; i < 5; i++) {
				fixture.logger.info("behind the hole " + i);
			}
			fixture.appender.stop();
			assertThat(fixture.appender.awaitPublisherEnd(10_000)).as("the publisher thread ended").isTrue();
			ZmqLogStats.Counts counts = fixture.appender.getStats().counts();
			assertThat(counts.enqueued()).isEqualTo(6);
			assertThat(counts.dropped(DropReason.HANDOFF_ABANDONED)).isEqualTo(1);
			assertThat(counts.sent() + counts.droppedTotal()).isEqualTo(counts.enqueued());
			assertThat(fixture.context.getStatusManager().getCopyOfStatusList())
				.filteredOn((status) -> status.getLevel() == Status.WARN)
				.extracting(Status::getMessage)
				.noneMatch((message) -> message.contains("did not close within"));
		}
	}

	private static ZmqLogPublisher publisher(ZmqLogAppender appender) {
		try {
			Field field = ZmqLogAppender.class.getDeclaredField("publisher");
			field.setAccessible(true);
			return (ZmqLogPublisher) field.get(appender);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

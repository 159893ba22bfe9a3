package io.github.zmqlog.logback;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.zmqlog.testsupport.TestSubscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Per-logger publication thresholds
 * ({@code <loggerThreshold>logger=LEVEL</loggerThreshold>},
 * {@code zmqlog.levels.<logger>} with Spring Boot): the most specific logger's entry
 * wins, as with {@code logging.level.*}, and loggers without one keep {@code threshold}.
 * An event below its logger's threshold is neither published nor counted, as one below
 * {@code threshold}.
 */
@Timeout(60)
class ZmqLogAppenderLoggerThresholdTests {

	private static final Duration RECEIVE = Duration.ofSeconds(10);

	private static final Duration NOTHING_MORE = Duration.ofMillis(200);

	@Test
	void eventsBelowTheirLoggersThresholdAreNeitherPublishedNorCounted() {
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> {
			appender.setRootTopic("app");
			appender.addLoggerThreshold("app.db=WARN");
		}); TestSubscriber subscriber = new TestSubscriber(fixture.endpoint(), "app.")) {
			subscriber.awaitSubscribed(fixture.logger, "app");
			long enqueuedBefore = fixture.appender.getCounters().enqueued();
			Logger db = fixture.context.getLogger("app.db");
			Logger pool = fixture.context.getLogger("app.db.pool");
			Logger dbx = fixture.context.getLogger("app.dbx");
			db.info("db info: below app.db's WARN");
			pool.debug("pool debug: below app.db's WARN, inherited");
			pool.warn("pool warn");
			dbx.info("dbx info: not under app.db");
			fixture.logger.trace("app trace");
			List<TestSubscriber.Message> messages = subscriber.receive(3, RECEIVE);
			assertThat(messages).extracting(TestSubscriber.Message::body)
				.anySatisfy((body) -> assertThat(body).contains("pool warn"))
				.anySatisfy((body) -> assertThat(body).contains("dbx info"))
				.anySatisfy((body) -> assertThat(body).contains("app trace"));
			assertThat(subscriber.receive(NOTHING_MORE)).isNull();
			ZmqLogCounters counters = fixture.appender.getCounters();
			assertThat(counters.enqueued() - enqueuedBefore).isEqualTo(3);
			await().atMost(RECEIVE)
				.untilAsserted(
						() -> assertThat(counters.sent() + counters.droppedTotal()).isEqualTo(counters.enqueued()));
			assertThat(counters.droppedTotal()).isZero();
		}
	}

	@Test
	void mostSpecificLoggerWinsAndMayBeLowerThanTheThreshold() {
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> {
			appender.setRootTopic("app");
			appender.setThreshold("OFF");
			appender.addLoggerThreshold("app=ERROR, app.db=DEBUG");
			appender.addLoggerThreshold("app.db.noisy=OFF");
		}); TestSubscriber subscriber = new TestSubscriber(fixture.endpoint(), "app.")) {
			Logger db = fixture.context.getLogger("app.db");
			subscriber.awaitSubscribed(db, "app");
			fixture.context.getLogger("other").error("other: no entry, the threshold is OFF");
			fixture.context.getLogger("app.web").warn("web warn: below app's ERROR");
			fixture.context.getLogger("app.web").error("web error");
			fixture.context.getLogger("app.db.noisy").error("noisy: OFF");
			fixture.context.getLogger("app.db.pool").debug("pool debug");
			assertThat(subscriber.receive(2, RECEIVE)).extracting(TestSubscriber.Message::body)
				.satisfiesExactlyInAnyOrder((body) -> assertThat(body).contains("web error"),
						(body) -> assertThat(body).contains("pool debug"));
			assertThat(subscriber.receive(NOTHING_MORE)).isNull();
		}
	}

	@Test
	void thresholdsAreReadBack() {
		try (AppenderFixture fixture = AppenderFixture.configure((appender) -> {
			appender.addLoggerThreshold(" app.db = warning ,org.hibernate=error");
			appender.addLoggerThreshold("app.db=info");
		})) {
			assertThat(fixture.appender.getLoggerThresholds()).containsExactly(Map.entry("org.hibernate", "ERROR"),
					Map.entry("app.db", "INFO"));
		}
	}

	@Test
	void anEntryThatNamesNoLevelOrNoLoggerFailsTheStart() {
		try (AppenderFixture fixture = AppenderFixture.configure((appender) -> {
			appender.addBind("tcp://127.0.0.1:*");
			appender.addLoggerThreshold("app.db=loud");
			appender.addLoggerThreshold("=WARN");
			appender.addLoggerThreshold("app.web");
		})) {
			fixture.appender.start();
			assertThat(fixture.appender.isStarted()).isFalse();
			assertThat(fixture.appender.getProblems()).extracting(ConfigurationProblem::option)
				.containsExactly("loggerThreshold", "loggerThreshold", "loggerThreshold");
			assertThat(fixture.appender.getProblems()).extracting(ConfigurationProblem::message)
				.anySatisfy((message) -> assertThat(message).containsIgnoringCase("app.db=loud"))
				.anySatisfy((message) -> assertThat(message).contains("app.web"));
		}
	}

	@Test
	void whileStoppedOnlyEventsAtTheirLoggersThresholdAreCounted() {
		try (AppenderFixture fixture = AppenderFixture.start("app",
				(appender) -> appender.addLoggerThreshold("app.db=WARN"))) {
			fixture.appender.stop();
			fixture.context.getLogger("app.db").info("below");
			fixture.context.getLogger("app.db").warn("at");
			assertThat(fixture.appender.getCounters().dropped(DropReason.NOT_STARTED)).isEqualTo(1);
		}
	}

}

package io.github.zmqlog.logback;

import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.encoder.JsonEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.MarkerFactory;

import io.github.zmqlog.testsupport.TestSubscriber;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Subtopics from the logger name, the first marker and an MDC value, each selected by a
 * prefix subscription; and a Logback encoder for the body.
 */
@Timeout(60)
class ZmqLogAppenderSubtopicSourcesTests {

	private static final Duration RECEIVE = Duration.ofSeconds(10);

	@Test
	void loggerNameSubtopicSelectsALogger() {
		try (AppenderFixture fixture = AppenderFixture.start("com.example", (appender) -> {
			appender.setRootTopic("app");
			appender.getSubtopic().setLoggerName(true);
		}); TestSubscriber subscriber = new TestSubscriber(fixture.endpoint(), "app.ERROR.com.example.payments")) {
			Logger payments = fixture.context.getLogger("com.example.payments.Charge");
			Logger orders = fixture.context.getLogger("com.example.orders.Checkout");
			subscriber.awaitFirst(() -> payments.error("ping"));
			orders.error("not this one");
			payments.info("nor this one");
			payments.error("card declined");
			TestSubscriber.Message message = subscriber.receive(RECEIVE);
			assertThat(message.topic()).isEqualTo("app.ERROR.com.example.payments.Charge");
			assertThat(message.body()).endsWith(" - card declined\n");
			assertThat(subscriber.receive(Duration.ofMillis(200))).isNull();
		}
	}

	@Test
	void markerSubtopicSelectsMarkedEvents() {
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> {
			appender.setRootTopic("app");
			appender.getSubtopic().setMarker(true);
		}); TestSubscriber subscriber = new TestSubscriber(fixture.endpoint(), "app.WARN.AUDIT")) {
			subscriber.awaitFirst(() -> fixture.logger.warn(MarkerFactory.getMarker("AUDIT"), "ping"));
			fixture.logger.warn("unmarked");
			fixture.logger.warn(MarkerFactory.getMarker("SECURITY"), "other marker");
			fixture.logger.warn(MarkerFactory.getMarker("AUDIT"), "login by {}", "alice");
			TestSubscriber.Message message = subscriber.receive(RECEIVE);
			assertThat(message.topic()).isEqualTo("app.WARN.AUDIT");
			assertThat(message.body()).endsWith(" - login by alice\n");
			assertThat(subscriber.receive(Duration.ofMillis(200))).isNull();
		}
	}

	@Test
	void mdcSubtopicSelectsATenant() {
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> {
			appender.setRootTopic("app");
			appender.getSubtopic().setMdcKey("tenant");
		}); TestSubscriber subscriber = new TestSubscriber(fixture.endpoint(), "app.INFO.acme")) {
			fixture.context.getMDCAdapter().put("tenant", "acme");
			subscriber.awaitFirst(() -> fixture.logger.info("ping"));
			fixture.context.getMDCAdapter().put("tenant", "globex");
			fixture.logger.info("other tenant");
			fixture.context.getMDCAdapter().remove("tenant");
			fixture.logger.info("no tenant");
			fixture.context.getMDCAdapter().put("tenant", "acme");
			fixture.logger.info("order placed");
			TestSubscriber.Message message = subscriber.receive(RECEIVE);
			assertThat(message.topic()).isEqualTo("app.INFO.acme");
			assertThat(message.body()).isEqualTo("order placed\n");
			assertThat(subscriber.receive(Duration.ofMillis(200))).isNull();
		}
	}

	@Test
	void sourcesCombineInOrderWithTheDelimiterLast() {
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> {
			appender.setRootTopic("app");
			appender.getSubtopic().setLoggerName(true);
			appender.getSubtopic().setMarker(true);
			appender.getSubtopic().setMdcKey("tenant");
		}); TestSubscriber subscriber = new TestSubscriber(fixture.endpoint(), "app.INFO.app")) {
			subscriber.awaitFirst(() -> fixture.logger.info("ping"));
			fixture.context.getMDCAdapter().put("tenant", "acme");
			fixture.logger.info(MarkerFactory.getMarker("AUDIT"), "db.pool::all four");
			fixture.context.getMDCAdapter().remove("tenant");
			fixture.logger.info("db::no marker, no tenant");
			List<TestSubscriber.Message> messages = subscriber.receive(2, RECEIVE);
			assertThat(messages).extracting(TestSubscriber.Message::topic)
				.containsExactly("app.INFO.app.AUDIT.acme.db.pool", "app.INFO.app.db");
			assertThat(messages).extracting(TestSubscriber.Message::body)
				.containsExactly("all four\n", "no marker, no tenant\n");
		}
	}

	@Test
	void anyLogbackEncoderWritesTheBody() {
		JsonEncoder json = new JsonEncoder();
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> {
			json.setContext(appender.getContext());
			json.start();
			appender.setRootTopic("app");
			appender.setEncoder(json);
		}); TestSubscriber subscriber = new TestSubscriber(fixture.endpoint(), "app.WARN")) {
			subscriber.awaitFirst(() -> fixture.logger.warn("ping"));
			fixture.logger.warn("db::pool {} exhausted", "main");
			TestSubscriber.Message message = subscriber.receive(RECEIVE);
			assertThat(message.topic()).isEqualTo("app.WARN.db");
			assertThat(message.body()).startsWith("{")
				.contains("\"level\":\"WARN\"")
				.contains("\"message\":\"pool {} exhausted\"") // the template, its
																// subtopic split off
				.contains("\"arguments\": [\"main\"]")
				.endsWith("}\n");
		}
	}

}

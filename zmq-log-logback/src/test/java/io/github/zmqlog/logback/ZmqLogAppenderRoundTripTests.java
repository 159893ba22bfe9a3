package io.github.zmqlog.logback;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.util.FileSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import io.github.zmqlog.testsupport.TestSubscriber;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events logged through the appender and received by a real SUB over TCP.
 */
@Timeout(60)
class ZmqLogAppenderRoundTripTests {

	private static final Duration RECEIVE = Duration.ofSeconds(10);

	private static final Duration NOTHING_MORE = Duration.ofMillis(200);

	@Test
	void prefixSubscriptionReceivesOnlyThatLevel() {
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> appender.setRootTopic("myprogram"));
				TestSubscriber subscriber = new TestSubscriber(fixture.endpoint(), "myprogram.ERROR")) {
			subscriber.awaitSubscribed(fixture.logger, "myprogram");
			fixture.logger.info("not this");
			fixture.logger.warn("nor this");
			fixture.logger.error("this one");
			fixture.logger.debug("db::not this either");
			fixture.logger.error("db::and this one");
			List<TestSubscriber.Message> messages = subscriber.receive(2, RECEIVE);
			assertThat(messages).extracting(TestSubscriber.Message::topic)
				.containsExactly("myprogram.ERROR", "myprogram.ERROR.db");
			assertThat(messages.get(1).body())
				.matches("ERROR ZmqLogAppenderRoundTripTests\\.java:\\d+ - and this one\n");
			assertThat(subscriber.receive(NOTHING_MORE)).isNull();
		}
	}

	@Test
	void emptyRootTopicStartsTopicWithTheLevel() {
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> {
		}); TestSubscriber subscriber = new TestSubscriber(fixture.endpoint(), "")) {
			subscriber.awaitSubscribed(fixture.logger, "");
			fixture.logger.info("hello");
			fixture.logger.info("sub.topic::hello");
			assertThat(subscriber.receive(2, RECEIVE)).extracting(TestSubscriber.Message::topic)
				.containsExactly("INFO", "INFO.sub.topic");
		}
	}

	@Test
	void subtopicSubscriptionSelectsBySubtopicPrefix() {
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> appender.setRootTopic("app"));
				TestSubscriber subscriber = new TestSubscriber(fixture.endpoint(), "app.WARN.db")) {
			subscriber.awaitSubscribed(fixture.logger, "app");
			fixture.logger.warn("db.pool::pool exhausted after {} ms", 250);
			fixture.logger.warn("http::slow client");
			fixture.logger.info("db.pool::wrong level");
			fixture.logger.warn("dbx::also db by prefix");
			List<TestSubscriber.Message> messages = subscriber.receive(2, RECEIVE);
			assertThat(messages).extracting(TestSubscriber.Message::topic)
				.containsExactly("app.WARN.db.pool", "app.WARN.dbx");
			assertThat(messages.get(0).body()).endsWith(" - pool exhausted after 250 ms\n");
			assertThat(subscriber.receive(NOTHING_MORE)).isNull();
		}
	}

	@Test
	void unicodeIsSentAsUtf8() {
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> appender.setRootTopic("ünï✓"));
				TestSubscriber subscriber = new TestSubscriber(fixture.endpoint(), "ünï✓.INFO.tøpic")) {
			subscriber.awaitSubscribed(fixture.logger, "ünï✓");
			fixture.logger.info("tøpic::héllo ✓ 日本 {}", "😀");
			TestSubscriber.Message message = subscriber.receive(RECEIVE);
			assertThat(message.topicBytes()).isEqualTo("ünï✓.INFO.tøpic".getBytes(StandardCharsets.UTF_8));
			assertThat(message.bodyBytes()).isEqualTo("héllo ✓ 日本 😀\n".getBytes(StandardCharsets.UTF_8));
		}
	}

	@Test
	void multiLineMessageIsOneMessage() {
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> appender.setRootTopic("app"));
				TestSubscriber subscriber = new TestSubscriber(fixture.endpoint(), "")) {
			subscriber.awaitSubscribed(fixture.logger, "app");
			fixture.logger.info("line1\nline2\r\nline3");
			assertThat(subscriber.receive(RECEIVE).body()).isEqualTo("line1\nline2\r\nline3\n");
			assertThat(subscriber.receive(NOTHING_MORE)).isNull();
		}
	}

	@Test
	void exceptionIsFollowedByItsStackTrace() {
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> appender.setRootTopic("app"));
				TestSubscriber subscriber = new TestSubscriber(fixture.endpoint(), "")) {
			subscriber.awaitSubscribed(fixture.logger, "app");
			IllegalStateException failure = new IllegalStateException("outer", new java.io.IOException("inner"));
			fixture.logger.error("payments::charge {} failed", 42, failure);
			TestSubscriber.Message message = subscriber.receive(RECEIVE);
			assertThat(message.topic()).isEqualTo("app.ERROR.payments");
			assertThat(message.body()).matches("(?s)ERROR ZmqLogAppenderRoundTripTests\\.java:\\d+ - charge 42 failed\n"
					+ "java\\.lang\\.IllegalStateException: outer\n\tat .*"
					+ "Caused by: java\\.io\\.IOException: inner\n.*");
			assertThat(message.body()).doesNotContain(" - None");
		}
	}

	@Test
	void plainErrorHasNoNoneSuffix() {
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> appender.setRootTopic("app"));
				TestSubscriber subscriber = new TestSubscriber(fixture.endpoint(), "")) {
			subscriber.awaitSubscribed(fixture.logger, "app");
			fixture.logger.error("boom");
			assertThat(subscriber.receive(RECEIVE).body())
				.matches("ERROR ZmqLogAppenderRoundTripTests\\.java:\\d+ - boom\n");
		}
	}

	@Test
	void delimiterInsideAnArgumentNeverSplits() {
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> appender.setRootTopic("app"));
				TestSubscriber subscriber = new TestSubscriber(fixture.endpoint(), "")) {
			subscriber.awaitSubscribed(fixture.logger, "app");
			fixture.logger.info("value={}", "a::b");
			fixture.logger.info("sub::value={} and {}", "c::d", "::");
			List<TestSubscriber.Message> messages = subscriber.receive(2, RECEIVE);
			assertThat(messages.get(0).topic()).isEqualTo("app.INFO");
			assertThat(messages.get(0).body()).isEqualTo("value=a::b\n");
			assertThat(messages.get(1).topic()).isEqualTo("app.INFO.sub");
			assertThat(messages.get(1).body()).isEqualTo("value=c::d and ::\n");
		}
	}

	@Test
	void placeholdersInTheSubtopicStayLiteralAndArgumentsGoToTheMessage() {
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> appender.setRootTopic("app"));
				TestSubscriber subscriber = new TestSubscriber(fixture.endpoint(), "")) {
			subscriber.awaitSubscribed(fixture.logger, "app");
			fixture.logger.info("user.{}::logged in from {}", "10.0.0.1", "ignored");
			TestSubscriber.Message message = subscriber.receive(RECEIVE);
			assertThat(message.topic()).isEqualTo("app.INFO.user.{}");
			assertThat(message.body()).isEqualTo("logged in from 10.0.0.1\n");
		}
	}

	@Test
	void escapesAndThrowablesAroundTheSubtopicFormatAsSlf4jDoes() {
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> {
			appender.setRootTopic("app");
			appender.setPattern("%msg%n");
		}); TestSubscriber subscriber = new TestSubscriber(fixture.endpoint(), "app.INFO")) {
			subscriber.awaitFirst(() -> fixture.logger.info("ping"));
			// Formatted whole on the logging thread, cut on the publisher thread.
			fixture.logger.info("db::literal \\{} and {}", 1);
			// An escape in the subtopic: the rest is formatted on its own.
			fixture.logger.info("a\\{}b::x {}", 2);
			// A trailing throwable is not an argument.
			fixture.logger.info("db::failed {}", 3, new IllegalStateException("boom"));
			List<TestSubscriber.Message> messages = subscriber.receive(3, RECEIVE);
			assertThat(messages.get(0).topic()).isEqualTo("app.INFO.db");
			assertThat(messages.get(0).body()).isEqualTo("literal {} and 1\n");
			assertThat(messages.get(1).topic()).isEqualTo("app.INFO.a\\{}b");
			assertThat(messages.get(1).body()).isEqualTo("x 2\n");
			assertThat(messages.get(2).topic()).isEqualTo("app.INFO.db");
			assertThat(messages.get(2).body()).startsWith("failed 3\njava.lang.IllegalStateException: boom");
		}
	}

	@Test
	void subtopicsOffWithEmptyDelimiter() {
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> {
			appender.setRootTopic("app");
			appender.getSubtopic().setDelimiter("");
		}); TestSubscriber subscriber = new TestSubscriber(fixture.endpoint(), "app.INFO")) {
			subscriber.awaitFirst(() -> fixture.logger.info("ping"));
			fixture.logger.info("db::not a subtopic");
			TestSubscriber.Message message = subscriber.receive(RECEIVE);
			assertThat(message.topic()).isEqualTo("app.INFO");
			assertThat(message.body()).isEqualTo("db::not a subtopic\n");
		}
	}

	@Test
	void customDelimiterSplits() {
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> {
			appender.setRootTopic("app");
			appender.getSubtopic().setDelimiter(" | ");
		}); TestSubscriber subscriber = new TestSubscriber(fixture.endpoint(), "app.INFO")) {
			subscriber.awaitFirst(() -> fixture.logger.info("ping"));
			fixture.logger.info("db | query::done");
			TestSubscriber.Message message = subscriber.receive(RECEIVE);
			assertThat(message.topic()).isEqualTo("app.INFO.db");
			assertThat(message.body()).isEqualTo("query::done\n");
		}
	}

	@Test
	void traceUnderPythonNamesIsDebug() {
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> {
			appender.setRootTopic("app");
			appender.setLevelNames("python");
		}); TestSubscriber subscriber = new TestSubscriber(fixture.endpoint(), "")) {
			subscriber.awaitSubscribed(fixture.logger, "app");
			fixture.logger.trace("fine detail");
			fixture.logger.warn("careful");
			List<TestSubscriber.Message> messages = subscriber.receive(2, RECEIVE);
			assertThat(messages.get(0).topic()).isEqualTo("app.DEBUG");
			assertThat(messages.get(0).body()).startsWith("DEBUG ");
			assertThat(messages.get(1).topic()).isEqualTo("app.WARNING");
			assertThat(messages.get(1).body()).startsWith("WARNING ");
		}
	}

	@Test
	void loneSurrogatesAreReplacedNotThrown() {
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> appender.setRootTopic("app"));
				TestSubscriber subscriber = new TestSubscriber(fixture.endpoint(), "")) {
			subscriber.awaitSubscribed(fixture.logger, "app");
			fixture.logger.info("\uDCFF::x\uDCFFy");
			TestSubscriber.Message message = subscriber.receive(RECEIVE);
			assertThat(message.topic()).isEqualTo("app.INFO.?");
			assertThat(message.body()).isEqualTo("x?y\n");
		}
	}

	@Test
	void longBodyIsTruncatedWithAMarkerAndCounted() {
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> {
			appender.setRootTopic("app");
			appender.setMaxMessageSize(new FileSize(100));
		}); TestSubscriber subscriber = new TestSubscriber(fixture.endpoint(), "")) {
			subscriber.awaitSubscribed(fixture.logger, "app");
			fixture.logger.info("é".repeat(1000));
			TestSubscriber.Message message = subscriber.receive(RECEIVE);
			assertThat(message.bodyBytes()).hasSizeLessThanOrEqualTo(100);
			assertThat(message.body()).startsWith("éé")
				.endsWith("...[truncated from 2001 bytes]\n")
				.doesNotContain("\uFFFD");
			assertThat(fixture.appender.getCounters().truncated()).isEqualTo(1);
		}
	}

	@Test
	void topicLongerThanMaxMessageBytesIsDroppedAndCounted() {
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> {
			appender.setRootTopic("app");
			appender.setMaxMessageSize(new FileSize(64));
		}); TestSubscriber subscriber = new TestSubscriber(fixture.endpoint(), "")) {
			subscriber.awaitSubscribed(fixture.logger, "app");
			fixture.logger.info("x".repeat(100) + "::too long a topic");
			fixture.logger.info("after");
			assertThat(subscriber.receive(RECEIVE).body()).isEqualTo("after\n");
			assertThat(fixture.appender.getCounters().dropped(DropReason.TOO_LARGE)).isEqualTo(1);
		}
	}

	@Test
	void connectsToABindingSubscriber() {
		try (ZContext context = new ZContext(1)) {
			ZMQ.Socket sub = context.createSocket(SocketType.SUB);
			sub.setHandshakeIvl(1000);
			sub.subscribe(new byte[0]);
			sub.bind("tcp://127.0.0.1:*");
			String endpoint = sub.getLastEndpoint();
			try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> {
				appender.setRootTopic("fleet");
				appender.addConnect(endpoint);
			})) {
				assertThat(fixture.appender.getStats().socket().connectedEndpoints()).containsExactly(endpoint);
				sub.setReceiveTimeOut(100);
				byte[] topic = null;
				for (int i = 0; topic == null && i < 200; i++) {
					fixture.logger.info("hello from a connecting publisher");
					topic = sub.recv();
				}
				assertThat(topic).isEqualTo("fleet.INFO".getBytes(StandardCharsets.UTF_8));
				assertThat(sub.recvStr()).isEqualTo("hello from a connecting publisher\n");
			}
		}
	}

	@Test
	void eventLoggedWhilePublishingIsCountedNotPublished() {
		AppenderFixture[] self = new AppenderFixture[1];
		LayoutBase<ILoggingEvent> loggingLayout = new LayoutBase<>() {
			@Override
			public String doLayout(ILoggingEvent event) {
				if (event.getFormattedMessage().equals("trigger")) {
					self[0].logger.warn("logged by the layout");
				}
				return event.getFormattedMessage() + "\n";
			}
		};
		loggingLayout.start();
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> {
			appender.setRootTopic("app");
			appender.setLayout(loggingLayout);
		}); TestSubscriber subscriber = new TestSubscriber(fixture.endpoint(), "")) {
			self[0] = fixture;
			subscriber.awaitSubscribed(fixture.logger, "app");
			fixture.logger.info("trigger");
			fixture.logger.info("after");
			assertThat(subscriber.receive(2, RECEIVE)).extracting(TestSubscriber.Message::body)
				.containsExactly("trigger\n", "after\n");
			assertThat(subscriber.receive(NOTHING_MORE)).isNull();
			assertThat(fixture.appender.getCounters().dropped(DropReason.RECURSIVE)).isEqualTo(1);
		}
	}

}

package io.github.zmqlog.logback.format;

import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.LayoutBase;
import org.junit.jupiter.api.Test;

import io.github.zmqlog.logback.LevelNames;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Freezing an event on the logging thread: small events pass as they are, long messages
 * are cut there and weighed for the queue's byte budget.
 */
class PublishableEventTests {

	private final LoggerContext context = new LoggerContext();

	private final TopicRule rule = new TopicRule("app", LevelNames.LOGBACK, "::");

	private final BodyFormat layouts = BodyFormat.ofLayout(new EchoLayout(), false);

	PublishableEventTests() {
		this.context.setMDCAdapter(new LogbackMDCAdapter());
	}

	@Test
	void aSmallEventIsNotWeighed() {
		PublishableEvent frozen = freeze(event("short {}", "message"), 100);
		assertThat(frozen.getFormattedMessage()).isEqualTo("short message");
		assertThat(frozen.heldBytes()).isZero();
		assertThat(frozen.cutBytes()).isZero();
	}

	@Test
	void aLongMessageThatFitsIsWeighedAndKeptWhole() {
		String text = "x".repeat(1000);
		PublishableEvent frozen = freeze(event(text), 2000);
		assertThat(frozen.getFormattedMessage()).isEqualTo(text);
		assertThat(frozen.heldBytes()).isGreaterThanOrEqualTo(2 * 1000);
		assertThat(frozen.cutBytes()).isZero();
	}

	@Test
	void aMessageLongerThanCanBePublishedIsCutOnTheLoggingThreadKeepingTheRestOfTheEvent() {
		LoggingEvent event = event("db::{}", "é".repeat(10_000));
		event.setThreadName("worker-1");
		event.setMDCPropertyMap(Map.of("tenant", "t1"));
		PublishableEvent frozen = freeze(event, 100);
		assertThat(frozen.getSubtopic()).isEqualTo("db");
		assertThat(frozen.getFormattedMessage()).isEqualTo("é".repeat(100));
		// What was cut, in UTF-8: the message's other 9,900 characters of two bytes.
		assertThat(frozen.cutBytes()).isEqualTo(2 * 9_900);
		assertThat(frozen.heldBytes()).isBetween(2L * 100, 2L * 100 + 1024);
		assertThat(frozen.getArgumentArray()).isNull();
		assertThat(frozen.getLevel()).isEqualTo(Level.WARN);
		assertThat(frozen.getLoggerName()).isEqualTo("test");
		assertThat(frozen.getThreadName()).isEqualTo("worker-1");
		assertThat(frozen.getMDCPropertyMap()).isEqualTo(Map.of("tenant", "t1"));
		assertThat(frozen.getTimeStamp()).isEqualTo(event.getTimeStamp());
		assertThat(frozen.getInstant()).isEqualTo(event.getInstant());
		assertThat(frozen.getSequenceNumber()).isEqualTo(event.getSequenceNumber());
	}

	@Test
	void aCutNeverSplitsASurrogatePair() {
		String text = "a" + "😀".repeat(100);
		PublishableEvent frozen = freeze(event(text), 4);
		assertThat(frozen.getFormattedMessage()).isEqualTo("a😀");
		assertThat(frozen.cutBytes()).isEqualTo(4 * 99);
	}

	@Test
	void anEventWithAThrowableIsWeighed() {
		LoggingEvent event = new LoggingEvent(PublishableEventTests.class.getName(), this.context.getLogger("test"),
				Level.ERROR, "failed", new IllegalStateException("boom", new RuntimeException("cause")), null);
		assertThat(freeze(event, 100).heldBytes()).isGreaterThan(0);
	}

	private PublishableEvent freeze(ILoggingEvent event, int maxChars) {
		return PublishableEvent.freeze(event, this.rule, this.layouts, SubtopicSources.NONE, maxChars);
	}

	private LoggingEvent event(String template, Object... arguments) {
		return new LoggingEvent(PublishableEventTests.class.getName(), this.context.getLogger("test"), Level.WARN,
				template, null, arguments);
	}

	private static final class EchoLayout extends LayoutBase<ILoggingEvent> {

		@Override
		public String doLayout(ILoggingEvent event) {
			return event.getFormattedMessage();
		}

	}

}

package io.github.zmqlog.logback.transport;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.LayoutBase;
import org.junit.jupiter.api.Test;

import io.github.zmqlog.logback.DropReason;
import io.github.zmqlog.logback.LevelNames;
import io.github.zmqlog.logback.format.BodyFormat;
import io.github.zmqlog.logback.format.PublishableEvent;
import io.github.zmqlog.logback.format.SubtopicSources;
import io.github.zmqlog.logback.format.TopicRule;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The publisher's framing of events: topic and body frames, topics too large for a
 * message, bodies cut to the largest message, and bodies that cannot be formatted.
 */
class FrameEncoderTests {

	private static final int MAX_MESSAGE_BYTES = 64;

	private final LoggerContext loggerContext = new LoggerContext();

	private final TopicRule rule = new TopicRule("app", LevelNames.LOGBACK, "::");

	private final DeliveryCounters counters = new DeliveryCounters();

	private final StatusRecorder status = new StatusRecorder();

	private final FrameEncoder encoder = new FrameEncoder(4, this.rule, BodyFormat.ofLayout(new MessageLayout(), false),
			MAX_MESSAGE_BYTES, this.counters, this.status);

	FrameEncoderTests() {
		this.loggerContext.setMDCAdapter(new LogbackMDCAdapter());
	}

	@Test
	void framesTopicAndBodyIntoTheSlot() {
		assertThat(this.encoder.prepare(event("db::connected"), 2)).isTrue();
		assertThat(text(this.encoder.topic(2))).isEqualTo("app.INFO.db");
		assertThat(text(this.encoder.body(2))).isEqualTo("connected");
		assertThat(this.counters.truncated.sum()).isZero();
		assertThat(this.counters.droppedTotal()).isZero();
		this.encoder.release(2);
		assertThat(this.encoder.topic(2)).isNull();
		assertThat(this.encoder.body(2)).isNull();
	}

	@Test
	void aTopicOfTheLargestSizeIsFramed() {
		String subtopic = "s".repeat(MAX_MESSAGE_BYTES - "app.INFO.".length());
		assertThat(this.encoder.prepare(event(subtopic + "::body"), 0)).isTrue();
		assertThat(this.encoder.topic(0)).hasSize(MAX_MESSAGE_BYTES);
	}

	@Test
	void aTopicTooLargeIsCountedAndNotFramed() {
		String subtopic = "s".repeat(MAX_MESSAGE_BYTES - "app.INFO.".length() + 1);
		assertThat(this.encoder.prepare(event(subtopic + "::body"), 0)).isFalse();
		assertThat(this.encoder.topic(0)).isNull();
		assertThat(this.counters.dropped(DropReason.TOO_LARGE)).isEqualTo(1);
		assertThat(this.counters.droppedTotal()).isEqualTo(1);
	}

	@Test
	void aBodyTooLargeIsCutWithAMarkerAndCounted() throws Exception {
		// Three bytes each: the cut falls inside a character unless it is moved back.
		String body = "\u20ac".repeat(100);
		assertThat(this.encoder.prepare(event(body), 0)).isTrue();
		byte[] frame = this.encoder.body(0);
		assertThat(frame.length).isLessThanOrEqualTo(MAX_MESSAGE_BYTES);
		String marker = "...[truncated from 300 bytes]\n";
		String decoded = strictUtf8(frame);
		assertThat(decoded).endsWith(marker);
		String kept = decoded.substring(0, decoded.length() - marker.length());
		assertThat(kept).isEqualTo("\u20ac".repeat(kept.length())).isNotEmpty();
		assertThat(frame.length).isGreaterThan(MAX_MESSAGE_BYTES - 3);
		assertThat(this.counters.truncated.sum()).isEqualTo(1);
		assertThat(this.counters.droppedTotal()).isZero();
	}

	@Test
	void aBodyOfTheLargestSizeIsLeftWhole() {
		String body = "b".repeat(MAX_MESSAGE_BYTES);
		assertThat(this.encoder.prepare(event(body), 0)).isTrue();
		assertThat(text(this.encoder.body(0))).isEqualTo(body);
		assertThat(this.counters.truncated.sum()).isZero();
	}

	@Test
	void aBodyThatCannotBeFormattedIsCountedAndReported() {
		FrameEncoder failing = new FrameEncoder(1, this.rule, BodyFormat.ofLayout(new FailingLayout(), false),
				MAX_MESSAGE_BYTES, this.counters, this.status);
		assertThat(failing.prepare(event("message"), 0)).isFalse();
		assertThat(failing.prepare(event("message"), 0)).isFalse();
		assertThat(this.counters.dropped(DropReason.SEND_FAILED)).isEqualTo(2);
		assertThat(this.status.warnings()).singleElement()
			.isEqualTo("Dropped an event: could not format an event (each drop is counted in the stats)");
	}

	@Test
	void aNewTopicRuleAppliesToLaterEvents() {
		assertThat(this.encoder.prepare(event("db::a"), 0)).isTrue();
		this.encoder.setTopicRule(this.rule.withRootTopic("other"));
		assertThat(this.encoder.prepare(event("db::b"), 1)).isTrue();
		assertThat(text(this.encoder.topic(0))).isEqualTo("app.INFO.db");
		assertThat(text(this.encoder.topic(1))).isEqualTo("other.INFO.db");
	}

	private PublishableEvent event(String message) {
		LoggingEvent event = new LoggingEvent(FrameEncoderTests.class.getName(), this.loggerContext.getLogger("test"),
				Level.INFO, message, null, null);
		return PublishableEvent.freeze(event, this.rule, BodyFormat.ofLayout(new MessageLayout(), false),
				SubtopicSources.NONE);
	}

	private static String text(byte[] frame) {
		return new String(frame, StandardCharsets.UTF_8);
	}

	private static String strictUtf8(byte[] bytes) throws CharacterCodingException {
		return StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT)
			.decode(ByteBuffer.wrap(bytes))
			.toString();
	}

	private static final class MessageLayout extends LayoutBase<ILoggingEvent> {

		MessageLayout() {
			start();
		}

		@Override
		public String doLayout(ILoggingEvent event) {
			return event.getFormattedMessage();
		}

	}

	private static final class FailingLayout extends LayoutBase<ILoggingEvent> {

		FailingLayout() {
			start();
		}

		@Override
		public String doLayout(ILoggingEvent event) {
			throw new IllegalStateException("cannot format");
		}

	}

}

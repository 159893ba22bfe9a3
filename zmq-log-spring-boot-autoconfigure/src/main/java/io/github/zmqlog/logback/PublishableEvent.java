package io.github.zmqlog.logback;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggerContextVO;
import org.jspecify.annotations.Nullable;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.helpers.MessageFormatter;

/**
 * An event frozen on the logging thread and handed to the publisher thread, with its subtopic
 * split off. Layouts see the message after the delimiter: {@link #getMessage()} is the rest of the
 * template and {@link #getFormattedMessage()} that rest with the arguments substituted. Everything
 * else comes from the original event, whose thread name, MDC and, when needed, caller data were
 * read on the logging thread before the hand-off.
 */
final class PublishableEvent implements ILoggingEvent {

	private final ILoggingEvent event;

	private final @Nullable String subtopic;

	private final String message;

	private final String formattedMessage;

	private PublishableEvent(ILoggingEvent event, @Nullable String subtopic, String message,
			String formattedMessage) {
		this.event = event;
		this.subtopic = subtopic;
		this.message = message;
		this.formattedMessage = formattedMessage;
	}

	/**
	 * Freezes an event on the logging thread.
	 * @param event the event as the logger made it
	 * @param rule the topic rule that finds the subtopic
	 * @param layouts the layouts, which say whether the event's level needs caller data
	 * @param sources where else subtopic parts come from
	 * @return the event to queue
	 */
	static PublishableEvent freeze(ILoggingEvent event, TopicRule rule, LevelLayouts layouts,
			SubtopicSources sources) {
		String template = event.getMessage();
		int split = rule.delimiterIndex(template);
		PublishableEvent frozen;
		if (split < 0) {
			event.prepareForDeferredProcessing();
			frozen = new PublishableEvent(event, null, template, event.getFormattedMessage());
		}
		else {
			// Python splits record.msg before % formatting: placeholders in the subtopic stay literal
			// and every argument goes to the rest of the message.
			String rest = template.substring(split + rule.delimiterLength());
			event.getThreadName();
			event.getMDCPropertyMap();
			frozen = new PublishableEvent(event, template.substring(0, split), rest, format(rest, event));
		}
		if (layouts.needCallerData(event.getLevel())) {
			event.getCallerData();
		}
		return sources.isEmpty() ? frozen : new PublishableEvent(event, sources.subtopic(event, frozen.subtopic),
				frozen.message, frozen.formattedMessage);
	}

	private static String format(String template, ILoggingEvent event) {
		Object[] arguments = event.getArgumentArray();
		if (arguments == null) {
			return template;
		}
		// As LoggingEvent.getFormattedMessage(): a trailing throwable was already taken out.
		return (event.getThrowableProxy() == null) ? MessageFormatter.arrayFormat(template, arguments).getMessage()
				: MessageFormatter.arrayFormat(template, arguments, null).getMessage();
	}

	/**
	 * Returns the subtopic.
	 * @return the text before the delimiter, {@code null} when the message had none
	 */
	@Nullable String getSubtopic() {
		return this.subtopic;
	}

	@Override
	public String getThreadName() {
		return this.event.getThreadName();
	}

	@Override
	public Level getLevel() {
		return this.event.getLevel();
	}

	@Override
	public String getMessage() {
		return this.message;
	}

	@Override
	public Object[] getArgumentArray() {
		return this.event.getArgumentArray();
	}

	@Override
	public String getFormattedMessage() {
		return this.formattedMessage;
	}

	@Override
	public String getLoggerName() {
		return this.event.getLoggerName();
	}

	@Override
	public LoggerContextVO getLoggerContextVO() {
		return this.event.getLoggerContextVO();
	}

	@Override
	public IThrowableProxy getThrowableProxy() {
		return this.event.getThrowableProxy();
	}

	@Override
	public StackTraceElement[] getCallerData() {
		return this.event.getCallerData();
	}

	@Override
	public boolean hasCallerData() {
		return this.event.hasCallerData();
	}

	@Override
	public List<Marker> getMarkerList() {
		return this.event.getMarkerList();
	}

	@Override
	public Map<String, String> getMDCPropertyMap() {
		return this.event.getMDCPropertyMap();
	}

	@Override
	@Deprecated
	public Map<String, String> getMdc() {
		return this.event.getMDCPropertyMap();
	}

	@Override
	public long getTimeStamp() {
		return this.event.getTimeStamp();
	}

	@Override
	public int getNanoseconds() {
		return this.event.getNanoseconds();
	}

	@Override
	public Instant getInstant() {
		return this.event.getInstant();
	}

	@Override
	public long getSequenceNumber() {
		return this.event.getSequenceNumber();
	}

	@Override
	public List<KeyValuePair> getKeyValuePairs() {
		return this.event.getKeyValuePairs();
	}

	@Override
	public void prepareForDeferredProcessing() {
		// Frozen in freeze(), on the logging thread.
	}

}

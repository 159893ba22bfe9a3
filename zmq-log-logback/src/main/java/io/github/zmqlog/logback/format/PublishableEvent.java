package io.github.zmqlog.logback.format;

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
 * An event frozen on the logging thread and handed to the publisher thread, with its
 * subtopic split off. Layouts see the message after the delimiter: {@link #getMessage()}
 * is the rest of the template and {@link #getFormattedMessage()} that rest with the
 * arguments substituted. Everything else comes from the original event, whose thread
 * name, MDC and, when needed, caller data were read on the logging thread before the
 * hand-off.
 *
 * <p>
 * When the subtopic holds nothing the message formatter would touch, the logging thread
 * formats the whole message, as for any event, and only records where the subtopic ends:
 * the strings are cut on the publisher thread, the only one that reads them.
 */
public final class PublishableEvent implements ILoggingEvent {

	/**
	 * Messages up to this many characters, without a throwable, are small: the queue's
	 * count bounds what they hold, and they are not weighed.
	 */
	public static final int LARGE_CHARS = 512;

	/** What an event holds besides its message and throwable, roughly, in bytes. */
	private static final long EVENT_BYTES = 256;

	private final ILoggingEvent event;

	/** The subtopic, or {@code null} while it is still to be cut from the template. */
	private @Nullable String subtopic;

	/**
	 * The rest of the template (may be {@code null} as Logback's), or still to be cut.
	 */
	private @Nullable String message;

	/**
	 * The rest of the formatted message (may be {@code null} as Logback's), or still to
	 * be cut.
	 */
	private @Nullable String formattedMessage;

	/**
	 * Where the subtopic ends in the template and in the formatted message; -1 when cut
	 * already.
	 */
	private final int split;

	/** Where the rest begins in the template and in the formatted message. */
	private final int restStart;

	/**
	 * What the queue holds for this event, in bytes, when it is large; 0 otherwise.
	 */
	private long heldBytes;

	/** How many bytes of the message, in UTF-8, were cut on the logging thread. */
	private long cutBytes;

	private PublishableEvent(ILoggingEvent event, @Nullable String subtopic, String message, String formattedMessage) {
		this.event = event;
		this.subtopic = subtopic;
		this.message = message;
		this.formattedMessage = formattedMessage;
		this.split = -1;
		this.restStart = 0;
	}

	private PublishableEvent(ILoggingEvent event, int split, int restStart) {
		this.event = event;
		this.split = split;
		this.restStart = restStart;
	}

	/**
	 * Freezes an event on the logging thread, whatever the length of its message.
	 * @param event the event as the logger made it
	 * @param rule the topic rule that finds the subtopic
	 * @param layouts the layouts, which say whether the event's level needs caller data
	 * @param sources where else subtopic parts come from
	 * @return the event to queue
	 */
	public static PublishableEvent freeze(ILoggingEvent event, TopicRule rule, BodyFormat layouts,
			SubtopicSources sources) {
		return freeze(event, rule, layouts, sources, Integer.MAX_VALUE);
	}

	/**
	 * Freezes an event on the logging thread. A message longer than {@code maxChars} can
	 * never be published whole (each character is at least one byte), so it is cut to
	 * that many characters here, and the queue holds a copy of the event without the long
	 * strings and without the arguments.
	 * @param event the event as the logger made it
	 * @param rule the topic rule that finds the subtopic
	 * @param layouts the layouts, which say whether the event's level needs caller data
	 * @param sources where else subtopic parts come from
	 * @param maxChars the longest message kept, in characters
	 * @return the event to queue
	 */
	public static PublishableEvent freeze(ILoggingEvent event, TopicRule rule, BodyFormat layouts,
			SubtopicSources sources, int maxChars) {
		PublishableEvent frozen = freezeWhole(event, rule, layouts, sources);
		String template = event.getMessage();
		String formatted = (frozen.split >= 0) ? event.getFormattedMessage() : frozen.formattedMessage;
		long chars = length(formatted) + ((template != formatted) ? length(template) : 0);
		long throwableBytes = ThrowableSize.estimate(event.getThrowableProxy());
		boolean cut = length(formatted) > maxChars || length(template) > maxChars;
		if (!cut && chars <= LARGE_CHARS && throwableBytes == 0) {
			return frozen;
		}
		if (cut) {
			String whole = frozen.getFormattedMessage();
			String kept = cut(whole, maxChars);
			frozen = new PublishableEvent(new CutEvent(event, kept), frozen.getSubtopic(), kept, kept);
			frozen.cutBytes = utf8Length(whole, kept.length());
			chars = kept.length();
		}
		frozen.heldBytes = EVENT_BYTES + 2 * chars + throwableBytes;
		return frozen;
	}

	private static String cut(@Nullable String message, int maxChars) {
		if (message == null || message.length() <= maxChars) {
			return (message != null) ? message : "";
		}
		int end = maxChars;
		if (end > 0 && Character.isHighSurrogate(message.charAt(end - 1))) {
			end--;
		}
		return message.substring(0, end);
	}

	private static long utf8Length(@Nullable String text, int from) {
		if (text == null) {
			return 0;
		}
		long bytes = 0;
		for (int i = from; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x80) {
				bytes++;
			}
			else if (c < 0x800) {
				bytes += 2;
			}
			else if (Character.isHighSurrogate(c) && i + 1 < text.length()
					&& Character.isLowSurrogate(text.charAt(i + 1))) {
				bytes += 4;
				i++;
			}
			else {
				bytes += 3;
			}
		}
		return bytes;
	}

	private static int length(@Nullable String text) {
		return (text != null) ? text.length() : 0;
	}

	private static PublishableEvent freezeWhole(ILoggingEvent event, TopicRule rule, BodyFormat layouts,
			SubtopicSources sources) {
		String template = event.getMessage();
		int split = rule.delimiterIndex(template);
		PublishableEvent frozen;
		if (split < 0) {
			event.prepareForDeferredProcessing();
			frozen = new PublishableEvent(event, null, template, event.getFormattedMessage());
		}
		else if (copiedVerbatim(template, split + rule.delimiterLength())) {
			// Formatting the whole template leaves the subtopic and the delimiter as they
			// are.
			event.prepareForDeferredProcessing();
			frozen = new PublishableEvent(event, split, split + rule.delimiterLength());
		}
		else {
			// Python splits record.msg before % formatting: placeholders in the subtopic
			// stay literal
			// and every argument goes to the rest of the message.
			String rest = template.substring(split + rule.delimiterLength());
			event.getThreadName();
			event.getMDCPropertyMap();
			frozen = new PublishableEvent(event, template.substring(0, split), rest, format(rest, event));
		}
		if (layouts.needCallerData(event.getLevel())) {
			event.getCallerData();
		}
		return sources.isEmpty() ? frozen : new PublishableEvent(event, sources.subtopic(event, frozen.getSubtopic()),
				frozen.getMessage(), frozen.getFormattedMessage());
	}

	/**
	 * Returns whether SLF4J's formatter copies the start of a template unchanged: it
	 * holds no {@code {}} anchor and no escape.
	 * @param template the message template
	 * @param end where the start ends
	 * @return whether the formatted message starts with the same text
	 */
	private static boolean copiedVerbatim(String template, int end) {
		for (int i = 0; i < end; i++) {
			char c = template.charAt(i);
			if (c == '{' || c == '\\') {
				return false;
			}
		}
		return true;
	}

	private static String format(String template, ILoggingEvent event) {
		Object[] arguments = event.getArgumentArray();
		if (arguments == null) {
			return template;
		}
		// As LoggingEvent.getFormattedMessage(): a trailing throwable was already taken
		// out.
		return (event.getThrowableProxy() == null) ? MessageFormatter.arrayFormat(template, arguments).getMessage()
				: MessageFormatter.arrayFormat(template, arguments, null).getMessage();
	}

	/**
	 * Returns what the queue holds for this event when it is large: its message's
	 * characters at two bytes each, its throwable, and the rest of the event.
	 * @return the estimate in bytes, or 0 for a small event
	 */
	public long heldBytes() {
		return this.heldBytes;
	}

	/**
	 * Returns how much of the message was cut on the logging thread.
	 * @return the number of bytes cut, in UTF-8, 0 when the message is whole
	 */
	public long cutBytes() {
		return this.cutBytes;
	}

	/**
	 * Returns the template the subtopic is still to be cut from, so that a cache can
	 * recognise a subtopic it has seen without cutting and hashing it again.
	 * @return the template, or {@code null} when the subtopic is a string of its own
	 */
	@Nullable String getSubtopicTemplate() {
		return (this.split >= 0) ? this.event.getMessage() : null;
	}

	/**
	 * Returns where the subtopic ends in {@link #getSubtopicTemplate()}.
	 * @return the index of the delimiter, or -1
	 */
	int getSubtopicEnd() {
		return this.split;
	}

	/**
	 * Returns the subtopic.
	 * @return the text before the delimiter, {@code null} when the message had none
	 */
	@Nullable String getSubtopic() {
		if (this.subtopic == null && this.split >= 0) {
			this.subtopic = this.event.getMessage().substring(0, this.split);
		}
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
		if (this.message == null && this.split >= 0) {
			this.message = this.event.getMessage().substring(this.restStart);
		}
		return this.message;
	}

	@Override
	public Object[] getArgumentArray() {
		return this.event.getArgumentArray();
	}

	@Override
	public String getFormattedMessage() {
		if (this.formattedMessage == null && this.split >= 0) {
			String formatted = this.event.getFormattedMessage();
			this.formattedMessage = (formatted != null
					&& formatted.regionMatches(0, this.event.getMessage(), 0, this.restStart))
							? formatted.substring(this.restStart) : format(getMessage(), this.event);
		}
		return this.formattedMessage;
	}

	/**
	 * Appends what {@link #getFormattedMessage()} returns, without cutting a copy of it
	 * from the whole message when the subtopic is still to be cut.
	 * @param buf the text to append to
	 */
	void appendFormattedMessage(StringBuilder buf) {
		if (this.formattedMessage == null && this.split >= 0) {
			String formatted = this.event.getFormattedMessage();
			if (formatted != null && formatted.regionMatches(0, this.event.getMessage(), 0, this.restStart)) {
				buf.append(formatted, this.restStart, formatted.length());
				return;
			}
		}
		buf.append(getFormattedMessage());
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

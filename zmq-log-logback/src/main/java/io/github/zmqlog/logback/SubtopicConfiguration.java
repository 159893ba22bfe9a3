package io.github.zmqlog.logback;

import org.jspecify.annotations.Nullable;

/**
 * Where the appender takes an event's subtopic from, the {@code <subtopic>} element in
 * {@code logback.xml}: the message's text before the delimiter, as PyZMQ does, and
 * optionally the logger name, the first SLF4J marker and an MDC value. The parts an event
 * has are joined with {@code .} in that order (logger name, marker, MDC value, then the
 * message's subtopic): {@code root.LEVEL.logger.marker.mdc.subtopic}.
 *
 * <pre>
 * &lt;subtopic&gt;
 *   &lt;loggerName&gt;true&lt;/loggerName&gt;
 *   &lt;delimiter&gt;|&lt;/delimiter&gt;
 * &lt;/subtopic&gt;
 * </pre>
 *
 * <p>
 * Thread-safety: set before the appender starts, which reads it once.
 */
public class SubtopicConfiguration {

	private String delimiter = ZmqLogAppender.DEFAULT_SUBTOPIC_DELIMITER;

	private boolean split = true;

	private boolean loggerName;

	private boolean marker;

	private @Nullable String mdcKey;

	public String getDelimiter() {
		return this.delimiter;
	}

	/**
	 * Sets the text that ends a subtopic at the start of a message template ({@code ::}
	 * by default); empty turns the message's subtopic off.
	 * @param delimiter the delimiter
	 */
	public void setDelimiter(@Nullable String delimiter) {
		this.delimiter = (delimiter != null) ? delimiter : "";
	}

	public boolean isSplit() {
		return this.split;
	}

	/**
	 * Sets whether a message's text before the delimiter becomes a subtopic part (default
	 * {@code true}). In XML, where an empty <code>&lt;delimiter/&gt;</code> is ignored,
	 * <code>&lt;split&gt;false&lt;/split&gt;</code> turns it off.
	 * @param split whether to split subtopics off messages
	 */
	public void setSplit(boolean split) {
		this.split = split;
	}

	public boolean isLoggerName() {
		return this.loggerName;
	}

	/**
	 * Sets whether the logger name is a subtopic part, so that subscribers can filter by
	 * logger: {@code app.ERROR.com.example.payments}.
	 * @param loggerName whether to add the logger name
	 */
	public void setLoggerName(boolean loggerName) {
		this.loggerName = loggerName;
	}

	public boolean isMarker() {
		return this.marker;
	}

	/**
	 * Sets whether the name of the event's first SLF4J marker is a subtopic part.
	 * @param marker whether to add the marker
	 */
	public void setMarker(boolean marker) {
		this.marker = marker;
	}

	public @Nullable String getMdcKey() {
		return this.mdcKey;
	}

	/**
	 * Sets an MDC key whose value is a subtopic part, e.g. {@code tenant}.
	 * @param mdcKey the key, or {@code null} for none
	 */
	public void setMdcKey(@Nullable String mdcKey) {
		this.mdcKey = mdcKey;
	}

	/**
	 * Returns the delimiter that splits subtopics off messages.
	 * @return the delimiter, or empty when messages give no subtopic
	 */
	String effectiveDelimiter() {
		return this.split ? this.delimiter : "";
	}

	@Override
	public String toString() {
		return "SubtopicConfiguration[delimiter=" + this.delimiter + ", split=" + this.split + ", loggerName="
				+ this.loggerName + ", marker=" + this.marker + ", mdcKey=" + this.mdcKey + "]";
	}

}

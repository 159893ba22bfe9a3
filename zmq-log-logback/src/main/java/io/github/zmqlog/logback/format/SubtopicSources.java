package io.github.zmqlog.logback.format;

import java.util.List;

import ch.qos.logback.classic.spi.ILoggingEvent;
import org.jspecify.annotations.Nullable;
import org.slf4j.Marker;

/**
 * Where subtopic parts come from besides the message's delimiter: the logger name, the
 * first SLF4J marker, the value of an MDC key. The parts that are present are joined with
 * {@code .} in that order, and the delimiter's subtopic, if any, comes last:
 * {@code root.LEVEL.logger.marker.mdc.subtopic}. A missing part is left out. Immutable.
 *
 * @param loggerName whether the logger name is a part
 * @param marker whether the first marker's name is a part
 * @param mdcKey the MDC key whose value is a part, or {@code null}
 */
public record SubtopicSources(boolean loggerName, boolean marker, @Nullable String mdcKey) {

	/** No source: the delimiter alone, as PyZMQ. */
	public static final SubtopicSources NONE = new SubtopicSources(false, false, null);

	public boolean isEmpty() {
		return !this.loggerName && !this.marker && (this.mdcKey == null || this.mdcKey.isEmpty());
	}

	/**
	 * Builds an event's subtopic, on the logging thread.
	 * @param event the event
	 * @param delimited the subtopic the delimiter split off, or {@code null}
	 * @return the subtopic, or {@code null} for none
	 */
	@Nullable String subtopic(ILoggingEvent event, @Nullable String delimited) {
		StringBuilder subtopic = new StringBuilder();
		if (this.loggerName) {
			append(subtopic, event.getLoggerName());
		}
		if (this.marker) {
			List<Marker> markers = event.getMarkerList();
			append(subtopic, (markers != null && !markers.isEmpty()) ? markers.get(0).getName() : null);
		}
		if (this.mdcKey != null && !this.mdcKey.isEmpty()) {
			append(subtopic, event.getMDCPropertyMap().get(this.mdcKey));
		}
		append(subtopic, delimited);
		return subtopic.isEmpty() ? null : subtopic.toString();
	}

	private static void append(StringBuilder subtopic, @Nullable String part) {
		if (part != null && !part.isEmpty()) {
			if (!subtopic.isEmpty()) {
				subtopic.append('.');
			}
			subtopic.append(part);
		}
	}

}

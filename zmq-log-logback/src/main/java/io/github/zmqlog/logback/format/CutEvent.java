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

/**
 * A copy of an event whose message was too long to publish whole, holding the start of
 * its message and none of its arguments: the queue holds this copy, and the long strings
 * of the original become garbage once the logging call returns. Made on the logging
 * thread, after the event's thread name, MDC and caller data were read.
 */
final class CutEvent implements ILoggingEvent {

	private final String threadName;

	private final Level level;

	private final String message;

	private final String loggerName;

	private final LoggerContextVO loggerContext;

	private final @Nullable IThrowableProxy throwable;

	private final StackTraceElement @Nullable [] callerData;

	private final @Nullable List<Marker> markers;

	private final Map<String, String> mdc;

	private final long timeStamp;

	private final int nanoseconds;

	private final Instant instant;

	private final long sequenceNumber;

	private final @Nullable List<KeyValuePair> keyValuePairs;

	/**
	 * Copies an event with a shorter message.
	 * @param event the event as the logger made it
	 * @param message what is kept of its formatted message
	 */
	CutEvent(ILoggingEvent event, String message) {
		this.threadName = event.getThreadName();
		this.level = event.getLevel();
		this.message = message;
		this.loggerName = event.getLoggerName();
		this.loggerContext = event.getLoggerContextVO();
		this.throwable = event.getThrowableProxy();
		this.callerData = event.hasCallerData() ? event.getCallerData() : null;
		this.markers = event.getMarkerList();
		this.mdc = event.getMDCPropertyMap();
		this.timeStamp = event.getTimeStamp();
		this.nanoseconds = event.getNanoseconds();
		this.instant = event.getInstant();
		this.sequenceNumber = event.getSequenceNumber();
		this.keyValuePairs = event.getKeyValuePairs();
	}

	@Override
	public String getThreadName() {
		return this.threadName;
	}

	@Override
	public Level getLevel() {
		return this.level;
	}

	@Override
	public String getMessage() {
		return this.message;
	}

	@Override
	public Object @Nullable [] getArgumentArray() {
		return null;
	}

	@Override
	public String getFormattedMessage() {
		return this.message;
	}

	@Override
	public String getLoggerName() {
		return this.loggerName;
	}

	@Override
	public LoggerContextVO getLoggerContextVO() {
		return this.loggerContext;
	}

	@Override
	public @Nullable IThrowableProxy getThrowableProxy() {
		return this.throwable;
	}

	@Override
	public StackTraceElement @Nullable [] getCallerData() {
		return this.callerData;
	}

	@Override
	public boolean hasCallerData() {
		return this.callerData != null;
	}

	@Override
	public @Nullable List<Marker> getMarkerList() {
		return this.markers;
	}

	@Override
	public Map<String, String> getMDCPropertyMap() {
		return this.mdc;
	}

	@Override
	@Deprecated
	public Map<String, String> getMdc() {
		return this.mdc;
	}

	@Override
	public long getTimeStamp() {
		return this.timeStamp;
	}

	@Override
	public int getNanoseconds() {
		return this.nanoseconds;
	}

	@Override
	public Instant getInstant() {
		return this.instant;
	}

	@Override
	public long getSequenceNumber() {
		return this.sequenceNumber;
	}

	@Override
	public @Nullable List<KeyValuePair> getKeyValuePairs() {
		return this.keyValuePairs;
	}

	@Override
	public void prepareForDeferredProcessing() {
	}

}

package io.github.zmqlog.logback.format;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

import io.github.zmqlog.logback.LevelNames;

/**
 * {@code %level} (also {@code %le} and {@code %p}) in the appender's own layouts, written
 * with the appender's {@link LevelNames}, so the body says {@code WARNING} where the
 * topic does.
 */
final class LevelNameConverter extends ClassicConverter {

	private final LevelNames levelNames;

	/**
	 * Creates a converter.
	 * @param levelNames the names to write
	 */
	LevelNameConverter(LevelNames levelNames) {
		this.levelNames = levelNames;
	}

	@Override
	public String convert(ILoggingEvent event) {
		return this.levelNames.nameOf(event.getLevel());
	}

}

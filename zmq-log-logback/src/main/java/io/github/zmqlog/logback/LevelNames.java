package io.github.zmqlog.logback;

import ch.qos.logback.classic.Level;

/**
 * The level names an appender writes into the topic frame and into {@code %level} of its
 * bodies.
 *
 * <p>
 * A subscriber filters by topic prefix, so the names must be the ones it subscribes to: a
 * PyZMQ subscriber to {@code app.WARNING} sees nothing from a publisher that says
 * {@code WARN}.
 */
public enum LevelNames {

	/** Logback's own names: TRACE, DEBUG, INFO, WARN, ERROR. */
	LOGBACK("TRACE", "DEBUG", "INFO", "WARN", "ERROR"),

	/**
	 * Python's names, as PyZMQ's {@code PUBHandler} sends them: WARN becomes WARNING and
	 * TRACE, which Python lacks, becomes DEBUG.
	 */
	PYTHON("DEBUG", "DEBUG", "INFO", "WARNING", "ERROR");

	private final String[] names;

	LevelNames(String... names) {
		this.names = names;
	}

	/**
	 * Returns the name of the given level.
	 * @param level a level an event can have (TRACE to ERROR)
	 * @return the name under this naming
	 */
	public String nameOf(Level level) {
		return this.names[ordinal(level)];
	}

	/**
	 * Returns the position of an event's level in TRACE, DEBUG, INFO, WARN, ERROR.
	 * @param level a level an event can have
	 * @return 0 for TRACE up to 4 for ERROR
	 */
	public static int ordinal(Level level) {
		return switch (level.toInt()) {
			case Level.TRACE_INT -> 0;
			case Level.DEBUG_INT -> 1;
			case Level.INFO_INT -> 2;
			case Level.WARN_INT -> 3;
			case Level.ERROR_INT -> 4;
			default -> throw new IllegalArgumentException("Not an event level: " + level);
		};
	}

	/** Number of event levels, TRACE to ERROR. */
	public static final int COUNT = 5;

	/** Event levels in {@link #ordinal(Level)} order. */
	public static final Level[] LEVELS = { Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR };

}

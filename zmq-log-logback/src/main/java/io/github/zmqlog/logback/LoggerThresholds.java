package io.github.zmqlog.logback;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import ch.qos.logback.classic.Level;
import org.jspecify.annotations.Nullable;

/**
 * Publication thresholds per logger, as {@code logging.level.*} sets logger levels: an
 * entry for {@code com.example} applies to {@code com.example} and
 * {@code com.example.db.Pool} (not to {@code com.examples}), and the longest matching
 * entry wins. Loggers without an entry keep the appender's {@code threshold}.
 *
 * <p>
 * Thread-safety: immutable once built, except for a bounded cache of logger names already
 * resolved, which any thread may fill.
 */
final class LoggerThresholds {

	/** Logger names resolved and remembered; past this, each event resolves again. */
	private static final int MAX_CACHED = 4096;

	/** Cached for a logger without an entry. */
	private static final int NO_ENTRY = Integer.MIN_VALUE;

	private final Map<String, String> entries;

	/** Entries that are not {@code logger=LEVEL}, kept to be reported at start. */
	private final List<String> malformed = new ArrayList<>();

	private final String[] loggers;

	private final int[] levels;

	private final List<String> problems = new ArrayList<>();

	private final Map<String, Integer> resolved = new ConcurrentHashMap<>();

	private LoggerThresholds(Map<String, String> entries, List<String> malformed) {
		this.entries = Collections.unmodifiableMap(entries);
		this.malformed.addAll(malformed);
		this.problems.addAll(malformed);
		List<String> names = new ArrayList<>();
		List<Level> parsed = new ArrayList<>();
		entries.forEach((logger, level) -> {
			Level value = AppenderSettings.threshold(level);
			if (value == null) {
				this.problems.add(logger + "=" + level + ": use TRACE, DEBUG, INFO, WARN, ERROR or OFF");
			}
			else {
				names.add(logger);
				parsed.add(value);
			}
		});
		this.loggers = names.toArray(new String[0]);
		this.levels = parsed.stream().mapToInt(Level::toInt).toArray();
	}

	/**
	 * Returns these thresholds with more entries; later entries for the same logger
	 * replace earlier ones.
	 * @param current the thresholds so far, or {@code null} for none
	 * @param text {@code logger=LEVEL}, or a comma-separated list of them
	 * @return the thresholds
	 */
	static LoggerThresholds with(@Nullable LoggerThresholds current, String text) {
		Map<String, String> entries = new LinkedHashMap<>((current != null) ? current.entries : Map.of());
		List<String> malformed = new ArrayList<>((current != null) ? current.malformed : List.of());
		for (String entry : text.split(",")) {
			int equals = entry.indexOf('=');
			String logger = (equals > 0) ? entry.substring(0, equals).trim() : "";
			if (logger.isEmpty()) {
				malformed.add(entry.trim() + ": use logger=LEVEL, e.g. com.example.db=WARN");
				continue;
			}
			entries.remove(logger); // keep the order in which they were last set
			entries.put(logger, entry.substring(equals + 1).trim().toUpperCase(Locale.ROOT));
		}
		return new LoggerThresholds(entries, malformed);
	}

	/**
	 * Returns the entries.
	 * @return the upper-case level text by logger name, in the order set
	 */
	Map<String, String> entries() {
		return this.entries;
	}

	/**
	 * Returns the entries that are not {@code logger=LEVEL} or whose level is not one.
	 * @return one description per entry at fault
	 */
	List<String> problems() {
		return this.problems;
	}

	/**
	 * Returns the lowest level published for a logger.
	 * @param loggerName the event's logger
	 * @param threshold the appender's threshold, for a logger without an entry
	 * @return the level's {@code toInt()}
	 */
	int threshold(String loggerName, int threshold) {
		Integer level = this.resolved.get(loggerName);
		if (level == null) {
			level = resolve(loggerName);
			if (this.resolved.size() < MAX_CACHED) {
				this.resolved.put(loggerName, level);
			}
		}
		int value = level;
		return (value == NO_ENTRY) ? threshold : value;
	}

	private Integer resolve(String loggerName) {
		int best = -1;
		for (int i = 0; i < this.loggers.length; i++) {
			String logger = this.loggers[i];
			if (loggerName.startsWith(logger)
					&& (loggerName.length() == logger.length() || loggerName.charAt(logger.length()) == '.')
					&& (best < 0 || logger.length() > this.loggers[best].length())) {
				best = i;
			}
		}
		return (best < 0) ? NO_ENTRY : this.levels[best];
	}

}

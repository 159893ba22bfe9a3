package io.github.zmqlog.logback;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.core.util.Duration;
import ch.qos.logback.core.util.FileSize;
import org.jspecify.annotations.Nullable;

import io.github.zmqlog.logback.curve.CurveSecurity;
import io.github.zmqlog.logback.format.BodyFormat;
import io.github.zmqlog.logback.format.SubtopicSources;
import io.github.zmqlog.logback.format.TopicRule;
import io.github.zmqlog.logback.history.HistoryProtocol;
import io.github.zmqlog.logback.history.HistorySettings;
import io.github.zmqlog.logback.transport.EndpointSyntax;
import io.github.zmqlog.logback.transport.PublisherSettings;
import io.github.zmqlog.logback.transport.SocketTuning;
import io.github.zmqlog.logback.transport.StartupHold;

/**
 * An appender's options, validated: what {@code start()} needs to open its publisher.
 * {@link #validate} checks every option in one pass, without opening a socket, so that a
 * start that fails names every problem at once.
 *
 * @param publisher what the publisher takes
 * @param topicRule how topics are built
 * @param subtopicSources where subtopic parts come from besides the message
 * @param layouts the body layouts, started: whoever does not use them stops them
 * @param startupHold how long and how much the first events wait for a subscription
 */
record AppenderSettings(PublisherSettings publisher, TopicRule topicRule, SubtopicSources subtopicSources,
		BodyFormat layouts, StartupHold.Bounds startupHold) {

	/**
	 * Checks an appender's options.
	 * @param appender the appender, as configured
	 * @return the settings, or every problem found
	 */
	static Validated validate(ZmqLogAppender appender) {
		List<ConfigurationProblem> found = new ArrayList<>();
		endpoints(appender, found);
		LevelNames names = appender.levelNamesOption().value();
		if (names == null) {
			found.add(invalidText("levelNames", appender.levelNamesOption(), "use LOGBACK or PYTHON"));
		}
		if (appender.thresholdOption().value() == null) {
			found.add(
					invalidText("threshold", appender.thresholdOption(), "use TRACE, DEBUG, INFO, WARN, ERROR or OFF"));
		}
		LoggerThresholds loggerThresholds = appender.loggerThresholdsOption();
		if (loggerThresholds != null) {
			loggerThresholds.problems()
				.forEach((problem) -> found.add(new ConfigurationProblem("loggerThreshold", null,
						"Invalid 'loggerThreshold' entry " + problem)));
		}
		OverflowPolicy overflowPolicy = appender.overflowPolicyOption().value();
		if (overflowPolicy == null) {
			found.add(invalidText("overflowPolicy", appender.overflowPolicyOption(), "use DROP or BLOCK"));
		}
		if (appender.getQueueSize() < 1) {
			found.add(invalidNumber("queueSize", appender.getQueueSize(), "it must be at least 1"));
		}
		else if (appender.getQueueSize() > ZmqLogAppender.MAX_QUEUE_SIZE) {
			found.add(invalidNumber("queueSize", appender.getQueueSize(),
					"it must be at most " + ZmqLogAppender.MAX_QUEUE_SIZE));
		}
		if (appender.getSendHwm() < 0) {
			found.add(invalidNumber("sendHwm", appender.getSendHwm(), "it must be 0 (no limit) or more"));
		}
		int maxMessageBytes = maxMessageBytes(appender.getMaxMessageSize(), found);
		long maxQueuedBytes = maxQueuedBytes(appender.getMaxQueuedBytes(), found);
		long maxBlockMillis = millis("maxBlockTime", appender.getMaxBlockTime(), found);
		long sendTimeoutMillis = millis("sendTimeout", appender.getSendTimeout(), found);
		long lingerMillis = millis("linger", appender.getLinger(), found);
		SocketTuning tuning = tuning(appender, found);
		long heartbeatTimeoutMillis = heartbeatTimeoutMillis(appender.getHeartbeatTimeout(),
				appender.getHeartbeatInterval(), tuning.heartbeatIntervalMillis(), found);
		long shutdownTimeoutMillis = millis("shutdownTimeout", appender.getShutdownTimeout(), found);
		timeoutsWorkTogether(appender, sendTimeoutMillis, shutdownTimeoutMillis, found);
		HistorySettings history = history(appender, found);
		StartupHold.Bounds startupHold = startupHold(appender, found);
		CurveSecurity curve = CurveSecurity.check(appender.getCurve(), !appender.getBind().isEmpty(),
				!appender.getConnect().isEmpty(), found);
		if (curve != null && curve.client() && history.enabled() && !history.endpoints().isEmpty()) {
			found.add(new ConfigurationProblem("history.endpoint", history.endpoints().get(0),
					"Invalid 'history.endpoint': as a CURVE client the appender holds no server keys, so its history"
							+ " endpoint would serve the logs in plain text; remove it, or let the forwarder keep"
							+ " history"));
		}
		BodyFormat layouts = layouts(appender, (names != null) ? names : ZmqLogAppender.DEFAULT_LEVEL_NAMES, found);
		if (!found.isEmpty() || names == null || overflowPolicy == null || layouts == null) {
			if (layouts != null) {
				layouts.stop();
			}
			return new Validated(null, found);
		}
		PublisherSettings publisher = new PublisherSettings(String.valueOf(appender.getName()), appender.getBind(),
				appender.getConnect(), appender.getQueueSize(), maxQueuedBytes, overflowPolicy,
				TimeUnit.MILLISECONDS.toNanos(maxBlockMillis), appender.getSendHwm(), appender.isNoDrop(),
				saturatedInt(sendTimeoutMillis), saturatedInt(lingerMillis), saturatedInt(heartbeatTimeoutMillis),
				maxMessageBytes, curve, appender.getZContext(), history, tuning);
		SubtopicConfiguration subtopic = appender.getSubtopic();
		TopicRule topicRule = new TopicRule(appender.getRootTopic(), names, subtopic.effectiveDelimiter());
		SubtopicSources sources = new SubtopicSources(subtopic.isLoggerName(), subtopic.isMarker(),
				subtopic.getMdcKey());
		return new Validated(new AppenderSettings(publisher, topicRule, sources, layouts, startupHold), List.of());
	}

	private static StartupHold.Bounds startupHold(ZmqLogAppender appender, List<ConfigurationProblem> found) {
		long millis = millis("startupHold", appender.getStartupHold(), found);
		if (appender.getStartupHoldMaxEvents() < 0) {
			found.add(invalidNumber("startupHoldMaxEvents", appender.getStartupHoldMaxEvents(),
					"it must be 0 (hold nothing) or more"));
		}
		FileSize maxBytes = appender.getStartupHoldMaxBytes();
		if (maxBytes == null) {
			found.add(new ConfigurationProblem("startupHoldMaxBytes", null,
					"Invalid 'startupHoldMaxBytes': it must be set"));
		}
		return StartupHold.Bounds.ofMillis(Math.max(0, millis), Math.max(0, appender.getStartupHoldMaxEvents()),
				(maxBytes != null) ? maxBytes.getSize() : 0);
	}

	/**
	 * Returns the warning for plain-text binds other hosts can reach, which publish every
	 * log line to whoever connects.
	 * @param name the appender's name
	 * @return the warning, or {@code null} when the socket is a CURVE server or every
	 * bind is reachable from this host only
	 */
	@Nullable String plainTextExposure(@Nullable String name) {
		if (this.publisher.curve() != null) {
			return null;
		}
		List<String> exposed = this.publisher.bind().stream().filter((e) -> !EndpointSyntax.isHostLocal(e)).toList();
		List<String> history = this.publisher.history().enabled()
				? this.publisher.history().endpoints().stream().filter((e) -> !EndpointSyntax.isHostLocal(e)).toList()
				: List.of();
		if (exposed.isEmpty() && history.isEmpty()) {
			return null;
		}
		String where = String.join(", ", exposed);
		if (!history.isEmpty()) {
			where += (exposed.isEmpty() ? "" : ", and on ") + String.join(", ", history) + " (its history endpoint"
					+ ((history.size() > 1) ? "s" : "") + ")";
		}
		return "Appender [" + name + "] publishes in plain text on " + where
				+ ": the logs are readable by anyone who can reach that address; bind to 127.0.0.1 only, or set the"
				+ " CURVE options to encrypt them and let only listed subscribers in";
	}

	/**
	 * Returns the level a threshold names, Logback's and Python's names alike.
	 * @param name the upper-case name
	 * @return the level, or {@code null} when the name is none
	 */
	static @Nullable Level threshold(String name) {
		return switch (name) {
			case "TRACE", "ALL" -> Level.TRACE;
			case "DEBUG" -> Level.DEBUG;
			case "INFO" -> Level.INFO;
			case "WARN", "WARNING" -> Level.WARN;
			case "ERROR", "FATAL" -> Level.ERROR;
			case "OFF" -> Level.OFF;
			default -> null;
		};
	}

	private static void endpoints(ZmqLogAppender appender, List<ConfigurationProblem> found) {
		if (appender.getBind().isEmpty() && appender.getConnect().isEmpty()) {
			found.add(new ConfigurationProblem("bind", null,
					"No endpoint: set at least one 'bind' or 'connect' endpoint, e.g. tcp://127.0.0.1:5556"));
		}
		for (String endpoint : appender.getBind()) {
			addIfPresent(found, "bind", endpoint, EndpointSyntax.problem(endpoint, true));
		}
		for (String endpoint : appender.getConnect()) {
			addIfPresent(found, "connect", endpoint, EndpointSyntax.problem(endpoint, false));
		}
	}

	private static HistorySettings history(ZmqLogAppender appender, List<ConfigurationProblem> found) {
		HistoryConfiguration history = appender.getHistory();
		int size = history.getSize();
		if (size < 0 || size > HistoryConfiguration.MAX_SIZE) {
			found.add(invalidNumber("history.size", size,
					"it must be 0 (no history) to " + HistoryConfiguration.MAX_SIZE + " events"));
		}
		FileSize maxBytes = history.getMaxBytes();
		if (maxBytes == null || maxBytes.getSize() < HistoryConfiguration.MIN_MAX_BYTES) {
			String bytes = (maxBytes != null) ? maxBytes.getSize() + " bytes" : null;
			found.add(new ConfigurationProblem("history.maxBytes", bytes,
					"Invalid 'history.maxBytes'" + ((bytes != null) ? " " + bytes : "") + ": it must be at least "
							+ HistoryConfiguration.MIN_MAX_BYTES + " bytes"));
		}
		String endpoint = history.getEndpoint();
		if (endpoint != null) {
			addIfPresent(found, "history.endpoint", endpoint, EndpointSyntax.problem(endpoint, true));
		}
		if (size <= 0 || maxBytes == null) {
			return HistorySettings.OFF;
		}
		if (endpoint != null) {
			return new HistorySettings(size, maxBytes.getSize(), List.of(endpoint), false);
		}
		List<String> derived = new ArrayList<>();
		for (String bind : appender.getBind()) {
			String next = HistoryProtocol.derivedEndpoint(bind);
			if (next != null) {
				derived.add(next);
			}
			else if (bind.endsWith(":*")) {
				derived.add(bind); // a port of its own, found in the stats
			}
		}
		return new HistorySettings(size, maxBytes.getSize(), derived, true);
	}

	private static int maxMessageBytes(@Nullable FileSize size, List<ConfigurationProblem> found) {
		if (size == null) {
			found.add(new ConfigurationProblem("maxMessageSize", null, "Invalid 'maxMessageSize': it must be set"));
			return 0;
		}
		if (size.getSize() < ZmqLogAppender.MIN_MAX_MESSAGE_BYTES) {
			String bytes = size.getSize() + " bytes";
			found.add(new ConfigurationProblem("maxMessageSize", bytes, "Invalid 'maxMessageSize' " + bytes
					+ ": it must be at least " + ZmqLogAppender.MIN_MAX_MESSAGE_BYTES + " bytes"));
		}
		// A body is one byte array: a larger limit cannot be reached.
		return saturatedInt(size.getSize());
	}

	private static long maxQueuedBytes(@Nullable FileSize size, List<ConfigurationProblem> found) {
		if (size == null) {
			found.add(new ConfigurationProblem("maxQueuedBytes", null, "Invalid 'maxQueuedBytes': it must be set"));
			return 0;
		}
		if (size.getSize() < ZmqLogAppender.MIN_MAX_QUEUED_BYTES) {
			String bytes = size.getSize() + " bytes";
			found.add(new ConfigurationProblem("maxQueuedBytes", bytes, "Invalid 'maxQueuedBytes' " + bytes
					+ ": it must be at least " + ZmqLogAppender.MIN_MAX_QUEUED_BYTES + " bytes"));
		}
		return size.getSize();
	}

	/**
	 * Refuses timeouts that cannot work: a {@code stop()} with no time to send what is
	 * queued, and, with {@code noDrop}, a wait for a slow subscriber that is no wait or
	 * takes all the time {@code stop()} has.
	 * @param appender the appender
	 * @param sendTimeoutMillis its send timeout, already checked alone
	 * @param shutdownTimeoutMillis its shutdown timeout, already checked alone
	 * @param found the problems found so far
	 */
	private static void timeoutsWorkTogether(ZmqLogAppender appender, long sendTimeoutMillis,
			long shutdownTimeoutMillis, List<ConfigurationProblem> found) {
		Duration shutdownTimeout = appender.getShutdownTimeout();
		Duration sendTimeout = appender.getSendTimeout();
		if (shutdownTimeout != null && shutdownTimeoutMillis == 0) {
			found.add(
					new ConfigurationProblem("shutdownTimeout", shutdownTimeout.toString(), "Invalid 'shutdownTimeout' "
							+ shutdownTimeout + ": it must be more than 0, or stopping drops everything still queued"));
		}
		if (!appender.isNoDrop() || sendTimeout == null || sendTimeoutMillis < 0) {
			return;
		}
		if (sendTimeoutMillis == 0) {
			found.add(new ConfigurationProblem("sendTimeout", sendTimeout.toString(), "Invalid 'sendTimeout' "
					+ sendTimeout + ": with 'noDrop' it must be more than 0 (how long to wait for a slow subscriber)"));
		}
		else if (shutdownTimeout != null && shutdownTimeoutMillis > 0 && sendTimeoutMillis >= shutdownTimeoutMillis) {
			found.add(new ConfigurationProblem("sendTimeout", sendTimeout.toString(),
					"Invalid 'sendTimeout' " + sendTimeout
							+ ": with 'noDrop' it must be shorter than 'shutdownTimeout' (" + shutdownTimeout
							+ "), or one wait for a slow subscriber takes all the time stopping has"));
		}
	}

	private static long heartbeatTimeoutMillis(@Nullable Duration timeout, @Nullable Duration interval,
			int intervalMillis, List<ConfigurationProblem> found) {
		long millis = millis("heartbeatTimeout", timeout, found);
		if (timeout != null && interval != null && intervalMillis > 0 && millis >= 0 && millis <= intervalMillis) {
			found.add(new ConfigurationProblem("heartbeatTimeout", timeout.toString(),
					"Invalid 'heartbeatTimeout' " + timeout + ": it must be longer than 'heartbeatInterval' ("
							+ interval + "), or every subscriber is dropped"));
		}
		return millis;
	}

	/**
	 * Checks the reconnect, heartbeat and keep-alive options.
	 * @param appender the appender
	 * @param found the problems found so far
	 * @return the tuning, with problem values replaced by defaults
	 */
	private static SocketTuning tuning(ZmqLogAppender appender, List<ConfigurationProblem> found) {
		long reconnect = positiveMillis("reconnectInterval", appender.getReconnectInterval(),
				"it must be more than 0 (the wait before a lost connection is tried again)", found);
		long reconnectMax = millis("reconnectIntervalMax", appender.getReconnectIntervalMax(), found);
		if (reconnectMax > 0 && reconnect > 0 && reconnectMax < reconnect) {
			found.add(new ConfigurationProblem("reconnectIntervalMax", appender.getReconnectIntervalMax().toString(),
					"Invalid 'reconnectIntervalMax' " + appender.getReconnectIntervalMax()
							+ ": it must be 0 (no backoff) or at least 'reconnectInterval' ("
							+ appender.getReconnectInterval() + ")"));
		}
		long heartbeat = positiveMillis("heartbeatInterval", appender.getHeartbeatInterval(),
				"it must be more than 0 (heartbeats find subscribers that vanished)", found);
		long ttl = millis("heartbeatTtl", appender.getHeartbeatTtl(), found);
		Duration ttlOption = appender.getHeartbeatTtl();
		if (ttlOption != null && ttl > 0 && heartbeat > 0 && ttl <= heartbeat) {
			found.add(new ConfigurationProblem("heartbeatTtl", ttlOption.toString(),
					"Invalid 'heartbeatTtl' " + ttlOption + ": it must be 0 (the peer decides) or longer than"
							+ " 'heartbeatInterval' (" + appender.getHeartbeatInterval()
							+ "), or the peer drops this socket between two heartbeats"));
		}
		else if (ttlOption != null && ttl > SocketTuning.MAX_HEARTBEAT_TTL_MILLIS) {
			found.add(new ConfigurationProblem("heartbeatTtl", ttlOption.toString(),
					"Invalid 'heartbeatTtl' " + ttlOption + ": it must be at most "
							+ SocketTuning.MAX_HEARTBEAT_TTL_MILLIS / 1000
							+ " seconds (a heartbeat carries it as a 16-bit count of tenths of a second)"));
		}
		Boolean keepAlive = appender.getTcpKeepAlive();
		int idle = keepAliveSeconds("tcpKeepAliveIdle", appender.getTcpKeepAliveIdle(), keepAlive, found);
		int interval = keepAliveSeconds("tcpKeepAliveInterval", appender.getTcpKeepAliveInterval(), keepAlive, found);
		Integer count = appender.getTcpKeepAliveCount();
		if (count != null) {
			if (count < 1) {
				found.add(invalidNumber("tcpKeepAliveCount", count, "it must be at least 1"));
			}
			else {
				keepAliveNeedsOn("tcpKeepAliveCount", String.valueOf(count), keepAlive, found);
			}
		}
		return new SocketTuning(saturatedInt(Math.max(1, reconnect)), saturatedInt(Math.max(0, reconnectMax)),
				saturatedInt(Math.max(1, heartbeat)),
				(int) Math.min(SocketTuning.MAX_HEARTBEAT_TTL_MILLIS, Math.max(0, ttl)),
				(keepAlive != null) ? (keepAlive ? 1 : 0) : -1, idle, interval,
				(count != null && count > 0) ? count : -1);
	}

	private static long positiveMillis(String option, @Nullable Duration duration, String hint,
			List<ConfigurationProblem> found) {
		if (duration != null && duration.getMilliseconds() == 0) {
			found.add(new ConfigurationProblem(option, duration.toString(),
					"Invalid '" + option + "' " + duration + ": " + hint));
		}
		return millis(option, duration, found);
	}

	// TCP keep-alive counts in whole seconds; null leaves the system's value.
	private static int keepAliveSeconds(String option, @Nullable Duration duration, @Nullable Boolean keepAlive,
			List<ConfigurationProblem> found) {
		if (duration == null) {
			return -1;
		}
		if (duration.getMilliseconds() < 1000 || duration.getMilliseconds() % 1000 != 0) {
			found.add(new ConfigurationProblem(option, duration.toString(), "Invalid '" + option + "' " + duration
					+ ": TCP keep-alive counts whole seconds; it must be 1 second or more, in seconds"));
			return -1;
		}
		keepAliveNeedsOn(option, duration.toString(), keepAlive, found);
		return saturatedInt(duration.getMilliseconds() / 1000);
	}

	private static void keepAliveNeedsOn(String option, String value, @Nullable Boolean keepAlive,
			List<ConfigurationProblem> found) {
		if (!Boolean.TRUE.equals(keepAlive)) {
			found.add(new ConfigurationProblem(option, value,
					"Invalid '" + option + "' " + value + ": it applies only with 'tcpKeepAlive' set to true (it is "
							+ ((keepAlive != null) ? "false" : "unset, the system's default") + ")"));
		}
	}

	private static long millis(String option, @Nullable Duration duration, List<ConfigurationProblem> found) {
		if (duration == null) {
			found.add(new ConfigurationProblem(option, null, "Invalid '" + option + "': it must be set"));
			return 0;
		}
		if (duration.getMilliseconds() < 0) {
			found.add(new ConfigurationProblem(option, duration.toString(),
					"Invalid '" + option + "': it must not be negative"));
		}
		return duration.getMilliseconds();
	}

	private static @Nullable BodyFormat layouts(ZmqLogAppender appender, LevelNames names,
			List<ConfigurationProblem> found) {
		if (appender.getEncoder() != null) {
			return BodyFormat.ofEncoder(appender.getEncoder(), appender.isIncludeCallerData());
		}
		if (appender.getLayout() != null) {
			return BodyFormat.ofLayout(appender.getLayout(), appender.isIncludeCallerData());
		}
		String[] patterns = new String[LevelNames.COUNT];
		for (Level level : LevelNames.LEVELS) {
			patterns[LevelNames.ordinal(level)] = appender.getPattern(level);
		}
		try {
			return BodyFormat.ofPatterns(patterns, names, appender.getContext(), appender.isIncludeCallerData());
		}
		catch (BodyFormat.InvalidPatternException ex) {
			String option = ex.level().toString().toLowerCase(Locale.ROOT) + "Pattern";
			found.add(new ConfigurationProblem(option, ex.pattern(),
					"Invalid '" + option + "': " + ex.getMessage() + " (see the pattern compiler's error)"));
			return null;
		}
	}

	private static ConfigurationProblem invalidText(String option, ParsedOption<?> value, String hint) {
		return new ConfigurationProblem(option, value.text(),
				"Invalid '" + option + "' '" + value.text() + "': " + hint);
	}

	private static ConfigurationProblem invalidNumber(String option, long value, String hint) {
		return new ConfigurationProblem(option, String.valueOf(value),
				"Invalid '" + option + "' " + value + ": " + hint);
	}

	private static void addIfPresent(List<ConfigurationProblem> found, String option, String value,
			@Nullable String problem) {
		if (problem != null) {
			found.add(new ConfigurationProblem(option, value, "Invalid '" + option + "': " + problem));
		}
	}

	private static int saturatedInt(long value) {
		return (int) Math.min(Integer.MAX_VALUE, value);
	}

	/**
	 * The outcome of {@link AppenderSettings#validate}: the settings, or why there are
	 * none.
	 *
	 * @param settings the settings, or {@code null} when a problem was found
	 * @param problems every problem found, empty when the settings are valid
	 */
	record Validated(@Nullable AppenderSettings settings, List<ConfigurationProblem> problems) {

		Validated {
			problems = List.copyOf(problems);
		}

	}

}

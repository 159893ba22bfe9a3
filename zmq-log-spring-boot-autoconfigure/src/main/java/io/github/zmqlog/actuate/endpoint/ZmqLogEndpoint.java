package io.github.zmqlog.actuate.endpoint;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import ch.qos.logback.classic.Level;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.logging.LogLevel;
import org.zeromq.ZMQ;

import io.github.zmqlog.logback.RootLoggerAttacher;
import io.github.zmqlog.logback.ZmqLogAppender;
import io.github.zmqlog.logback.ZmqLogStats;

/**
 * {@code /actuator/zmqlog}: what ZeroMQ log publishing is doing (counts, endpoints, subscribers and
 * their subscriptions, the publisher thread, the effective configuration), and, when access is
 * granted ({@code management.endpoint.zmqlog.access=unrestricted}), changing the root topic and
 * threshold, or pausing and resuming, at run time.
 */
@Endpoint(id = "zmqlog", defaultAccess = Access.READ_ONLY)
public class ZmqLogEndpoint {

	private static final String JEROMQ_VERSION = jeromqVersion();

	private final ZmqLogAppender appender;

	/**
	 * Creates an endpoint.
	 * @param appender the appender to report on and configure
	 */
	public ZmqLogEndpoint(ZmqLogAppender appender) {
		this.appender = appender;
	}

	/**
	 * Describes the appender.
	 * @return the description
	 */
	@ReadOperation
	public ZmqLogDescriptor zmqlog() {
		ZmqLogStats stats = this.appender.getStats();
		return new ZmqLogDescriptor(stats, RootLoggerAttacher.isAttached(this.appender), configuration(),
				JEROMQ_VERSION);
	}

	/**
	 * Changes what is published, at once.
	 * @param rootTopic the new root topic, {@code ""} for none
	 * @param threshold the lowest level published
	 * @param paused whether to pause publishing (events are then counted as dropped)
	 * @return the description after the change
	 */
	@WriteOperation
	public ZmqLogDescriptor configure(@Nullable String rootTopic, @Nullable LogLevel threshold,
			@Nullable Boolean paused) {
		if (rootTopic != null) {
			this.appender.setRootTopic(rootTopic);
		}
		if (threshold != null) {
			this.appender.setThreshold(threshold.name());
		}
		if (paused != null) {
			this.appender.setPaused(paused);
		}
		return zmqlog();
	}

	private Map<String, Object> configuration() {
		Map<String, Object> configuration = new LinkedHashMap<>();
		configuration.put("rootTopic", this.appender.getRootTopic());
		configuration.put("threshold", this.appender.getThreshold().toUpperCase(java.util.Locale.ROOT));
		configuration.put("paused", this.appender.isPaused());
		configuration.put("bind", this.appender.getBind());
		configuration.put("connect", this.appender.getConnect());
		configuration.put("levelNames", this.appender.getLevelNames());
		configuration.put("subtopicDelimiter", this.appender.getSubtopicDelimiter());
		Map<String, String> patterns = new LinkedHashMap<>();
		for (Level level : List.of(Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR)) {
			patterns.put(level.toString().toLowerCase(java.util.Locale.ROOT), this.appender.getPattern(level));
		}
		configuration.put("patterns", (this.appender.getEncoder() != null) ? "encoder"
				: (this.appender.getLayout() != null) ? "custom layout" : patterns);
		if (this.appender.getEncoder() != null) {
			configuration.put("encoder", this.appender.getEncoder().getClass().getName());
		}
		Map<String, Object> subtopic = new LinkedHashMap<>();
		subtopic.put("loggerName", this.appender.isSubtopicFromLoggerName());
		subtopic.put("marker", this.appender.isSubtopicFromMarker());
		subtopic.put("mdcKey", this.appender.getSubtopicMdcKey());
		configuration.put("subtopicSources", subtopic);
		configuration.put("queueSize", this.appender.getQueueSize());
		configuration.put("overflowPolicy", this.appender.getOverflowPolicy());
		configuration.put("maxBlockTime", this.appender.getMaxBlockTime().toString());
		configuration.put("sendHwm", this.appender.getSendHwm());
		configuration.put("noDrop", this.appender.isNoDrop());
		configuration.put("sendTimeout", this.appender.getSendTimeout().toString());
		configuration.put("linger", this.appender.getLinger().toString());
		configuration.put("shutdownTimeout", this.appender.getShutdownTimeout().toString());
		configuration.put("maxMessageBytes", this.appender.getMaxMessageBytes());
		return configuration;
	}

	private static String jeromqVersion() {
		try (InputStream in = ZMQ.class.getResourceAsStream("/META-INF/maven/org.zeromq/jeromq/pom.properties")) {
			if (in != null) {
				Properties properties = new Properties();
				properties.load(in);
				return properties.getProperty("version", "unknown");
			}
		}
		catch (IOException ex) {
			// fall through
		}
		return "unknown (ZeroMQ protocol " + ZMQ.getVersionString() + ")";
	}

	/**
	 * What {@code /actuator/zmqlog} returns.
	 *
	 * @param status the appender's state and counts
	 * @param attached whether the appender is attached to the root logger
	 * @param configuration the effective configuration
	 * @param jeromqVersion the JeroMQ version in use
	 */
	public record ZmqLogDescriptor(ZmqLogStats status, boolean attached, Map<String, Object> configuration,
			String jeromqVersion) implements OperationResponseBody {

	}

}

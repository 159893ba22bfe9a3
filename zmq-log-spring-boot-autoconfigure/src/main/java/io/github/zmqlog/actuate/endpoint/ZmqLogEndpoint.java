package io.github.zmqlog.actuate.endpoint;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.encoder.Encoder;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.logging.LogLevel;
import org.springframework.util.Assert;
import org.zeromq.ZMQ;

import io.github.zmqlog.logback.LevelNames;
import io.github.zmqlog.logback.RootLoggerAttacher;
import io.github.zmqlog.logback.SubtopicConfiguration;
import io.github.zmqlog.logback.ZmqLogAppender;
import io.github.zmqlog.logback.ZmqLogStats;

/**
 * {@code /actuator/zmqlog}: what ZeroMQ log publishing is doing (counts, endpoints,
 * subscribers and their subscriptions, the publisher thread, CURVE, the effective
 * configuration), and, when access is granted
 * ({@code management.endpoint.zmqlog.access=unrestricted}), changing the root topic and
 * threshold, or pausing and resuming, at run time.
 *
 * <p>
 * With one appender, {@code /actuator/zmqlog} describes it; with several, it describes
 * each under its name. {@code /actuator/zmqlog/{name}} always describes one. A write to
 * {@code /actuator/zmqlog} changes every appender, as deleting {@code /actuator/caches}
 * clears every cache; a write to {@code /actuator/zmqlog/{name}} changes that one.
 */
@Endpoint(id = "zmqlog", defaultAccess = Access.READ_ONLY)
public class ZmqLogEndpoint {

	private static final String JEROMQ_VERSION = jeromqVersion();

	private final Map<String, ZmqLogAppender> appenders;

	/**
	 * Creates an endpoint.
	 * @param appenders the appenders to report on and configure, by name; at least one
	 */
	public ZmqLogEndpoint(Map<String, ZmqLogAppender> appenders) {
		Assert.notEmpty(appenders, "'appenders' must not be empty");
		this.appenders = new LinkedHashMap<>(appenders);
	}

	/**
	 * Describes the appender, or each appender when there are several.
	 * @return a {@link ZmqLogDescriptor} with one appender, a
	 * {@link ZmqLogAppendersDescriptor} with several
	 */
	@ReadOperation
	public Descriptor zmqlog() {
		if (this.appenders.size() == 1) {
			return describe(this.appenders.values().iterator().next());
		}
		Map<String, ZmqLogDescriptor> descriptors = new LinkedHashMap<>();
		this.appenders.forEach((name, appender) -> descriptors.put(name, describe(appender)));
		return new ZmqLogAppendersDescriptor(descriptors);
	}

	/**
	 * Describes one appender.
	 * @param name the appender's name
	 * @return the description, or {@code null} (HTTP 404) when there is no appender of
	 * that name
	 */
	@ReadOperation
	public @Nullable ZmqLogDescriptor appender(@Selector String name) {
		ZmqLogAppender appender = this.appenders.get(name);
		return (appender != null) ? describe(appender) : null;
	}

	/**
	 * Changes what every appender publishes, at once.
	 * @param rootTopic the new root topic, {@code ""} for none
	 * @param threshold the lowest level published
	 * @param paused whether to pause publishing (events are then counted as dropped)
	 * @return the description after the change, as {@link #zmqlog()} gives it
	 */
	@WriteOperation
	public Descriptor configure(@Nullable String rootTopic, @Nullable LogLevel threshold, @Nullable Boolean paused) {
		this.appenders.values().forEach((appender) -> configure(appender, rootTopic, threshold, paused));
		return zmqlog();
	}

	/**
	 * Changes what one appender publishes, at once.
	 * @param name the appender's name
	 * @param rootTopic the new root topic, {@code ""} for none
	 * @param threshold the lowest level published
	 * @param paused whether to pause publishing (events are then counted as dropped)
	 * @return the description after the change, or {@code null} (HTTP 404) when there is
	 * no appender of that name
	 */
	@WriteOperation
	public @Nullable ZmqLogDescriptor configureAppender(@Selector String name, @Nullable String rootTopic,
			@Nullable LogLevel threshold, @Nullable Boolean paused) {
		ZmqLogAppender appender = this.appenders.get(name);
		if (appender == null) {
			return null;
		}
		configure(appender, rootTopic, threshold, paused);
		return describe(appender);
	}

	private static void configure(ZmqLogAppender appender, @Nullable String rootTopic, @Nullable LogLevel threshold,
			@Nullable Boolean paused) {
		if (rootTopic != null) {
			appender.setRootTopic(rootTopic);
		}
		if (threshold != null) {
			appender.setThreshold(threshold.name());
		}
		if (paused != null) {
			appender.setPaused(paused);
		}
	}

	private static ZmqLogDescriptor describe(ZmqLogAppender appender) {
		return new ZmqLogDescriptor(appender.getStats(), RootLoggerAttacher.isAttached(appender),
				ConfigurationDescriptor.of(appender), JEROMQ_VERSION);
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
	 * What {@code /actuator/zmqlog} returns: one appender's description or several.
	 */
	public sealed interface Descriptor extends OperationResponseBody
			permits ZmqLogDescriptor, ZmqLogAppendersDescriptor {

	}

	/**
	 * Description of one appender.
	 *
	 * @param status the appender's state and counts
	 * @param attached whether the appender is attached to the root logger
	 * @param configuration the effective configuration
	 * @param jeromqVersion the JeroMQ version in use
	 */
	public record ZmqLogDescriptor(ZmqLogStats status, boolean attached, ConfigurationDescriptor configuration,
			String jeromqVersion) implements Descriptor {

	}

	/**
	 * Description of several appenders.
	 *
	 * @param appenders each appender's description, by name
	 */
	public record ZmqLogAppendersDescriptor(Map<String, ZmqLogDescriptor> appenders) implements Descriptor {

	}

	/**
	 * An appender's effective configuration. Durations are shown as Logback writes them.
	 *
	 * @param rootTopic the root topic
	 * @param threshold the lowest level published
	 * @param loggerThresholds the lowest level published for a logger and those below it,
	 * in place of {@code threshold}, by logger name; empty when there are none
	 * @param paused whether publishing is paused (events are then counted as dropped,
	 * {@code PAUSED})
	 * @param bind the endpoints to bind, as configured
	 * @param connect the endpoints to connect to
	 * @param levelNames the level names in topics and bodies
	 * @param patterns the body pattern of each level, by lower-case level name; empty
	 * when a layout or an encoder formats the bodies
	 * @param layout the class of the layout that formats the bodies, or {@code null}
	 * @param encoder the class of the encoder that formats the bodies, or {@code null}
	 * @param subtopic where subtopics come from
	 * @param queueSize the queue's capacity
	 * @param overflowPolicy what a full queue does
	 * @param maxBlockTime the longest wait for room in the queue under {@code BLOCK}
	 * @param sendHwm the send high-water mark, in messages per subscriber
	 * @param noDrop whether a subscriber at its high-water mark makes the socket wait
	 * @param sendTimeout the longest such wait
	 * @param linger how long closing waits for queued messages to leave
	 * @param heartbeatTimeout how long a subscriber may send nothing back before it is
	 * dropped
	 * @param connection how the socket reconnects and finds dead peers
	 * @param shutdownTimeout the longest time stopping takes
	 * @param maxMessageBytes the largest body, in bytes
	 */
	public record ConfigurationDescriptor(String rootTopic, String threshold, Map<String, String> loggerThresholds,
			boolean paused, List<String> bind, List<String> connect, String levelNames, Map<String, String> patterns,
			@Nullable String layout, @Nullable String encoder, SubtopicDescriptor subtopic, int queueSize,
			String overflowPolicy, String maxBlockTime, int sendHwm, boolean noDrop, String sendTimeout, String linger,
			String heartbeatTimeout, ConnectionDescriptor connection, String shutdownTimeout, int maxMessageBytes) {

		static ConfigurationDescriptor of(ZmqLogAppender appender) {
			Layout<ILoggingEvent> layout = appender.getLayout();
			Encoder<ILoggingEvent> encoder = appender.getEncoder();
			Map<String, String> patterns = new LinkedHashMap<>();
			if (layout == null && encoder == null) {
				for (Level level : LevelNames.LEVELS) {
					patterns.put(level.toString().toLowerCase(Locale.ROOT), appender.getPattern(level));
				}
			}
			return new ConfigurationDescriptor(appender.getRootTopic(),
					appender.getThreshold().toUpperCase(Locale.ROOT), appender.getLoggerThresholds(),
					appender.isPaused(), appender.getBind(), appender.getConnect(), appender.getLevelNames(), patterns,
					(layout != null) ? layout.getClass().getName() : null,
					(encoder != null) ? encoder.getClass().getName() : null,
					SubtopicDescriptor.of(appender.getSubtopic()), appender.getQueueSize(),
					appender.getOverflowPolicy(), appender.getMaxBlockTime().toString(), appender.getSendHwm(),
					appender.isNoDrop(), appender.getSendTimeout().toString(), appender.getLinger().toString(),
					appender.getHeartbeatTimeout().toString(), ConnectionDescriptor.of(appender),
					appender.getShutdownTimeout().toString(),
					(int) Math.min(Integer.MAX_VALUE, appender.getMaxMessageSize().getSize()));
		}

	}

	/**
	 * How the socket reconnects and finds dead peers. Durations are shown as Logback
	 * writes them; an option left to the operating system reads {@code system default}.
	 *
	 * @param reconnectInterval wait before reconnecting to an endpoint the appender
	 * connects to
	 * @param reconnectIntervalMax longest wait between attempts ({@code 0} for no
	 * backoff)
	 * @param heartbeatInterval how often a heartbeat goes to each peer
	 * @param heartbeatTtl how long the peer may hear nothing before it drops this socket
	 * ({@code 0}: left to the peer)
	 * @param tcpKeepAlive {@code on}, {@code off} or {@code system default}
	 * @param tcpKeepAliveIdle idle time before the first keep-alive probe
	 * @param tcpKeepAliveInterval time between probes
	 * @param tcpKeepAliveCount unanswered probes before the connection is dropped
	 */
	public record ConnectionDescriptor(String reconnectInterval, String reconnectIntervalMax, String heartbeatInterval,
			String heartbeatTtl, String tcpKeepAlive, String tcpKeepAliveIdle, String tcpKeepAliveInterval,
			String tcpKeepAliveCount) {

		private static final String SYSTEM_DEFAULT = "system default";

		static ConnectionDescriptor of(ZmqLogAppender appender) {
			Boolean keepAlive = appender.getTcpKeepAlive();
			return new ConnectionDescriptor(appender.getReconnectInterval().toString(),
					appender.getReconnectIntervalMax().toString(), appender.getHeartbeatInterval().toString(),
					appender.getHeartbeatTtl().toString(),
					(keepAlive != null) ? (keepAlive ? "on" : "off") : SYSTEM_DEFAULT,
					orSystemDefault(appender.getTcpKeepAliveIdle()),
					orSystemDefault(appender.getTcpKeepAliveInterval()),
					orSystemDefault(appender.getTcpKeepAliveCount()));
		}

		private static String orSystemDefault(@Nullable Object value) {
			return (value != null) ? value.toString() : SYSTEM_DEFAULT;
		}

	}

	/**
	 * Where subtopics come from: the message's text before the delimiter, the logger's
	 * name, the first marker, an MDC value.
	 *
	 * @param delimiter what separates a subtopic from the message
	 * @param split whether the message's text before the delimiter is a subtopic
	 * @param loggerName whether the logger's name is a subtopic part
	 * @param marker whether the event's first marker is a subtopic part
	 * @param mdcKey the MDC key whose value is a subtopic part, or {@code null}
	 */
	public record SubtopicDescriptor(String delimiter, boolean split, boolean loggerName, boolean marker,
			@Nullable String mdcKey) {

		static SubtopicDescriptor of(SubtopicConfiguration subtopic) {
			return new SubtopicDescriptor(subtopic.getDelimiter(), subtopic.isSplit(), subtopic.isLoggerName(),
					subtopic.isMarker(), subtopic.getMdcKey());
		}

	}

}

package io.github.zmqlog.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.logging.LogLevel;
import org.springframework.util.unit.DataSize;

import io.github.zmqlog.logback.HistoryConfiguration;
import io.github.zmqlog.logback.LevelNames;
import io.github.zmqlog.logback.OverflowPolicy;
import io.github.zmqlog.logback.ZmqLogAppender;

/**
 * Configuration properties for publishing logs over ZeroMQ.
 */
@ConfigurationProperties("zmqlog")
public class ZmqLogProperties {

	/** The {@code format} that uses the per-level patterns. */
	public static final String TEXT_FORMAT = "text";

	/** Start-up hold of the auto-configured publisher. */
	public static final Duration DEFAULT_STARTUP_HOLD_TIMEOUT = Duration.ofSeconds(2);

	/** Endpoint bound when neither {@code bind} nor {@code connect} is set. */
	public static final String DEFAULT_BIND = "tcp://127.0.0.1:5556";

	/**
	 * Whether to publish the application's logs over ZeroMQ.
	 */
	private boolean enabled = true;

	/**
	 * Endpoints to bind, such as tcp://127.0.0.1:5556 or tcp://127.0.0.1:* for any free
	 * port. When neither bind nor connect is set, tcp://127.0.0.1:5556.
	 */
	private List<String> bind = new ArrayList<>();

	/**
	 * Endpoints to connect to, such as a forwarder's frontend.
	 */
	private List<String> connect = new ArrayList<>();

	/**
	 * First part of every topic. Defaults to spring.application.name when that is set.
	 */
	private @Nullable String rootTopic;

	/**
	 * Level names written in topics and bodies: LOGBACK (WARN) or PYTHON (WARNING, as
	 * PyZMQ).
	 */
	private LevelNames levelNames = ZmqLogAppender.DEFAULT_LEVEL_NAMES;

	/**
	 * Body format: text (the per-level patterns), or a Spring Boot structured logging
	 * format (ecs, logstash, gelf, or the class name of a StructuredLogFormatter), as
	 * logging.structured.format.console accepts.
	 */
	private String format = TEXT_FORMAT;

	/**
	 * Where subtopics come from: the message's text before the delimiter, the logger
	 * name, a marker, an MDC value.
	 */
	private final Subtopic subtopic = new Subtopic();

	/**
	 * CURVE encryption and the allowlist of subscribers.
	 */
	private final Curve curve = new Curve();

	/**
	 * Recent events kept for watchers that arrive late and ask for them.
	 */
	private final History history = new History();

	/**
	 * How the first events wait for the first subscriber.
	 */
	private final StartupHold startupHold = new StartupHold();

	/**
	 * Logback pattern of the message body for every level without a pattern of its own.
	 */
	private @Nullable String pattern;

	/**
	 * Logback pattern of the message body, per level (trace, debug, info, warn, error).
	 */
	private Map<LogLevel, String> patterns = new LinkedHashMap<>();

	/**
	 * Lowest level published. Events must also pass the logger's own level.
	 */
	private LogLevel threshold = LogLevel.TRACE;

	/**
	 * Lowest level published per logger, in place of threshold, as logging.level.* sets
	 * logger levels: an entry applies to the logger and the loggers below it, and the
	 * most specific entry wins. Events below it are neither published nor counted.
	 */
	private Map<String, LogLevel> levels = new LinkedHashMap<>();

	/**
	 * Capacity of the queue between logging threads and the publisher thread.
	 */
	private int queueSize = ZmqLogAppender.DEFAULT_QUEUE_SIZE;

	/**
	 * What a logging thread does when the queue is full: DROP the event, or BLOCK up to
	 * max-block-time and then drop it. Drops are counted.
	 */
	private OverflowPolicy overflowPolicy = ZmqLogAppender.DEFAULT_OVERFLOW_POLICY;

	/**
	 * Longest time a logging thread waits for room in the queue with the BLOCK policy.
	 */
	private Duration maxBlockTime = Duration.ofMillis(ZmqLogAppender.DEFAULT_MAX_BLOCK_TIME_MILLIS);

	/**
	 * Send high-water mark of the PUB socket, in messages per subscriber; 0 for no limit.
	 */
	private int sendHwm = ZmqLogAppender.DEFAULT_SEND_HWM;

	/**
	 * Whether a subscriber that is send-hwm messages behind makes the publisher wait (up
	 * to send-timeout) and then drop and count the event for all subscribers, instead of
	 * missing messages silently. Every loss is counted, but one slow subscriber holds up
	 * delivery to all.
	 */
	private boolean noDrop;

	/**
	 * With no-drop, longest time the publisher waits for a subscriber that is send-hwm
	 * messages behind before it drops the event.
	 */
	private Duration sendTimeout = Duration.ofMillis(ZmqLogAppender.DEFAULT_SEND_TIMEOUT_MILLIS);

	/**
	 * How long closing the socket waits for queued messages to leave.
	 */
	private Duration linger = Duration.ofMillis(ZmqLogAppender.DEFAULT_LINGER_MILLIS);

	/**
	 * How long a subscriber may send nothing back, not even a heartbeat answer, before
	 * the socket drops its connection and what it holds for it: a frozen host is found
	 * after this long, and a subscriber that stops reading may pause this long. Longer
	 * than heartbeat-interval.
	 */
	private Duration heartbeatTimeout = Duration.ofMillis(ZmqLogAppender.DEFAULT_HEARTBEAT_TIMEOUT_MILLIS);

	/**
	 * How often the socket sends a ZeroMQ heartbeat to each peer. More than 0 and shorter
	 * than heartbeat-timeout.
	 */
	private Duration heartbeatInterval = Duration.ofMillis(ZmqLogAppender.DEFAULT_HEARTBEAT_INTERVAL_MILLIS);

	/**
	 * Time to live the heartbeats carry: how long the peer may hear nothing from this
	 * socket before it drops the connection. 0 leaves it to the peer; otherwise longer
	 * than heartbeat-interval and at most 655 s.
	 */
	private Duration heartbeatTtl = Duration.ZERO;

	/**
	 * Wait before a lost or refused connect endpoint is tried again, plus a random jitter
	 * of up to as much. More than 0.
	 */
	private Duration reconnectInterval = Duration.ofMillis(ZmqLogAppender.DEFAULT_RECONNECT_INTERVAL_MILLIS);

	/**
	 * Longest wait between reconnect attempts: the wait doubles from reconnect-interval
	 * up to this after each failed attempt. 0 for no backoff.
	 */
	private Duration reconnectIntervalMax = Duration.ofMillis(ZmqLogAppender.DEFAULT_RECONNECT_INTERVAL_MAX_MILLIS);

	/**
	 * Whether TCP connections send keep-alive probes. Unset, the operating system's
	 * default.
	 */
	private @Nullable Boolean tcpKeepAlive;

	/**
	 * Idle time before the first TCP keep-alive probe, in whole seconds; with
	 * tcp-keep-alive true only. Unset, the system's default.
	 */
	private @Nullable Duration tcpKeepAliveIdle;

	/**
	 * Time between TCP keep-alive probes, in whole seconds; with tcp-keep-alive true
	 * only. Unset, the system's default.
	 */
	private @Nullable Duration tcpKeepAliveInterval;

	/**
	 * Unanswered TCP keep-alive probes before the connection is dropped; with
	 * tcp-keep-alive true only. Unset, the system's default.
	 */
	private @Nullable Integer tcpKeepAliveCount;

	/**
	 * Longest time stopping the publisher takes, sending what is queued and closing the
	 * socket.
	 */
	private Duration shutdownTimeout = Duration.ofMillis(ZmqLogAppender.DEFAULT_SHUTDOWN_TIMEOUT_MILLIS);

	/**
	 * Largest message body; a longer one is truncated with a marker and counted.
	 */
	private DataSize maxMessageSize = DataSize.ofBytes(ZmqLogAppender.DEFAULT_MAX_MESSAGE_BYTES);

	/**
	 * What large events (messages over 512 characters, events with a throwable) waiting
	 * in the queue may hold together, as estimated on the logging thread; one that does
	 * not fit is dropped and counted as QUEUE_FULL. Small events are bounded by
	 * queue-size alone.
	 */
	private DataSize maxQueuedBytes = DataSize.ofBytes(ZmqLogAppender.DEFAULT_MAX_QUEUED_BYTES);

	/**
	 * Whether a publisher that cannot start (a port in use, a bad endpoint) fails
	 * application start-up. When false, the application starts without publishing and
	 * reports the problem.
	 */
	private boolean failFast = true;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<String> getBind() {
		return this.bind;
	}

	public void setBind(List<String> bind) {
		this.bind = bind;
	}

	public List<String> getConnect() {
		return this.connect;
	}

	public void setConnect(List<String> connect) {
		this.connect = connect;
	}

	public @Nullable String getRootTopic() {
		return this.rootTopic;
	}

	public void setRootTopic(@Nullable String rootTopic) {
		this.rootTopic = rootTopic;
	}

	public LevelNames getLevelNames() {
		return this.levelNames;
	}

	public void setLevelNames(LevelNames levelNames) {
		this.levelNames = levelNames;
	}

	public String getFormat() {
		return this.format;
	}

	public void setFormat(String format) {
		this.format = format;
	}

	public Subtopic getSubtopic() {
		return this.subtopic;
	}

	public Curve getCurve() {
		return this.curve;
	}

	public History getHistory() {
		return this.history;
	}

	public StartupHold getStartupHold() {
		return this.startupHold;
	}

	public @Nullable String getPattern() {
		return this.pattern;
	}

	public void setPattern(@Nullable String pattern) {
		this.pattern = pattern;
	}

	public Map<LogLevel, String> getPatterns() {
		return this.patterns;
	}

	public void setPatterns(Map<LogLevel, String> patterns) {
		this.patterns = patterns;
	}

	public Map<String, LogLevel> getLevels() {
		return this.levels;
	}

	public void setLevels(Map<String, LogLevel> levels) {
		this.levels = levels;
	}

	public LogLevel getThreshold() {
		return this.threshold;
	}

	public void setThreshold(LogLevel threshold) {
		this.threshold = threshold;
	}

	public int getQueueSize() {
		return this.queueSize;
	}

	public void setQueueSize(int queueSize) {
		this.queueSize = queueSize;
	}

	public OverflowPolicy getOverflowPolicy() {
		return this.overflowPolicy;
	}

	public void setOverflowPolicy(OverflowPolicy overflowPolicy) {
		this.overflowPolicy = overflowPolicy;
	}

	public Duration getMaxBlockTime() {
		return this.maxBlockTime;
	}

	public void setMaxBlockTime(Duration maxBlockTime) {
		this.maxBlockTime = maxBlockTime;
	}

	public int getSendHwm() {
		return this.sendHwm;
	}

	public void setSendHwm(int sendHwm) {
		this.sendHwm = sendHwm;
	}

	public boolean isNoDrop() {
		return this.noDrop;
	}

	public void setNoDrop(boolean noDrop) {
		this.noDrop = noDrop;
	}

	public Duration getSendTimeout() {
		return this.sendTimeout;
	}

	public void setSendTimeout(Duration sendTimeout) {
		this.sendTimeout = sendTimeout;
	}

	public Duration getLinger() {
		return this.linger;
	}

	public void setLinger(Duration linger) {
		this.linger = linger;
	}

	public Duration getHeartbeatTimeout() {
		return this.heartbeatTimeout;
	}

	public void setHeartbeatTimeout(Duration heartbeatTimeout) {
		this.heartbeatTimeout = heartbeatTimeout;
	}

	public Duration getHeartbeatInterval() {
		return this.heartbeatInterval;
	}

	public void setHeartbeatInterval(Duration heartbeatInterval) {
		this.heartbeatInterval = heartbeatInterval;
	}

	public Duration getHeartbeatTtl() {
		return this.heartbeatTtl;
	}

	public void setHeartbeatTtl(Duration heartbeatTtl) {
		this.heartbeatTtl = heartbeatTtl;
	}

	public Duration getReconnectInterval() {
		return this.reconnectInterval;
	}

	public void setReconnectInterval(Duration reconnectInterval) {
		this.reconnectInterval = reconnectInterval;
	}

	public Duration getReconnectIntervalMax() {
		return this.reconnectIntervalMax;
	}

	public void setReconnectIntervalMax(Duration reconnectIntervalMax) {
		this.reconnectIntervalMax = reconnectIntervalMax;
	}

	public @Nullable Boolean getTcpKeepAlive() {
		return this.tcpKeepAlive;
	}

	public void setTcpKeepAlive(@Nullable Boolean tcpKeepAlive) {
		this.tcpKeepAlive = tcpKeepAlive;
	}

	public @Nullable Duration getTcpKeepAliveIdle() {
		return this.tcpKeepAliveIdle;
	}

	public void setTcpKeepAliveIdle(@Nullable Duration tcpKeepAliveIdle) {
		this.tcpKeepAliveIdle = tcpKeepAliveIdle;
	}

	public @Nullable Duration getTcpKeepAliveInterval() {
		return this.tcpKeepAliveInterval;
	}

	public void setTcpKeepAliveInterval(@Nullable Duration tcpKeepAliveInterval) {
		this.tcpKeepAliveInterval = tcpKeepAliveInterval;
	}

	public @Nullable Integer getTcpKeepAliveCount() {
		return this.tcpKeepAliveCount;
	}

	public void setTcpKeepAliveCount(@Nullable Integer tcpKeepAliveCount) {
		this.tcpKeepAliveCount = tcpKeepAliveCount;
	}

	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	public DataSize getMaxMessageSize() {
		return this.maxMessageSize;
	}

	public void setMaxMessageSize(DataSize maxMessageSize) {
		this.maxMessageSize = maxMessageSize;
	}

	public DataSize getMaxQueuedBytes() {
		return this.maxQueuedBytes;
	}

	public void setMaxQueuedBytes(DataSize maxQueuedBytes) {
		this.maxQueuedBytes = maxQueuedBytes;
	}

	public boolean isFailFast() {
		return this.failFast;
	}

	public void setFailFast(boolean failFast) {
		this.failFast = failFast;
	}

	/**
	 * How the events logged before any subscriber could have joined (Spring Boot's own
	 * start-up lines, say) wait for the first subscription, on the publisher thread.
	 */
	public static class StartupHold {

		/**
		 * Longest time the first events wait for the first subscription before they are
		 * sent anyway; 0 sends them at once.
		 */
		private Duration timeout = DEFAULT_STARTUP_HOLD_TIMEOUT;

		/**
		 * Most events held; later ones are dropped and counted as STARTUP_HOLD_FULL.
		 */
		private int maxEvents = ZmqLogAppender.DEFAULT_STARTUP_HOLD_MAX_EVENTS;

		/**
		 * Most bytes held, small events weighed at 1280 bytes and large ones as the queue
		 * weighs them; one that does not fit is dropped and counted as STARTUP_HOLD_FULL.
		 */
		private DataSize maxBytes = DataSize.ofBytes(ZmqLogAppender.DEFAULT_STARTUP_HOLD_MAX_BYTES);

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public int getMaxEvents() {
			return this.maxEvents;
		}

		public void setMaxEvents(int maxEvents) {
			this.maxEvents = maxEvents;
		}

		public DataSize getMaxBytes() {
			return this.maxBytes;
		}

		public void setMaxBytes(DataSize maxBytes) {
			this.maxBytes = maxBytes;
		}

	}

	/**
	 * Where subtopics come from. The parts an event has are joined in this order: logger
	 * name, marker, MDC value, then the message's text before the delimiter.
	 */
	public static class Subtopic {

		/**
		 * Text that ends the subtopic at the start of a message. Empty turns the
		 * message's subtopic off.
		 */
		private String delimiter = ZmqLogAppender.DEFAULT_SUBTOPIC_DELIMITER;

		/**
		 * Whether a message's text before the delimiter is a subtopic part.
		 */
		private boolean split = true;

		/**
		 * MDC key whose value is a subtopic part, such as tenant.
		 */
		private @Nullable String mdcKey;

		/**
		 * Whether the name of the event's first SLF4J marker is a subtopic part.
		 */
		private boolean marker;

		/**
		 * Whether the logger name is a subtopic part, so that subscribers can filter by
		 * logger.
		 */
		private boolean loggerName;

		public String getDelimiter() {
			return this.delimiter;
		}

		public void setDelimiter(String delimiter) {
			this.delimiter = delimiter;
		}

		public boolean isSplit() {
			return this.split;
		}

		public void setSplit(boolean split) {
			this.split = split;
		}

		public @Nullable String getMdcKey() {
			return this.mdcKey;
		}

		public void setMdcKey(@Nullable String mdcKey) {
			this.mdcKey = mdcKey;
		}

		public boolean isMarker() {
			return this.marker;
		}

		public void setMarker(boolean marker) {
			this.marker = marker;
		}

		public boolean isLoggerName() {
			return this.loggerName;
		}

		public void setLoggerName(boolean loggerName) {
			this.loggerName = loggerName;
		}

	}

	/**
	 * History for watchers that arrive late: the publisher keeps its most recent events
	 * and serves them on a ROUTER endpoint ({@code zmq-log-tail -n N}), then follows
	 * live.
	 */
	public static class History {

		/**
		 * How many recent events are kept for watchers that ask; 0 turns the history off.
		 */
		private int size = HistoryConfiguration.DEFAULT_SIZE;

		/**
		 * What the kept events may hold together; the oldest go first.
		 */
		private DataSize maxBytes = DataSize.ofBytes(HistoryConfiguration.DEFAULT_MAX_BYTES);

		/**
		 * Endpoint the history is served on. Without one, next to each bound endpoint:
		 * the TCP port plus one, or the ipc/inproc name plus ".history"; a port that is
		 * taken is then a warning.
		 */
		private @Nullable String endpoint;

		public int getSize() {
			return this.size;
		}

		public void setSize(int size) {
			this.size = size;
		}

		public DataSize getMaxBytes() {
			return this.maxBytes;
		}

		public void setMaxBytes(DataSize maxBytes) {
			this.maxBytes = maxBytes;
		}

		public @Nullable String getEndpoint() {
			return this.endpoint;
		}

		public void setEndpoint(@Nullable String endpoint) {
			this.endpoint = endpoint;
		}

	}

	/**
	 * CURVE encryption and client authentication. An appender that binds is a CURVE
	 * server: the server's key pair, and only the listed client public keys may
	 * subscribe. An appender that connects is a CURVE client: its own key pair (client-*)
	 * and the server's public key (server-public-key). Keys are Z85 (40 characters);
	 * files hold the key alone or a ZeroMQ certificate.
	 */
	public static class Curve {

		/**
		 * Server secret key, Z85. Prefer server-secret-key-file.
		 */
		private @Nullable String serverSecretKey;

		/**
		 * File holding the server secret key: the Z85 key alone, or a ZeroMQ certificate
		 * (which also gives the public key).
		 */
		private @Nullable String serverSecretKeyFile;

		/**
		 * Server public key, Z85: when binding, this appender's own, that subscribers use
		 * as their server key; when connecting, the key of the server connected to.
		 */
		private @Nullable String serverPublicKey;

		/**
		 * File holding the server public key: the Z85 key alone, or a ZeroMQ certificate.
		 */
		private @Nullable String serverPublicKeyFile;

		/**
		 * Public keys (Z85) of the clients allowed to subscribe; other clients are
		 * refused.
		 */
		private List<String> allowedClientKeys = new ArrayList<>();

		/**
		 * File listing the public keys of the clients allowed to subscribe, one per line.
		 */
		private @Nullable String allowedClientKeysFile;

		/**
		 * Whether any client that completes the CURVE handshake may subscribe, without an
		 * allowlist: encryption without client authentication.
		 */
		private boolean allowAnyClient;

		/**
		 * When connecting, this appender's own CURVE secret key, Z85. Prefer
		 * client-secret-key-file.
		 */
		private @Nullable String clientSecretKey;

		/**
		 * When connecting, file holding this appender's secret key: the Z85 key alone, or
		 * a ZeroMQ certificate (which also gives the public key).
		 */
		private @Nullable String clientSecretKeyFile;

		/**
		 * When connecting, this appender's own CURVE public key, Z85, the key the
		 * server's allowlist names.
		 */
		private @Nullable String clientPublicKey;

		/**
		 * When connecting, file holding this appender's public key: the Z85 key alone, or
		 * a ZeroMQ certificate.
		 */
		private @Nullable String clientPublicKeyFile;

		public @Nullable String getClientSecretKey() {
			return this.clientSecretKey;
		}

		public void setClientSecretKey(@Nullable String clientSecretKey) {
			this.clientSecretKey = clientSecretKey;
		}

		public @Nullable String getClientSecretKeyFile() {
			return this.clientSecretKeyFile;
		}

		public void setClientSecretKeyFile(@Nullable String clientSecretKeyFile) {
			this.clientSecretKeyFile = clientSecretKeyFile;
		}

		public @Nullable String getClientPublicKey() {
			return this.clientPublicKey;
		}

		public void setClientPublicKey(@Nullable String clientPublicKey) {
			this.clientPublicKey = clientPublicKey;
		}

		public @Nullable String getClientPublicKeyFile() {
			return this.clientPublicKeyFile;
		}

		public void setClientPublicKeyFile(@Nullable String clientPublicKeyFile) {
			this.clientPublicKeyFile = clientPublicKeyFile;
		}

		public @Nullable String getServerSecretKey() {
			return this.serverSecretKey;
		}

		public void setServerSecretKey(@Nullable String serverSecretKey) {
			this.serverSecretKey = serverSecretKey;
		}

		public @Nullable String getServerSecretKeyFile() {
			return this.serverSecretKeyFile;
		}

		public void setServerSecretKeyFile(@Nullable String serverSecretKeyFile) {
			this.serverSecretKeyFile = serverSecretKeyFile;
		}

		public @Nullable String getServerPublicKey() {
			return this.serverPublicKey;
		}

		public void setServerPublicKey(@Nullable String serverPublicKey) {
			this.serverPublicKey = serverPublicKey;
		}

		public @Nullable String getServerPublicKeyFile() {
			return this.serverPublicKeyFile;
		}

		public void setServerPublicKeyFile(@Nullable String serverPublicKeyFile) {
			this.serverPublicKeyFile = serverPublicKeyFile;
		}

		public List<String> getAllowedClientKeys() {
			return this.allowedClientKeys;
		}

		public void setAllowedClientKeys(List<String> allowedClientKeys) {
			this.allowedClientKeys = allowedClientKeys;
		}

		public @Nullable String getAllowedClientKeysFile() {
			return this.allowedClientKeysFile;
		}

		public void setAllowedClientKeysFile(@Nullable String allowedClientKeysFile) {
			this.allowedClientKeysFile = allowedClientKeysFile;
		}

		public boolean isAllowAnyClient() {
			return this.allowAnyClient;
		}

		public void setAllowAnyClient(boolean allowAnyClient) {
			this.allowAnyClient = allowAnyClient;
		}

		@Override
		public String toString() {
			return "Curve[serverSecretKey=" + ((this.serverSecretKey != null) ? "******" : "null")
					+ ", serverSecretKeyFile=" + this.serverSecretKeyFile + ", allowedClientKeys="
					+ this.allowedClientKeys.size() + ", allowedClientKeysFile=" + this.allowedClientKeysFile
					+ ", allowAnyClient=" + this.allowAnyClient + ", clientSecretKey="
					+ ((this.clientSecretKey != null) ? "******" : "null") + ", clientSecretKeyFile="
					+ this.clientSecretKeyFile + "]";
		}

	}

}

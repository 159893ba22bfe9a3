package io.github.zmqlog.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * Every option of ZeroMQ log publishing, by both its names: the appender's, as an element
 * in {@code logback.xml} and in
 * {@link io.github.zmqlog.logback.ConfigurationProblem#option()}, and the
 * {@code zmqlog.*} property. A nested option's XML name has its component in front:
 * {@code curve.serverSecretKeyFile} is {@code <curve><serverSecretKeyFile>}. Some options
 * exist on one side only: Spring-only ones have no XML name, and XML-only ones (objects a
 * property cannot give, or runtime controls) have no property.
 */
enum ZmqLogOption {

	ENABLED(null, "zmqlog.enabled"),

	BIND("bind", "zmqlog.bind"),

	CONNECT("connect", "zmqlog.connect"),

	ROOT_TOPIC("rootTopic", "zmqlog.root-topic"),

	LEVEL_NAMES("levelNames", "zmqlog.level-names"),

	FORMAT(null, "zmqlog.format"),

	PATTERN("pattern", "zmqlog.pattern"),

	TRACE_PATTERN("tracePattern", "zmqlog.patterns.trace"),

	DEBUG_PATTERN("debugPattern", "zmqlog.patterns.debug"),

	INFO_PATTERN("infoPattern", "zmqlog.patterns.info"),

	WARN_PATTERN("warnPattern", "zmqlog.patterns.warn"),

	ERROR_PATTERN("errorPattern", "zmqlog.patterns.error"),

	LAYOUT("layout", null),

	ENCODER("encoder", null),

	INCLUDE_CALLER_DATA("includeCallerData", null),

	SUBTOPIC("subtopic", "zmqlog.subtopic"),

	SUBTOPIC_DELIMITER("subtopic.delimiter", "zmqlog.subtopic.delimiter"),

	SUBTOPIC_SPLIT("subtopic.split", "zmqlog.subtopic.split"),

	SUBTOPIC_LOGGER_NAME("subtopic.loggerName", "zmqlog.subtopic.logger-name"),

	SUBTOPIC_MARKER("subtopic.marker", "zmqlog.subtopic.marker"),

	SUBTOPIC_MDC_KEY("subtopic.mdcKey", "zmqlog.subtopic.mdc-key"),

	THRESHOLD("threshold", "zmqlog.threshold"),

	/** Repeated in XML, {@code logger=LEVEL} each; a map by logger name as a property. */
	LOGGER_THRESHOLD("loggerThreshold", "zmqlog.levels"),

	PAUSED("paused", null),

	QUEUE_SIZE("queueSize", "zmqlog.queue-size"),

	OVERFLOW_POLICY("overflowPolicy", "zmqlog.overflow-policy"),

	MAX_BLOCK_TIME("maxBlockTime", "zmqlog.max-block-time"),

	SEND_HWM("sendHwm", "zmqlog.send-hwm"),

	NO_DROP("noDrop", "zmqlog.no-drop"),

	SEND_TIMEOUT("sendTimeout", "zmqlog.send-timeout"),

	LINGER("linger", "zmqlog.linger"),

	HEARTBEAT_TIMEOUT("heartbeatTimeout", "zmqlog.heartbeat-timeout"),

	HEARTBEAT_INTERVAL("heartbeatInterval", "zmqlog.heartbeat-interval"),

	HEARTBEAT_TTL("heartbeatTtl", "zmqlog.heartbeat-ttl"),

	RECONNECT_INTERVAL("reconnectInterval", "zmqlog.reconnect-interval"),

	RECONNECT_INTERVAL_MAX("reconnectIntervalMax", "zmqlog.reconnect-interval-max"),

	TCP_KEEP_ALIVE("tcpKeepAlive", "zmqlog.tcp-keep-alive"),

	TCP_KEEP_ALIVE_IDLE("tcpKeepAliveIdle", "zmqlog.tcp-keep-alive-idle"),

	TCP_KEEP_ALIVE_INTERVAL("tcpKeepAliveInterval", "zmqlog.tcp-keep-alive-interval"),

	TCP_KEEP_ALIVE_COUNT("tcpKeepAliveCount", "zmqlog.tcp-keep-alive-count"),

	SHUTDOWN_TIMEOUT("shutdownTimeout", "zmqlog.shutdown-timeout"),

	MAX_MESSAGE_SIZE("maxMessageSize", "zmqlog.max-message-size"),

	MAX_QUEUED_BYTES("maxQueuedBytes", "zmqlog.max-queued-bytes"),

	CURVE("curve", "zmqlog.curve"),

	CURVE_SERVER_SECRET_KEY("curve.serverSecretKey", "zmqlog.curve.server-secret-key"),

	CURVE_SERVER_SECRET_KEY_FILE("curve.serverSecretKeyFile", "zmqlog.curve.server-secret-key-file"),

	CURVE_SERVER_PUBLIC_KEY("curve.serverPublicKey", "zmqlog.curve.server-public-key"),

	CURVE_SERVER_PUBLIC_KEY_FILE("curve.serverPublicKeyFile", "zmqlog.curve.server-public-key-file"),

	/**
	 * Repeated in XML, one key (or a comma-separated list) each; a list as a property.
	 */
	CURVE_ALLOWED_CLIENT_KEY("curve.allowedClientKey", "zmqlog.curve.allowed-client-keys"),

	CURVE_ALLOWED_CLIENT_KEYS_FILE("curve.allowedClientKeysFile", "zmqlog.curve.allowed-client-keys-file"),

	CURVE_ALLOW_ANY_CLIENT("curve.allowAnyClient", "zmqlog.curve.allow-any-client"),

	CURVE_CLIENT_SECRET_KEY("curve.clientSecretKey", "zmqlog.curve.client-secret-key"),

	CURVE_CLIENT_SECRET_KEY_FILE("curve.clientSecretKeyFile", "zmqlog.curve.client-secret-key-file"),

	CURVE_CLIENT_PUBLIC_KEY("curve.clientPublicKey", "zmqlog.curve.client-public-key"),

	CURVE_CLIENT_PUBLIC_KEY_FILE("curve.clientPublicKeyFile", "zmqlog.curve.client-public-key-file"),

	HISTORY("history", "zmqlog.history"),

	HISTORY_SIZE("history.size", "zmqlog.history.size"),

	HISTORY_MAX_BYTES("history.maxBytes", "zmqlog.history.max-bytes"),

	HISTORY_ENDPOINT("history.endpoint", "zmqlog.history.endpoint"),

	/** The ZeroMQ context: the {@code ZContext} bean with Spring Boot. */
	STARTUP_HOLD("startupHold", "zmqlog.startup-hold.timeout"),

	STARTUP_HOLD_MAX_EVENTS("startupHoldMaxEvents", "zmqlog.startup-hold.max-events"),

	STARTUP_HOLD_MAX_BYTES("startupHoldMaxBytes", "zmqlog.startup-hold.max-bytes"),

	Z_CONTEXT("zContext", null),

	FAIL_FAST(null, "zmqlog.fail-fast");

	private final @Nullable String xmlName;

	private final @Nullable String property;

	ZmqLogOption(@Nullable String xmlName, @Nullable String property) {
		this.xmlName = xmlName;
		this.property = property;
	}

	/**
	 * Returns the appender's name of the option.
	 * @return the name, such as {@code queueSize} or {@code curve.serverSecretKey}, or
	 * {@code null} for an option of Spring Boot's alone
	 */
	@Nullable String xmlName() {
		return this.xmlName;
	}

	/**
	 * Returns the option's property.
	 * @return the property, such as {@code zmqlog.queue-size}, or {@code null} for an
	 * option of the appender's alone
	 */
	@Nullable String property() {
		return this.property;
	}

	/**
	 * Returns the option the appender names so.
	 * @param xmlName the appender's name of an option
	 * @return the option, or {@code null} when there is none of that name
	 */
	static @Nullable ZmqLogOption forXmlName(String xmlName) {
		for (ZmqLogOption option : values()) {
			if (xmlName.equals(option.xmlName)) {
				return option;
			}
		}
		return null;
	}

}

package io.github.zmqlog.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import io.github.zmqlog.logback.HistoryConfiguration;
import io.github.zmqlog.logback.ZmqLogAppender;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration metadata the processor generates from {@link ZmqLogProperties}: what
 * an IDE shows for {@code zmqlog.*}.
 */
class ZmqLogPropertiesMetadataTests {

	@Test
	void everyPropertyHasADescription() throws IOException {
		JsonNode metadata = metadata();
		assertThat(metadata.get("properties")).hasSizeGreaterThanOrEqualTo(17);
		for (JsonNode property : metadata.get("properties")) {
			assertThat(property.path("description").asString("")).as(property.get("name").asString())
				.isNotBlank()
				.doesNotStartWith("The ")
				.doesNotStartWith("A ");
		}
	}

	@Test
	void defaultsAreTheAppendersConstants() throws IOException {
		Map<String, JsonNode> defaults = new HashMap<>();
		metadata().get("properties").forEach((p) -> defaults.put(p.get("name").asString(), p.get("defaultValue")));
		assertThat(defaults.get("zmqlog.level-names").asString())
			.isEqualToIgnoringCase(ZmqLogAppender.DEFAULT_LEVEL_NAMES.name());
		assertThat(defaults.get("zmqlog.subtopic.delimiter").asString())
			.isEqualTo(ZmqLogAppender.DEFAULT_SUBTOPIC_DELIMITER);
		assertThat(defaults.get("zmqlog.queue-size").asInt()).isEqualTo(ZmqLogAppender.DEFAULT_QUEUE_SIZE);
		assertThat(defaults.get("zmqlog.overflow-policy").asString())
			.isEqualToIgnoringCase(ZmqLogAppender.DEFAULT_OVERFLOW_POLICY.name());
		assertThat(millis(defaults.get("zmqlog.max-block-time")))
			.isEqualTo(ZmqLogAppender.DEFAULT_MAX_BLOCK_TIME_MILLIS);
		assertThat(defaults.get("zmqlog.send-hwm").asInt()).isEqualTo(ZmqLogAppender.DEFAULT_SEND_HWM);
		assertThat(millis(defaults.get("zmqlog.send-timeout"))).isEqualTo(ZmqLogAppender.DEFAULT_SEND_TIMEOUT_MILLIS);
		assertThat(defaults.get("zmqlog.no-drop").asBoolean()).isFalse();
		assertThat(millis(defaults.get("zmqlog.linger"))).isEqualTo(ZmqLogAppender.DEFAULT_LINGER_MILLIS);
		assertThat(millis(defaults.get("zmqlog.heartbeat-timeout")))
			.isEqualTo(ZmqLogAppender.DEFAULT_HEARTBEAT_TIMEOUT_MILLIS);
		assertThat(millis(defaults.get("zmqlog.heartbeat-interval")))
			.isEqualTo(ZmqLogAppender.DEFAULT_HEARTBEAT_INTERVAL_MILLIS);
		assertThat(millis(defaults.get("zmqlog.heartbeat-ttl"))).isZero();
		assertThat(millis(defaults.get("zmqlog.reconnect-interval")))
			.isEqualTo(ZmqLogAppender.DEFAULT_RECONNECT_INTERVAL_MILLIS);
		assertThat(millis(defaults.get("zmqlog.reconnect-interval-max")))
			.isEqualTo(ZmqLogAppender.DEFAULT_RECONNECT_INTERVAL_MAX_MILLIS);
		assertThat(defaults).containsKeys("zmqlog.tcp-keep-alive", "zmqlog.tcp-keep-alive-idle",
				"zmqlog.tcp-keep-alive-interval", "zmqlog.tcp-keep-alive-count");
		assertThat(defaults.get("zmqlog.tcp-keep-alive")).as("unset: the system's default").isNull();
		assertThat(millis(defaults.get("zmqlog.shutdown-timeout")))
			.isEqualTo(ZmqLogAppender.DEFAULT_SHUTDOWN_TIMEOUT_MILLIS);
		assertThat(DataSize.parse(defaults.get("zmqlog.max-message-size").asString()).toBytes())
			.isEqualTo(ZmqLogAppender.DEFAULT_MAX_MESSAGE_BYTES);
		assertThat(DataSize.parse(defaults.get("zmqlog.max-queued-bytes").asString()).toBytes())
			.isEqualTo(ZmqLogAppender.DEFAULT_MAX_QUEUED_BYTES);
		assertThat(defaults.get("zmqlog.history.size").asInt()).isEqualTo(HistoryConfiguration.DEFAULT_SIZE);
		assertThat(DataSize.parse(defaults.get("zmqlog.history.max-bytes").asString()).toBytes())
			.isEqualTo(HistoryConfiguration.DEFAULT_MAX_BYTES);
		assertThat(defaults.get("zmqlog.enabled").asBoolean()).isTrue();
		assertThat(defaults.get("zmqlog.fail-fast").asBoolean()).isTrue();
		assertThat(defaults.get("zmqlog.subtopic.split").asBoolean()).isTrue();
	}

	@Test
	void curvePropertiesAreDescribed() throws IOException {
		Map<String, JsonNode> properties = new HashMap<>();
		metadata().get("properties").forEach((p) -> properties.put(p.get("name").asString(), p));
		assertThat(properties).containsKeys("zmqlog.curve.server-secret-key", "zmqlog.curve.server-secret-key-file",
				"zmqlog.curve.server-public-key", "zmqlog.curve.server-public-key-file",
				"zmqlog.curve.allowed-client-keys", "zmqlog.curve.allowed-client-keys-file",
				"zmqlog.curve.allow-any-client", "zmqlog.curve.client-secret-key",
				"zmqlog.curve.client-secret-key-file", "zmqlog.curve.client-public-key",
				"zmqlog.curve.client-public-key-file");
		assertThat(properties.get("zmqlog.curve.allow-any-client").get("defaultValue").asBoolean()).isFalse();
	}

	@Test
	void enumLikePropertiesHaveHints() throws IOException {
		Map<String, JsonNode> hints = new HashMap<>();
		metadata().get("hints").forEach((h) -> hints.put(h.get("name").asString(), h.get("values")));
		assertThat(hints.get("zmqlog.level-names")).extracting((v) -> v.get("value").asString())
			.containsExactly("logback", "python");
		assertThat(hints.get("zmqlog.overflow-policy")).extracting((v) -> v.get("value").asString())
			.containsExactly("drop", "block");
		assertThat(hints).containsKeys("zmqlog.threshold", "zmqlog.patterns.keys", "zmqlog.levels.values");
		assertThat(hints.get("zmqlog.levels.values")).extracting((v) -> v.get("value").asString())
			.containsExactly("trace", "debug", "info", "warn", "error", "off");
	}

	private static long millis(JsonNode value) {
		return DurationStyle.detectAndParse(value.asString()).toMillis();
	}

	/**
	 * Reads the metadata the configuration processor generated.
	 * @return the metadata
	 * @throws IOException when it cannot be read
	 */
	static JsonNode metadata() throws IOException {
		try (InputStream in = ZmqLogPropertiesMetadataTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("generated metadata").isNotNull();
			return new ObjectMapper().readTree(in);
		}
	}

}

package io.github.zmqlog.sample;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import io.github.zmqlog.testsupport.ChildJvm;
import io.github.zmqlog.testsupport.EnabledIfPyZmq;
import io.github.zmqlog.testsupport.PyZmq;
import io.github.zmqlog.testsupport.PyZmqJson;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample application as {@code spring-boot:process-aot} leaves it (the build runs
 * that goal before the tests), run on the JVM with {@code -Dspring.aot.enabled=true} and
 * its runtime classpath only: its logs reach a PyZMQ subscriber and the actuator answers.
 * The same processing wrote the starter's hints into the native-image metadata.
 */
@Timeout(120)
class SampleAotTests {

	private static final Pattern HTTP_PORT = Pattern.compile("Tomcat started on port (\\d+)");

	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	@Test
	@EnabledIfPyZmq
	void aotProcessedApplicationPublishesToPyZmqAndAnswersOnTheEndpoint() throws Exception {
		assertThat(Path.of("target", "classes", "io", "github", "zmqlog", "sample",
				"SampleApplication__ApplicationContextInitializer.class"))
			.as("the AOT-processed initializer; process-aot runs in the process-test-classes phase")
			.exists();
		try (ChildJvm app = ChildJvm.start(runtimeClassPath(), List.of("-Dspring.aot.enabled=true"),
				SampleApplication.class, "--server.port=0", "--zmqlog.bind=tcp://127.0.0.1:*")) {
			app.awaitLine((line) -> line.contains("Starting AOT-processed SampleApplication"), START_TIMEOUT);
			Matcher started = HTTP_PORT.matcher(app.awaitLine((line) -> HTTP_PORT.matcher(line).find(), START_TIMEOUT));
			assertThat(started.find()).isTrue();
			Http http = new Http(Integer.parseInt(started.group(1)));
			JsonNode zmqlog = http.getJson("/actuator/zmqlog");
			assertThat(zmqlog.at("/attached").asBoolean()).isTrue();
			assertThat(zmqlog.at("/configuration/rootTopic").asString()).isEqualTo("sample");
			assertThat(http.getJson("/actuator/health/zmqlog").at("/status").asString()).isEqualTo("UP");
			String endpoint = zmqlog.at("/status/socket/boundEndpoints/0").asString();
			assertThat(endpoint).startsWith("tcp://127.0.0.1:");
			Process subscriber = PyZmq.script("sub.py", endpoint, "sample.INFO.heartbeat", "60");
			try {
				BlockingQueue<JsonNode> messages = PyZmqJson.lines(subscriber);
				// The heartbeat logs every second; the first that reaches the subscriber
				// after its subscription is enough.
				JsonNode message = messages.poll(30, TimeUnit.SECONDS);
				assertThat(message).as("a heartbeat at the PyZMQ subscriber").isNotNull();
				assertThat(message.at("/topic").asString()).isEqualTo("sample.INFO.heartbeat");
				assertThat(PyZmqJson.body(message)).matches("beat \\d+\n");
			}
			finally {
				subscriber.destroy();
			}
		}
	}

	@Test
	void processAotWroteTheStartersHintsIntoTheNativeImageMetadata() throws IOException {
		Path metadata = Path.of("target", "classes", "META-INF", "native-image", "io.github.zmqlog", "sample-app",
				"reachability-metadata.json");
		Map<String, JsonNode> reflection = new HashMap<>();
		new ObjectMapper().readTree(metadata.toFile())
			.get("reflection")
			.forEach((entry) -> reflection.put(entry.at("/type").asString(), entry));
		assertThat(reflection.get("io.github.zmqlog.logback.ZmqLogAppender").at("/allPublicMethods").asBoolean())
			.isTrue();
		assertThat(reflection.get("zmq.socket.pubsub.XPub").at("/fields").findValuesAsString("name"))
			.containsExactlyInAnyOrder("subscriptions", "dist");
		assertThat(reflection).containsKeys("zmq.socket.pubsub.Mtrie[]", "io.github.zmqlog.logback.ZmqLogStats$Queue",
				"io.github.zmqlog.autoconfigure.ZmqLogProperties$Curve");
	}

	private static String runtimeClassPath() throws IOException {
		String dependencies = Files.readString(Path.of("target", "runtime-classpath.txt")).trim();
		return Path.of("target", "classes").toAbsolutePath() + File.pathSeparator + dependencies;
	}

}

package io.github.zmqlog.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zeromq.ZMQ;
import tools.jackson.databind.JsonNode;

import io.github.zmqlog.logback.ZmqLogAppender;
import io.github.zmqlog.testsupport.TestSubscriber;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample with CURVE over real HTTP: an allowed subscriber receives, a stranger is
 * refused, and no key shows in health, {@code /actuator/zmqlog},
 * {@code /actuator/configprops}, {@code /actuator/env} (both with
 * {@code show-values=always}), metrics, or the logs.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "zmqlog.bind=tcp://127.0.0.1:*",
				"management.endpoints.web.exposure.include=health,metrics,zmqlog,env,configprops",
				"management.endpoint.env.show-values=always", "management.endpoint.configprops.show-values=always" })
@ExtendWith(OutputCaptureExtension.class)
@Timeout(60)
class SampleCurveTests {

	private static final ZMQ.Curve.KeyPair server = springSafeKeyPair();

	private static final ZMQ.Curve.KeyPair allowed = springSafeKeyPair();

	private static final ZMQ.Curve.KeyPair alsoAllowed = springSafeKeyPair();

	private static final ZMQ.Curve.KeyPair stranger = springSafeKeyPair();

	@Autowired
	private ZmqLogAppender appender;

	@LocalServerPort
	private int port;

	private Http http;

	@DynamicPropertySource
	static void keys(DynamicPropertyRegistry registry) {
		registry.add("zmqlog.curve.server-secret-key", () -> server.secretKey);
		registry.add("zmqlog.curve.server-public-key", () -> server.publicKey);
		registry.add("zmqlog.curve.allowed-client-keys", () -> allowed.publicKey + "," + alsoAllowed.publicKey);
	}

	@BeforeEach
	void http() {
		this.http = new Http(this.port);
	}

	@Test
	void allowedSubscriberReceivesAndNoKeyShowsAnywhere(CapturedOutput output) {
		String endpoint = this.appender.getStats().socket().boundEndpoints().get(0);
		try (TestSubscriber subscriber = new TestSubscriber(TestSubscriber.curve(server.publicKey, allowed), endpoint,
				"sample.WARN.orders");
				TestSubscriber refused = new TestSubscriber(TestSubscriber.curve(server.publicKey, stranger), endpoint,
						"")) {
			TestSubscriber.Message first = subscriber.awaitFirst(() -> this.http.log("warn", "orders::over CURVE"));
			assertThat(first.body()).contains("over CURVE");
			// Logging all the while, and the allowed subscriber receiving it, is what
			// makes
			// the stranger's silence mean something.
			long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			for (int round = 0; this.appender.getStats().curve().refusedClients() == 0; round++) {
				assertThat(System.nanoTime() - deadline).as("a refused client within 20 s").isNegative();
				this.http.log("warn", "orders::while refusing " + round);
				assertThat(refused.receive(Duration.ofMillis(20))).as("a message for the refused client").isNull();
				TestSubscriber.Message control = subscriber.receive(Duration.ofSeconds(10));
				assertThat(control).as("the allowed subscriber's message %d", round).isNotNull();
				assertThat(control.body()).contains("while refusing " + round);
			}
			assertThat(refused.receive(Duration.ofMillis(100))).as("a message for the refused client").isNull();
		}
		JsonNode zmqlog = this.http.getJson("/actuator/zmqlog");
		assertThat(zmqlog.at("/status/curve/enabled").asBoolean()).isTrue();
		assertThat(zmqlog.at("/status/curve/allowedClientKeys").asInt()).isEqualTo(2);
		assertThat(zmqlog.at("/status/curve/refusedClients").asLong()).isPositive();
		JsonNode health = this.http.getJson("/actuator/health/zmqlog");
		assertThat(health.at("/status").asString()).isEqualTo("UP");
		assertThat(health.at("/details/curve/allowedClientKeys").asInt()).isEqualTo(2);
		String configprops = this.http.get("/actuator/configprops").body();
		assertThat(configprops).contains("\"serverSecretKey\":\"******\"");
		String env = this.http.get("/actuator/env").body();
		assertThat(env).contains("zmqlog.curve.server-secret-key").contains("\"value\":\"******\"");
		// show-values=always really shows values that are not keys:
		assertThat(env).contains("\"management.endpoint.env.show-values\"");
		List<String> texts = new ArrayList<>(List.of(zmqlog.toString(), health.toString(), configprops, env,
				this.http.get("/actuator/env/zmqlog.curve.server-secret-key").body(), output.getAll()));
		JsonNode metrics = this.http.getJson("/actuator/metrics");
		for (JsonNode name : metrics.at("/names")) {
			if (name.asString().startsWith("zmqlog")) {
				texts.add(this.http.get("/actuator/metrics/" + name.asString()).body());
			}
		}
		for (ZMQ.Curve.KeyPair pair : List.of(server, allowed, alsoAllowed, stranger)) {
			for (String key : List.of(pair.publicKey, pair.secretKey)) {
				for (String text : texts) {
					assertThat(text).doesNotContain(key.substring(0, 20)).doesNotContain(key.substring(20));
				}
			}
		}
	}

	/**
	 * Spring resolves ${...} in property values: a key holding ${ would need escaping.
	 */
	private static ZMQ.Curve.KeyPair springSafeKeyPair() {
		ZMQ.Curve.KeyPair pair = ZMQ.Curve.generateKeyPair();
		while ((pair.publicKey + pair.secretKey).contains("${")) {
			pair = ZMQ.Curve.generateKeyPair();
		}
		return pair;
	}

}

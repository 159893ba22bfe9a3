package io.github.zmqlog.logback;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.ZMQ;
import tools.jackson.databind.JsonNode;

import io.github.zmqlog.testsupport.EnabledIfPyZmq;
import io.github.zmqlog.testsupport.PyZmq;
import io.github.zmqlog.testsupport.PyZmqJson;
import io.github.zmqlog.testsupport.TestSubscriber;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CURVE against libzmq: a PyZMQ SUB whose key is on the appender's allowlist receives
 * every event, decrypted; one with a key not on it is refused and receives nothing while
 * both the allowed PyZMQ client and a JeroMQ control subscriber receive the same events.
 */
@Timeout(90)
@EnabledIfPyZmq(curve = true)
class PyZmqCurveInteropTests {

	@Test
	void pyzmqClientWithAnAllowedKeyReceivesAndOneWithAnUnknownKeyDoesNot() throws Exception {
		ZMQ.Curve.KeyPair server = ZMQ.Curve.generateKeyPair();
		ZMQ.Curve.KeyPair python = ZMQ.Curve.generateKeyPair();
		ZMQ.Curve.KeyPair control = ZMQ.Curve.generateKeyPair();
		ZMQ.Curve.KeyPair stranger = ZMQ.Curve.generateKeyPair();
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> {
			appender.setRootTopic("app");
			appender.getCurve().setServerSecretKey(server.secretKey);
			appender.getCurve().setServerPublicKey(server.publicKey);
			appender.getCurve().addAllowedClientKey(python.publicKey + "," + control.publicKey);
		})) {
			assertThat(fixture.appender.isStarted()).as(fixture.errors().toString()).isTrue();
			Process allowedPython = curveSub(fixture.endpoint(), server, python);
			Process refusedPython = curveSub(fixture.endpoint(), server, stranger);
			try (TestSubscriber javaControl = new TestSubscriber(TestSubscriber.curve(server.publicKey, control),
					fixture.endpoint(), "app.WARN")) {
				BlockingQueue<JsonNode> allowedLines = PyZmqJson.lines(allowedPython);
				BlockingQueue<JsonNode> refusedLines = PyZmqJson.lines(refusedPython);
				// The slow joiner: ping until the allowed PyZMQ client reports one.
				JsonNode first = null;
				for (int i = 0; first == null && i < 200; i++) {
					fixture.logger.info("sync::ping");
					first = allowedLines.poll(100, TimeUnit.MILLISECONDS);
				}
				assertThat(first).as("a message at the allowed PyZMQ client within 20 s").isNotNull();
				assertThat(first.get("topic").asString()).isEqualTo("app.INFO.sync");
				javaControl.awaitSubscribed(fixture.logger, "app");
				long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
				while (fixture.appender.getStats().curve().refusedClients() == 0) {
					assertThat(System.nanoTime() - deadline).as("the unknown key refused within 20 s").isNegative();
					assertThat(javaControl.receive(Duration.ofMillis(20))).isNull();
				}
				while (allowedLines.poll(300, TimeUnit.MILLISECONDS) != null) {
					// late pings
				}
				for (int i = 0; i < 20; i++) {
					fixture.logger.warn("confidential {}", i);
					assertThat(javaControl.receive(Duration.ofSeconds(10)).body()).contains("confidential " + i);
				}
				for (int i = 0; i < 20; i++) {
					JsonNode message = allowedLines.poll(10, TimeUnit.SECONDS);
					assertThat(message).as("message %d at the allowed PyZMQ client", i).isNotNull();
					assertThat(message.get("frames").asInt()).isEqualTo(2);
					assertThat(message.get("topic").asString()).isEqualTo("app.WARN");
					assertThat(PyZmqJson.body(message)).contains(" - confidential " + i + "\n");
				}
				assertThat(refusedLines.poll(500, TimeUnit.MILLISECONDS)).as("a message at the refused client")
					.isNull();
				assertThat(refusedLines).isEmpty();
				assertThat(refusedPython.isAlive()).as("the refused client still running, so it could have received")
					.isTrue();
			}
			finally {
				allowedPython.destroy();
				refusedPython.destroy();
			}
		}
	}

	private static Process curveSub(String endpoint, ZMQ.Curve.KeyPair server, ZMQ.Curve.KeyPair client)
			throws java.io.IOException {
		return PyZmq.script(Map.of("ZMQLOG_SERVER_KEY", server.publicKey, "ZMQLOG_PUBLIC_KEY", client.publicKey,
				"ZMQLOG_SECRET_KEY", client.secretKey), "curve_sub.py", endpoint, "", "60");
	}

}

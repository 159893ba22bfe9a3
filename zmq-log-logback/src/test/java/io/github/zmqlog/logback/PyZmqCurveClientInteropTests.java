package io.github.zmqlog.logback;

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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The appender as a CURVE client of libzmq: a PyZMQ SUB bound as a CURVE server, with
 * {@code zmq.auth}'s thread authenticator admitting one client key, receives the events
 * of the appender that connects with that key, and none of an appender with another key.
 */
@Timeout(90)
@EnabledIfPyZmq(curve = true)
class PyZmqCurveClientInteropTests {

	@Test
	void aPyZmqCurveServerReceivesTheAllowedAppenderAndNotAStranger() throws Exception {
		ZMQ.Curve.KeyPair server = ZMQ.Curve.generateKeyPair();
		ZMQ.Curve.KeyPair instance = ZMQ.Curve.generateKeyPair();
		ZMQ.Curve.KeyPair stranger = ZMQ.Curve.generateKeyPair();
		Process python = PyZmq.script(Map.of("ZMQLOG_PUBLIC_KEY", server.publicKey, "ZMQLOG_SECRET_KEY",
				server.secretKey, "ZMQLOG_ALLOWED_KEY", instance.publicKey), "curve_server_sub.py", "", "60");
		try {
			BlockingQueue<JsonNode> lines = PyZmqJson.lines(python);
			JsonNode port = lines.poll(20, TimeUnit.SECONDS);
			assertThat(port).as("the PyZMQ server's port").isNotNull();
			String endpoint = "tcp://127.0.0.1:" + port.get("port").asInt();
			try (AppenderFixture allowed = AppenderFixture.start("allowed",
					ZmqLogAppenderCurveClientTests.client(endpoint, instance, server.publicKey)
						.andThen((a) -> a.setRootTopic("allowed")));
					AppenderFixture refused = AppenderFixture.start("refused",
							ZmqLogAppenderCurveClientTests.client(endpoint, stranger, server.publicKey)
								.andThen((a) -> a.setRootTopic("refused")))) {
				assertThat(allowed.appender.isStarted()).as(allowed.errors().toString()).isTrue();
				assertThat(refused.appender.isStarted()).as(refused.errors().toString()).isTrue();
				JsonNode first = null;
				for (int i = 0; first == null && i < 200; i++) {
					allowed.logger.info("sync ping");
					refused.logger.info("sync ping");
					first = lines.poll(100, TimeUnit.MILLISECONDS);
				}
				assertThat(first).as("a message at the PyZMQ CURVE server within 20 s").isNotNull();
				assertThat(first.get("topic").asString()).isEqualTo("allowed.INFO");
				for (int i = 0; i < 20; i++) {
					allowed.logger.warn("encrypted {}", i);
					refused.logger.warn("encrypted {}", i);
				}
				int received = 0;
				while (received < 20) {
					JsonNode message = lines.poll(10, TimeUnit.SECONDS);
					assertThat(message).as("message %d at the PyZMQ server", received).isNotNull();
					assertThat(message.get("topic").asString()).startsWith("allowed.");
					if (message.get("topic").asString().equals("allowed.WARN")) {
						assertThat(message.get("frames").asInt()).isEqualTo(2);
						assertThat(PyZmqJson.body(message)).contains("encrypted " + received + "\n");
						received++;
					}
				}
				JsonNode late;
				while ((late = lines.poll(500, TimeUnit.MILLISECONDS)) != null) {
					assertThat(late.get("topic").asString()).as("a message from the refused appender")
						.startsWith("allowed.");
				}
				assertThat(python.isAlive()).as("the PyZMQ server still running, so it could have received").isTrue();
				ZmqLogStats.Counts counts = AppenderStats.settled(refused.appender);
				assertThat(counts.sent() + counts.droppedTotal()).isEqualTo(counts.enqueued());
			}
		}
		finally {
			python.destroy();
		}
	}

}

package io.github.zmqlog.sample;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import tools.jackson.databind.JsonNode;

import io.github.zmqlog.logback.ZmqLogAppender;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes to {@code /actuator/zmqlog} once access is granted.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "zmqlog.bind=tcp://127.0.0.1:*", "management.endpoint.zmqlog.access=unrestricted" })
@Timeout(60)
class SampleActuatorWriteTests {

	private final ZContext zmq = new ZContext(1);

	@Autowired
	private ZmqLogAppender appender;

	@LocalServerPort
	private int port;

	@AfterEach
	void close() {
		this.appender.setRootTopic("sample");
		this.zmq.close();
	}

	@Test
	void writeChangesTheRootTopicAndTheSubscriberSeesIt() {
		Http http = new Http(this.port);
		String endpoint = this.appender.getStats().socket().boundEndpoints().get(0);
		ZMQ.Socket subscriber = Subscribers.subscribe(this.zmq, endpoint, "renamed.WARN.rename");
		JsonNode response = new tools.jackson.databind.ObjectMapper()
			.readTree(http.postJson("/actuator/zmqlog", "{\"rootTopic\":\"renamed\"}").body());
		assertThat(response.at("/configuration/rootTopic").asString()).isEqualTo("renamed");
		subscriber.setReceiveTimeOut(100);
		String topic = null;
		for (int i = 0; topic == null && i < 200; i++) {
			http.log("warn", "rename::after the rename");
			topic = subscriber.recvStr();
		}
		assertThat(topic).isEqualTo("renamed.WARN.rename");
		assertThat(subscriber.recvStr()).endsWith(" - after the rename\n");
	}

}

package io.github.zmqlog.sample;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import io.github.zmqlog.logback.ZmqLogAppender;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample application, on a random HTTP port and a free ZeroMQ port, with a real SUB.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "zmqlog.bind=tcp://127.0.0.1:*")
@Timeout(60)
class SampleApplicationTests {

	private final ZContext zmq = new ZContext(1);

	@Autowired
	private ZmqLogAppender appender;

	@LocalServerPort
	private int port;

	private Http http;

	@BeforeEach
	void http() {
		this.http = new Http(this.port);
	}

	@AfterEach
	void close() {
		this.zmq.close();
	}

	@Test
	void heartbeatArrivesWithItsSubtopic() {
		ZMQ.Socket subscriber = subscribe("sample.INFO.heartbeat");
		subscriber.setReceiveTimeOut(10_000);
		assertThat(subscriber.recvStr()).isEqualTo("sample.INFO.heartbeat");
		assertThat(subscriber.recvStr()).matches("beat \\d+\n");
		assertThat(subscriber.hasReceiveMore()).isFalse();
	}

	@Test
	void loggedOverHttpArrivesOnlyAtAMatchingSubtopicPrefix() {
		ZMQ.Socket subscriber = subscribe("sample.WARN.orders");
		subscriber.setReceiveTimeOut(100);
		// The subscription reaches the publisher a moment after connecting: log until one
		// arrives.
		String topic = null;
		for (int i = 0; topic == null && i < 100; i++) {
			this.http.log("warn", "cart::not this one");
			this.http.log("warn", "orders.checkout::payment slow for order " + i);
			topic = subscriber.recvStr();
		}
		assertThat(topic).isEqualTo("sample.WARN.orders.checkout");
		assertThat(subscriber.recvStr()).matches("WARN LogController\\.java:\\d+ - payment slow for order \\d+\n");
	}

	@Test
	void badLevelIsRejected() {
		assertThat(this.http.log("loud", "x").statusCode()).isEqualTo(400);
	}

	private ZMQ.Socket subscribe(String prefix) {
		return Subscribers.subscribe(this.zmq, this.appender.getStats().socket().boundEndpoints().get(0), prefix);
	}

}

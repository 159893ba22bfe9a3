package io.github.zmqlog.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.github.zmqlog.logback.ZmqLogAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample application, on a random HTTP port and a free ZeroMQ port, with a real SUB.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "zmqlog.bind=tcp://127.0.0.1:*")
@Timeout(60)
class SampleApplicationTests {

	private final ZContext zmq = new ZContext(1);

	private final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	private ZmqLogAppender appender;

	@LocalServerPort
	private int port;

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
	void loggedOverHttpArrivesOnlyAtAMatchingSubtopicPrefix() throws Exception {
		ZMQ.Socket subscriber = subscribe("sample.WARN.orders");
		subscriber.setReceiveTimeOut(100);
		// The subscription reaches the publisher a moment after connecting: log until one arrives.
		String topic = null;
		for (int i = 0; topic == null && i < 100; i++) {
			post("warn", "cart::not this one");
			post("warn", "orders.checkout::payment slow for order " + i);
			topic = subscriber.recvStr();
		}
		assertThat(topic).isEqualTo("sample.WARN.orders.checkout");
		assertThat(subscriber.recvStr()).matches("WARN LogController\\.java:\\d+ - payment slow for order \\d+\n");
	}

	@Test
	void badLevelIsRejected() throws Exception {
		assertThat(post("loud", "x").statusCode()).isEqualTo(400);
	}

	/** What a Java subscriber needs: a SUB, a short handshake interval, a prefix, connect. */
	private ZMQ.Socket subscribe(String prefix) {
		ZMQ.Socket subscriber = this.zmq.createSocket(SocketType.SUB);
		subscriber.setHandshakeIvl(1000);
		subscriber.subscribe(prefix.getBytes(StandardCharsets.UTF_8));
		subscriber.connect(this.appender.getStats().boundEndpoints().get(0));
		return subscriber;
	}

	private HttpResponse<String> post(String level, String message) throws Exception {
		URI uri = URI.create("http://127.0.0.1:" + this.port + "/log?level=" + level + "&message="
				+ java.net.URLEncoder.encode(message, StandardCharsets.UTF_8));
		return this.http.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody())
			.timeout(Duration.ofSeconds(10))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}

package io.github.zmqlog.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
import tools.jackson.databind.JsonNode;

import io.github.zmqlog.logback.ZmqLogAppender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The health indicator, the {@code zmqlog} endpoint and the metrics, over real HTTP, with
 * a real SUB connected, and the sample's own configuration (endpoint read-only).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "zmqlog.bind=tcp://127.0.0.1:*", "zmqlog.levels.org.hibernate.SQL=error" })
@Timeout(60)
class SampleActuatorTests {

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
	void healthAndEndpointShowTheSubscriberAndItsSubscription() {
		ZMQ.Socket subscriber = subscribe("sample.WARN.orders");
		// A SUB sends its subscriptions when its own thread uses the socket: after
		// JeroMQ's
		// handshake stall (1 connection in ~20) it reconnects, and only a SUB being read
		// re-sends.
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			subscriber.recv(ZMQ.DONTWAIT);
			JsonNode zmqlog = this.http.getJson("/actuator/zmqlog");
			assertThat(zmqlog.at("/status/socket/subscribers").asInt()).isEqualTo(1);
			assertThat(zmqlog.at("/status/socket/subscriptions/sample.WARN.orders").asInt()).isEqualTo(1);
		});
		JsonNode zmqlog = this.http.getJson("/actuator/zmqlog");
		assertThat(zmqlog.at("/attached").asBoolean()).isTrue();
		assertThat(zmqlog.at("/configuration/rootTopic").asString()).isEqualTo("sample");
		assertThat(zmqlog.at("/status/publisher/threadState").asString()).isIn("TIMED_WAITING", "WAITING", "RUNNABLE");
		assertThat(zmqlog.at("/configuration/bind/0").asString()).isEqualTo("tcp://127.0.0.1:*");
		assertThat(zmqlog.at("/jeromqVersion").asString()).isEqualTo("0.6.0");
		assertThat(zmqlog.at("/configuration/loggerThresholds/org.hibernate.SQL").asString()).isEqualTo("ERROR");
		JsonNode health = this.http.getJson("/actuator/health/zmqlog");
		assertThat(health.at("/status").asString()).isEqualTo("UP");
		assertThat(health.at("/details/subscribers").asInt()).isEqualTo(1);
		assertThat(health.at("/details/endpoints/0").asString()).startsWith("tcp://127.0.0.1:");
	}

	@Test
	void countsGrowWithLoggedEvents() {
		ZMQ.Socket subscriber = subscribe("sample.ERROR.count");
		subscriber.setReceiveTimeOut(100);
		String first = null;
		for (int i = 0; first == null && i < 200; i++) {
			this.http.log("error", "count::sync");
			first = subscriber.recvStr();
			if (first != null) {
				subscriber.recvStr();
			}
		}
		while (subscriber.recvStr() != null) {
			subscriber.recvStr(); // late sync messages
		}
		long sentBefore = this.http.getJson("/actuator/health/zmqlog").at("/details/sent").asLong();
		double errorsBefore = metric("zmqlog.events.sent?tag=level:error");
		int events = 25;
		for (int i = 0; i < events; i++) {
			assertThat(this.http.log("error", "count::event " + i).statusCode()).isEqualTo(200);
		}
		subscriber.setReceiveTimeOut(10_000);
		for (int i = 0; i < events; i++) {
			assertThat(subscriber.recvStr()).isEqualTo("sample.ERROR.count");
			assertThat(subscriber.recvStr()).endsWith(" - event " + i + "\n");
		}
		long sentAfter = this.http.getJson("/actuator/health/zmqlog").at("/details/sent").asLong();
		assertThat(sentAfter - sentBefore).isGreaterThanOrEqualTo(events);
		JsonNode sentMetric = this.http.getJson("/actuator/metrics/zmqlog.events.sent");
		assertThat(sentMetric.at("/measurements/0/value").asDouble()).isGreaterThanOrEqualTo(sentAfter);
		// The heartbeat logs an ERROR of its own now and then.
		assertThat(metric("zmqlog.events.sent?tag=level:error") - errorsBefore).isGreaterThanOrEqualTo(events);
		assertThat(metric("zmqlog.events.sent?tag=level:error"))
			.isLessThanOrEqualTo(sentMetric.at("/measurements/0/value").asDouble());
	}

	@Test
	void sentAndDroppedAreTaggedWithTheLevel() {
		JsonNode sent = this.http.getJson("/actuator/metrics/zmqlog.events.sent");
		assertThat(tagValues(sent, "level")).containsExactlyInAnyOrder("trace", "debug", "info", "warn", "error");
		JsonNode dropped = this.http.getJson("/actuator/metrics/zmqlog.events.dropped");
		assertThat(tagValues(dropped, "level")).containsExactlyInAnyOrder("trace", "debug", "info", "warn", "error",
				"unknown");
		assertThat(this.http.get("/actuator/metrics/zmqlog.events.dropped?tag=reason:queue_full&tag=level:unknown")
			.statusCode()).isEqualTo(200);
	}

	private double metric(String nameAndTags) {
		return this.http.getJson("/actuator/metrics/" + nameAndTags).at("/measurements/0/value").asDouble();
	}

	private static List<String> tagValues(JsonNode metric, String tag) {
		for (JsonNode available : metric.at("/availableTags")) {
			if (tag.equals(available.at("/tag").asString())) {
				List<String> values = new ArrayList<>();
				available.at("/values").forEach((value) -> values.add(value.asString()));
				return values;
			}
		}
		return List.of();
	}

	@Test
	void metricsAppearUnderTheirNames() {
		assertThat(this.http.get("/actuator/metrics/zmqlog.events.sent").statusCode()).isEqualTo(200);
		JsonNode dropped = this.http.getJson("/actuator/metrics/zmqlog.events.dropped");
		assertThat(tagValues(dropped, "reason")).contains("queue_full", "paused");
		assertThat(this.http.get("/actuator/metrics/zmqlog.events.dropped?tag=reason:queue_full").statusCode())
			.isEqualTo(200);
		assertThat(this.http.get("/actuator/metrics/zmqlog.queue.size").statusCode()).isEqualTo(200);
		assertThat(this.http.get("/actuator/metrics/zmqlog.subscribers").statusCode()).isEqualTo(200);
		assertThat(this.http.get("/actuator/metrics/zmqlog.events.sent?tag=appender:zmqLogAppender").statusCode())
			.isEqualTo(200);
	}

	@Test
	void endpointDescribesTheAppenderUnderItsName() {
		JsonNode named = this.http.getJson("/actuator/zmqlog/zmqLogAppender");
		assertThat(named.at("/configuration/rootTopic").asString()).isEqualTo("sample");
		assertThat(named.at("/status/started").asBoolean()).isTrue();
		assertThat(this.http.get("/actuator/zmqlog/missing").statusCode()).isEqualTo(404);
	}

	@Test
	void writeIsRefusedWhenAccessWasNotGranted() {
		int status = this.http.postJson("/actuator/zmqlog", "{\"rootTopic\":\"hijacked\"}").statusCode();
		assertThat(status).isEqualTo(405);
		assertThat(this.appender.getRootTopic()).isEqualTo("sample");
	}

	private ZMQ.Socket subscribe(String prefix) {
		return Subscribers.subscribe(this.zmq, this.appender.getStats().socket().boundEndpoints().get(0), prefix);
	}

}

package io.github.zmqlog.sample;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code zmqlog.fail-fast=false}, a port in use lets the application start, and
 * health says why publishing is down; the Kubernetes probes, which hold only the
 * availability states, stay up unless {@code zmqlog} is added to a group on purpose.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "zmqlog.fail-fast=false", "management.endpoint.health.probes.enabled=true" })
@Timeout(60)
class SampleBindFailureTests {

	private static final ObjectMapper json = new ObjectMapper();

	private static ServerSocket taken;

	@LocalServerPort
	private int port;

	@Autowired
	private HealthEndpointGroups groups;

	@DynamicPropertySource
	static synchronized void takenPort(DynamicPropertyRegistry registry) throws IOException {
		// One port for this context and the nested one's.
		if (taken == null) {
			taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
		}
		registry.add("zmqlog.bind", () -> "tcp://127.0.0.1:" + taken.getLocalPort());
	}

	@AfterAll
	static void release() throws IOException {
		taken.close();
	}

	@Test
	void healthIsDownWithTheReason() {
		HttpResponse<String> response = new Http(this.port).get("/actuator/health/zmqlog");
		assertThat(response.statusCode()).isEqualTo(503);
		JsonNode health = json.readTree(response.body());
		assertThat(health.at("/status").asString()).isEqualTo("DOWN");
		assertThat(health.at("/details/reason").asString()).startsWith("not started: ")
			.endsWith("could not bind tcp://127.0.0.1:" + taken.getLocalPort() + ": Address already in use");
	}

	@Test
	void livenessAndReadinessStayUpWhileTheAggregateHealthIsDown() {
		Http http = new Http(this.port);
		assertThat(http.get("/actuator/health").statusCode()).isEqualTo(503);
		assertProbe(http.get("/actuator/health/liveness"), 200, "UP");
		assertProbe(http.get("/actuator/health/readiness"), 200, "UP");
		// The probe groups show no components: their members are read from the groups.
		assertThat(this.groups.get("liveness").isMember("livenessState")).isTrue();
		assertThat(this.groups.get("readiness").isMember("readinessState")).isTrue();
		assertThat(this.groups.get("liveness").isMember("zmqlog")).isFalse();
		assertThat(this.groups.get("readiness").isMember("zmqlog")).isFalse();
	}

	private static JsonNode assertProbe(HttpResponse<String> response, int statusCode, String status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(statusCode);
		JsonNode health = json.readTree(response.body());
		assertThat(health.at("/status").asString()).isEqualTo(status);
		return health;
	}

	/**
	 * {@code zmqlog} added to the readiness group, and a group of everything else, as the
	 * README shows: a failed bind takes readiness down; liveness and the other group stay
	 * up.
	 */
	@Nested
	@TestPropertySource(properties = { "management.endpoint.health.group.readiness.include=readinessState,zmqlog",
			"management.endpoint.health.group.lb.include=*", "management.endpoint.health.group.lb.exclude=zmqlog" })
	class WithZmqLogInTheReadinessGroup {

		@LocalServerPort
		private int port;

		@Test
		void readinessIsDownWithTheReasonAndLivenessStaysUp() {
			Http http = new Http(this.port);
			JsonNode readiness = assertProbe(http.get("/actuator/health/readiness"), 503, "DOWN");
			assertThat(readiness.at("/components").propertyNames()).containsExactlyInAnyOrder("readinessState",
					"zmqlog");
			assertThat(readiness.at("/components/readinessState/status").asString()).isEqualTo("UP");
			assertThat(readiness.at("/components/zmqlog/status").asString()).isEqualTo("DOWN");
			assertThat(readiness.at("/components/zmqlog/details/reason").asString()).startsWith("not started: ");
			assertProbe(http.get("/actuator/health/liveness"), 200, "UP");
		}

		@Test
		void aGroupOfEverythingButZmqLogStaysUp() {
			JsonNode lb = assertProbe(new Http(this.port).get("/actuator/health/lb"), 200, "UP");
			assertThat(lb.at("/components").propertyNames()).contains("livenessState", "readinessState")
				.doesNotContain("zmqlog");
		}

	}

}

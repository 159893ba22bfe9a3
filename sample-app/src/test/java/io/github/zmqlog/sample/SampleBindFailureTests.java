package io.github.zmqlog.sample;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code zmqlog.fail-fast=false}, a port in use lets the application start, and
 * health says why publishing is down.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "zmqlog.fail-fast=false")
@Timeout(60)
class SampleBindFailureTests {

	private static ServerSocket taken;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void takenPort(DynamicPropertyRegistry registry) throws IOException {
		taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
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
		JsonNode health = new tools.jackson.databind.ObjectMapper().readTree(response.body());
		assertThat(health.at("/status").asString()).isEqualTo("DOWN");
		assertThat(health.at("/details/reason").asString()).startsWith("not started: ")
			.endsWith("could not bind tcp://127.0.0.1:" + taken.getLocalPort() + ": Address already in use");
	}

}

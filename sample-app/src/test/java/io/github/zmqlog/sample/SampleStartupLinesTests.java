package io.github.zmqlog.sample;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import io.github.zmqlog.testsupport.ChildJvm;
import io.github.zmqlog.testsupport.EnabledIfPyZmq;
import io.github.zmqlog.testsupport.PyZmq;
import io.github.zmqlog.testsupport.PyZmqJson;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A PyZMQ subscriber that waits on a fixed endpoint before the sample application starts
 * receives every line the application logs from "Starting SampleApplication" on, as its
 * console shows them: the publisher starts as soon as Spring Boot has initialised
 * logging, and holds the first lines until the subscription arrives.
 */
@Timeout(120)
@EnabledIfPyZmq
class SampleStartupLinesTests {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	/**
	 * Marks the console's log lines, apart from the banner, and shows the message alone.
	 */
	private static final String CONSOLE = "CONSOLE|";

	@Test
	void aWatcherThatWaitedReceivesEveryLineTheConsoleShowsFromTheFirst() throws Exception {
		String endpoint = "tcp://127.0.0.1:" + freePort();
		Process subscriber = PyZmq.script("sub.py", endpoint, "", "90");
		try {
			awaitReady(subscriber);
			BlockingQueue<JsonNode> messages = PyZmqJson.lines(subscriber);
			List<String> console = new ArrayList<>();
			List<String> received = new ArrayList<>();
			try (ChildJvm app = ChildJvm.start(runtimeClassPath(), List.of(), SampleApplication.class,
					"--server.port=0", "--zmqlog.bind=" + endpoint, "--zmqlog.pattern=%msg%n",
					"--logging.pattern.console=" + CONSOLE + "%msg%n")) {
				String line;
				do {
					line = app.awaitLine((candidate) -> candidate.startsWith(CONSOLE), START_TIMEOUT);
					console.add(line.substring(CONSOLE.length()));
				}
				while (!line.contains("Started SampleApplication"));
				while (received.size() < console.size()) {
					JsonNode message = messages.poll(30, TimeUnit.SECONDS);
					assertThat(message)
						.as("message %d of the %d the console showed, after %s", received.size() + 1, console.size(),
								received)
						.isNotNull();
					received.add(PyZmqJson.body(message).stripTrailing());
				}
			}
			assertThat(console.get(0)).startsWith("Starting SampleApplication using Java");
			assertThat(console).anyMatch((text) -> text.startsWith("No active profile set"))
				.anyMatch((text) -> text.startsWith("Tomcat initialized with port"));
			// Two threads logging at once may reach the console and the publisher in
			// different orders; the events are the same.
			assertThat(received).containsExactlyInAnyOrderElementsOf(console);
			assertThat(received.get(0)).isEqualTo(console.get(0));
		}
		finally {
			subscriber.destroy();
		}
	}

	private static void awaitReady(Process subscriber) throws IOException {
		BufferedReader errors = new BufferedReader(
				new InputStreamReader(subscriber.getErrorStream(), StandardCharsets.UTF_8));
		String line = errors.readLine();
		assertThat(line).as("the PyZMQ subscriber's first line on stderr").isEqualTo("READY");
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static String runtimeClassPath() throws IOException {
		String dependencies = Files.readString(Path.of("target", "runtime-classpath.txt")).trim();
		return Path.of("target", "classes").toAbsolutePath() + File.pathSeparator + dependencies;
	}

}

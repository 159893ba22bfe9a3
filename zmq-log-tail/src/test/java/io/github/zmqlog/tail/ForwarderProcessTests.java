package io.github.zmqlog.tail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.ZMQ;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import io.github.zmqlog.testsupport.ChildJvm;
import io.github.zmqlog.testsupport.TestSubscriber;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code zmq-log-tail proxy} as a process: CURVE on both sides from key files,
 * {@code --stats} lines (text and JSON) that follow real traffic, no key in anything it
 * prints, and a clean end on SIGTERM.
 */
@Timeout(120)
class ForwarderProcessTests {

	private static final ZMQ.Curve.KeyPair instance = ZMQ.Curve.generateKeyPair();

	private static final ZMQ.Curve.KeyPair watcher = ZMQ.Curve.generateKeyPair();

	private static final ZMQ.Curve.KeyPair stranger = ZMQ.Curve.generateKeyPair();

	@TempDir
	Path dir;

	@Test
	void jsonStatsCountTrafficAndRefusalsAndNoKeyIsPrinted() throws Exception {
		Path frontKeyFile = this.dir.resolve("frontend.key_secret");
		Path backKeyFile = this.dir.resolve("backend.key_secret");
		String frontendKey = ForwarderCurveTests.keygen(frontKeyFile);
		String backendKey = ForwarderCurveTests.keygen(backKeyFile);
		Path instances = this.dir.resolve("instances.allowed");
		Files.writeString(instances, instance.publicKey + "\n");
		Path watchers = this.dir.resolve("watchers.allowed");
		Files.writeString(watchers, "public-key = \"" + watcher.publicKey + "\"\n");
		String frontend = "tcp://127.0.0.1:" + io.github.zmqlog.testsupport.Faults.freePort();
		String backend = "tcp://127.0.0.1:" + io.github.zmqlog.testsupport.Faults.freePort();
		try (ChildJvm proxy = ChildJvm.start(ZmqLogTail.class, "proxy", "--frontend", frontend, "--backend", backend,
				"--frontend-key-file", frontKeyFile.toString(), "--frontend-allowed-keys-file", instances.toString(),
				"--backend-key-file", backKeyFile.toString(), "--backend-allowed-keys-file", watchers.toString(),
				"--stats", "200ms", "--json")) {
			assertThat(
					proxy.awaitErrorLine((line) -> line.startsWith("zmq-log-tail: forwarding"), Duration.ofSeconds(30)))
				.isEqualTo("zmq-log-tail: forwarding " + frontend + " (CURVE, 1 allowed keys) -> " + backend
						+ " (CURVE, 1 allowed keys)");
			try (Pinger allowed = new Pinger(frontend, "fleet.INFO", frontendKey, instance);
					Pinger intruder = new Pinger(frontend, "intruder.INFO", frontendKey, stranger);
					TestSubscriber sub = new TestSubscriber(TestSubscriber.curve(backendKey, watcher), backend,
							"fleet");
					TestSubscriber refused = new TestSubscriber(TestSubscriber.curve(backendKey, stranger), backend,
							"")) {
				assertThat(sub.receive(20, Duration.ofSeconds(20))).hasSize(20);
				ObjectMapper json = new ObjectMapper();
				String line = proxy.awaitErrorLine((l) -> {
					if (!l.startsWith("{")) {
						return false;
					}
					JsonNode stats = json.readTree(l);
					return stats.get("forwarded").asLong() >= 20 && stats.get("refusedInstances").asLong() >= 1
							&& stats.get("refusedWatchers").asLong() >= 1 && stats.get("watchers").asLong() >= 1
							&& stats.get("instances").asLong() >= 1;
				}, Duration.ofSeconds(30));
				JsonNode stats = json.readTree(line);
				assertThat(stats.get("subscriptions").asLong()).as("one prefix, 'fleet'").isEqualTo(1);
				assertThat(stats.get("forwarded").asLong()).isLessThanOrEqualTo(allowed.sent());
			}
			assertThat(proxy.terminate(Duration.ofSeconds(10))).isTrue();
			String printed = String.join("\n", proxy.errors());
			for (String key : List.of(ForwarderCurveTests.secretKey(frontKeyFile),
					ForwarderCurveTests.secretKey(backKeyFile), instance.secretKey, watcher.secretKey)) {
				assertThat(printed).doesNotContain(key);
			}
			assertThat(proxy.errors()).noneMatch((l) -> l.contains("Exception"));
		}
	}

	@Test
	void textStatsFollowTrafficAndSigtermEndsCleanly() throws Exception {
		String frontend = "tcp://127.0.0.1:" + io.github.zmqlog.testsupport.Faults.freePort();
		String backend = "tcp://127.0.0.1:" + io.github.zmqlog.testsupport.Faults.freePort();
		try (ChildJvm proxy = ChildJvm.start(ZmqLogTail.class, "proxy", "--frontend", frontend, "--backend", backend,
				"--stats", "200ms")) {
			proxy.awaitErrorLine((line) -> line.equals("zmq-log-tail: forwarding " + frontend + " -> " + backend),
					Duration.ofSeconds(30));
			try (Pinger one = new Pinger(frontend, "orders.INFO", null, null);
					Pinger two = new Pinger(frontend, "billing.WARN", null, null);
					TestSubscriber orders = new TestSubscriber(backend, "orders");
					TestSubscriber billing = new TestSubscriber(backend, "billing.WARN")) {
				assertThat(orders.receive(10, Duration.ofSeconds(20))).hasSize(10);
				assertThat(billing.receive(10, Duration.ofSeconds(20))).hasSize(10);
				String line = proxy.awaitErrorLine((l) -> l.matches(
						"zmq-log-tail: instances=2 watchers=2 forwarded=(\\d{2,}) subscriptions=2 refused-instances=0 refused-watchers=0 failed-handshakes-instances=0 failed-handshakes-watchers=0"),
						Duration.ofSeconds(30));
				assertThat(line).isNotNull();
			}
			long start = System.nanoTime();
			assertThat(proxy.terminate(Duration.ofSeconds(10))).isTrue();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
			assertThat(proxy.errors()).allMatch((l) -> l.startsWith("zmq-log-tail: "));
		}
	}

	@Test
	void aSecretKeyOnTheCommandLineIsRefusedWithoutShowingIt() throws Exception {
		try (ChildJvm proxy = ChildJvm.start(ZmqLogTail.class, "proxy", "--frontend", "tcp://127.0.0.1:0", "--backend",
				"tcp://127.0.0.1:0", "--frontend-secret-key", stranger.secretKey)) {
			String line = proxy.awaitErrorLine((l) -> l.startsWith("zmq-log-tail: "), Duration.ofSeconds(30));
			assertThat(line).contains("takes no secret key on the command line")
				.contains("--frontend-key-file FILE or ZMQLOG_FRONTEND_SECRET_KEY");
			assertThat(proxy.terminate(Duration.ofSeconds(10))).isTrue();
			assertThat(String.join("\n", proxy.errors())).doesNotContain(stranger.secretKey);
		}
	}

}

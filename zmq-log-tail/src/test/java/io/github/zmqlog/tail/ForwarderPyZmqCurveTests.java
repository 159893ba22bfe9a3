package io.github.zmqlog.tail;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.ZMQ;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import io.github.zmqlog.testsupport.EnabledIfPyZmq;
import io.github.zmqlog.testsupport.PyZmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * libzmq (PyZMQ) against the forwarder's CURVE sides: a PyZMQ CURVE SUB on the backend
 * receives what an instance publishes into the frontend, while one with an unknown key
 * gets nothing and is counted; PyZMQ's own {@code PUBHandler}, its socket a CURVE client
 * of the frontend, reaches our watcher, a CURVE client of the backend.
 */
@Timeout(120)
@EnabledIfPyZmq(curve = true)
class ForwarderPyZmqCurveTests {

	private static final ZMQ.Curve.KeyPair instance = ZMQ.Curve.generateKeyPair();

	private static final ZMQ.Curve.KeyPair pyWatcher = ZMQ.Curve.generateKeyPair();

	private static final ZMQ.Curve.KeyPair stranger = ZMQ.Curve.generateKeyPair();

	@TempDir
	Path dir;

	private final List<Process> processes = new ArrayList<>();

	private Forwarder forwarder;

	@AfterEach
	void stop() throws Exception {
		for (Process process : this.processes) {
			process.destroy();
			process.waitFor(10, TimeUnit.SECONDS);
		}
		if (this.forwarder != null) {
			assertThat(this.forwarder.stop(Duration.ofSeconds(5))).isTrue();
		}
	}

	@Test
	void pyzmqCurveSubOnTheBackendReceivesWhatAnInstancePublishesAndAnUnknownKeyGetsNothing() throws Exception {
		Path backKeyFile = this.dir.resolve("backend.key_secret");
		String backendKey = ForwarderCurveTests.keygen(backKeyFile);
		String[] endpoints = start("--backend-key-file", backKeyFile.toString(), "--backend-allowed-key",
				pyWatcher.publicKey);
		try (Pinger pinger = new Pinger(endpoints[0], "orders.INFO", null, null)) {
			Process allowed = curveSub(endpoints[1], backendKey, pyWatcher, "orders", "60");
			// Ends by itself after 5 s, having printed whatever it received.
			Process unknown = curveSub(endpoints[1], backendKey, stranger, "", "5");
			BufferedReader lines = new BufferedReader(
					new InputStreamReader(allowed.getInputStream(), StandardCharsets.UTF_8));
			ObjectMapper json = new ObjectMapper();
			for (int i = 0; i < 5; i++) {
				String line = lines.readLine();
				assertThat(line).as("message %d", i).isNotNull();
				JsonNode message = json.readTree(line);
				assertThat(message.get("topic").asString()).isEqualTo("orders.INFO");
				assertThat(new String(Base64.getDecoder().decode(message.get("body_b64").asString()),
						StandardCharsets.UTF_8))
					.startsWith("ping ");
			}
			await().atMost(Duration.ofSeconds(30)).until(() -> this.forwarder.stats().refusedWatchers() >= 1);
			assertThat(unknown.waitFor(30, TimeUnit.SECONDS)).isTrue();
			assertThat(new String(unknown.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEmpty();
			// The allowed one received all the while.
			long before = pinger.sent();
			String line;
			do {
				line = lines.readLine();
				assertThat(line).isNotNull();
			}
			while (!json.readTree(line)
				.get("body_b64")
				.asString()
				.equals(Base64.getEncoder().encodeToString(("ping " + (before + 1)).getBytes(StandardCharsets.UTF_8))));
		}
	}

	@Test
	void pubHandlerAsACurveClientOfTheFrontendReachesOurCurveWatcher() throws Exception {
		Path frontKeyFile = this.dir.resolve("frontend.key_secret");
		Path backKeyFile = this.dir.resolve("backend.key_secret");
		Path watcherKeyFile = this.dir.resolve("watcher.key_secret");
		String frontendKey = ForwarderCurveTests.keygen(frontKeyFile);
		String backendKey = ForwarderCurveTests.keygen(backKeyFile);
		String watcherKey = ForwarderCurveTests.keygen(watcherKeyFile);
		String[] endpoints = start("--frontend-key-file", frontKeyFile.toString(), "--frontend-allowed-key",
				instance.publicKey, "--backend-key-file", backKeyFile.toString(), "--backend-allowed-key", watcherKey);
		Process python = PyZmq.script(keys(frontendKey, instance), "curve_pubhandler.py", endpoints[0], "pyapp", "60");
		this.processes.add(python);
		assertThat(
				new BufferedReader(new InputStreamReader(python.getErrorStream(), StandardCharsets.UTF_8)).readLine())
			.isEqualTo("CONNECTED");
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		Watcher watcher = new Watcher(
				TailOptions.parse(Map.of(), "-t", "pyapp.WARNING.clock", "--count", "3", "--seconds", "60",
						"--curve-server-key", backendKey, "--curve-key-file", watcherKeyFile.toString(), endpoints[1]),
				new PrintStream(output, true, StandardCharsets.UTF_8), false);
		assertThat(CompletableFuture.supplyAsync(watcher::run).get(60, TimeUnit.SECONDS)).isEqualTo(3);
		assertThat(output.toString(StandardCharsets.UTF_8).lines().toList()).hasSize(3)
			.allMatch((l) -> l.matches("pyapp\\.WARNING\\.clock \\| WARNING \\S+\\.py:\\d+ - tock \\d+"));
		assertThat(this.forwarder.stats().refusedInstances()).isZero();
	}

	private String[] start(String... curve) throws Exception {
		List<String> args = new ArrayList<>(
				List.of("--frontend", "tcp://127.0.0.1:*", "--backend", "tcp://127.0.0.1:*"));
		args.addAll(List.of(curve));
		this.forwarder = new Forwarder(ProxyOptions.parse(Map.of(), args.toArray(String[]::new)), 0);
		CompletableFuture.runAsync(this.forwarder::run);
		return this.forwarder.awaitReady(Duration.ofSeconds(10));
	}

	private Process curveSub(String endpoint, String serverKey, ZMQ.Curve.KeyPair keys, String prefix, String seconds)
			throws Exception {
		Process process = PyZmq.script(keys(serverKey, keys), "curve_sub.py", endpoint, prefix, seconds);
		this.processes.add(process);
		assertThat(
				new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)).readLine())
			.isEqualTo("READY");
		return process;
	}

	private static Map<String, String> keys(String serverKey, ZMQ.Curve.KeyPair keys) {
		return Map.of("ZMQLOG_SERVER_KEY", serverKey, "ZMQLOG_PUBLIC_KEY", keys.publicKey, "ZMQLOG_SECRET_KEY",
				keys.secretKey);
	}

}

package io.github.zmqlog.tail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.ZMQ;

import io.github.zmqlog.testsupport.TestSubscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The forwarder as a CURVE server on both sides, each with its own allowlist: an allowed
 * instance reaches an allowed watcher ({@code zmq-log-tail} as a CURVE client of the
 * backend); a client with an unknown key, or none, on either side gets nothing through,
 * and the refusals are counted.
 */
@Timeout(90)
class ForwarderCurveTests {

	private static final ZMQ.Curve.KeyPair instance = ZMQ.Curve.generateKeyPair();

	private static final ZMQ.Curve.KeyPair stranger = ZMQ.Curve.generateKeyPair();

	@TempDir
	Path dir;

	private final List<AutoCloseable> closing = new ArrayList<>();

	private Forwarder forwarder;

	private String frontend;

	private String backend;

	private String frontendKey;

	private String backendKey;

	private Path watcherKeyFile;

	@AfterEach
	void stop() throws Exception {
		for (int i = this.closing.size() - 1; i >= 0; i--) {
			this.closing.get(i).close();
		}
		if (this.forwarder != null) {
			assertThat(this.forwarder.stop(Duration.ofSeconds(5))).isTrue();
		}
	}

	@Test
	void anAllowedInstanceReachesAnAllowedWatcherThroughBothCurveSides() throws Exception {
		startForwarder();
		this.closing.add(new Pinger(this.frontend, "fleet.INFO", this.frontendKey, instance));
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		Watcher watcher = new Watcher(
				TailOptions.parse(Map.of(), "-t", "fleet", "--count", "3", "--seconds", "30", "--curve-server-key",
						this.backendKey, "--curve-key-file", this.watcherKeyFile.toString(), this.backend),
				new PrintStream(output, true, StandardCharsets.UTF_8), false);
		assertThat(watcher.run()).isEqualTo(3);
		assertThat(output.toString(StandardCharsets.UTF_8).lines().toList()).hasSize(3)
			.allMatch((line) -> line.matches("fleet\\.INFO \\| ping \\d+"));
		assertThat(this.forwarder.stats().refusedInstances()).isZero();
		assertThat(this.forwarder.stats().refusedWatchers()).isZero();
	}

	@Test
	void unknownKeysOrNoKeysOnEitherSideGetNothingThroughAndAreCounted() throws Exception {
		startForwarder();
		this.closing.add(new Pinger(this.frontend, "fleet.INFO", this.frontendKey, instance));
		this.closing.add(new Pinger(this.frontend, "intruder.INFO", this.frontendKey, stranger));
		this.closing.add(new Pinger(this.frontend, "plain.INFO", null, null));
		ZMQ.Curve.KeyPair watcherKeys = new ZMQ.Curve.KeyPair(CurveClientKeys.publicKey(this.watcherKeyFile.toString()),
				secretKey(this.watcherKeyFile));
		TestSubscriber control = new TestSubscriber(TestSubscriber.curve(this.backendKey, watcherKeys), this.backend,
				"");
		this.closing.add(control);
		TestSubscriber unknown = new TestSubscriber(TestSubscriber.curve(this.backendKey, stranger), this.backend, "");
		this.closing.add(unknown);
		TestSubscriber plain = new TestSubscriber(this.backend, "");
		this.closing.add(plain);
		// Each side refuses a client with an unknown key (ZAP) and fails the handshake of
		// one without CURVE.
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			ForwarderStats stats = this.forwarder.stats();
			return stats.refusedWatchers() >= 1 && stats.refusedInstances() >= 1
					&& stats.failedHandshakesWatchers() >= 1 && stats.failedHandshakesInstances() >= 1;
		});
		// The control receives all the while, which is what makes the others' silence
		// mean something.
		List<String> topics = new ArrayList<>();
		for (TestSubscriber.Message message : control.receive(50, Duration.ofSeconds(20))) {
			topics.add(message.topic());
		}
		assertThat(topics).hasSize(50).containsOnly("fleet.INFO");
		assertThat(unknown.receive(Duration.ofMillis(200))).isNull();
		assertThat(plain.receive(Duration.ofMillis(200))).isNull();
	}

	private void startForwarder() throws Exception {
		Path frontKeyFile = this.dir.resolve("frontend.key_secret");
		Path backKeyFile = this.dir.resolve("backend.key_secret");
		this.watcherKeyFile = this.dir.resolve("watcher.key_secret");
		this.frontendKey = keygen(frontKeyFile);
		this.backendKey = keygen(backKeyFile);
		String watcherPublic = keygen(this.watcherKeyFile);
		Path watchers = this.dir.resolve("watchers.allowed");
		Files.writeString(watchers, "# the watchers\n" + watcherPublic + "\n");
		ProxyOptions options = ProxyOptions.parse(Map.of(), "--frontend", "tcp://127.0.0.1:*", "--backend",
				"tcp://127.0.0.1:*", "--frontend-key-file", frontKeyFile.toString(), "--frontend-allowed-key",
				instance.publicKey, "--backend-key-file", backKeyFile.toString(), "--backend-allowed-keys-file",
				watchers.toString());
		this.forwarder = new Forwarder(options, 0);
		CompletableFuture.runAsync(this.forwarder::run);
		String[] endpoints = this.forwarder.awaitReady(Duration.ofSeconds(10));
		this.frontend = endpoints[0];
		this.backend = endpoints[1];
	}

	static String keygen(Path file) {
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		ZmqLogTail.keygen(new String[] { "keygen", "--out", file.toString() },
				new PrintStream(printed, true, StandardCharsets.UTF_8));
		return printed.toString(StandardCharsets.UTF_8).strip();
	}

	static String secretKey(Path file) throws Exception {
		return io.github.zmqlog.logback.curve.CurveKeys.read(file.toString(), true);
	}

}

package io.github.zmqlog.tail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.ZMQ;

import io.github.zmqlog.logback.ZmqLogAppender;
import io.github.zmqlog.logback.curve.CurveKeys;
import io.github.zmqlog.testsupport.TestSubscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The watcher as a CURVE client: keys from a {@code keygen} file or the environment,
 * checked, never shown; and receiving from an appender whose allowlist holds its key
 * while a watcher with another key receives nothing.
 */
@Timeout(60)
class CurveTailTests {

	private static final ZMQ.Curve.KeyPair server = ZMQ.Curve.generateKeyPair();

	@TempDir
	Path dir;

	@Test
	void keygenPrintsACertificateTheWatcherReads() throws IOException {
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		ZmqLogTail.keygen(new String[] { "keygen" }, new PrintStream(printed, true, StandardCharsets.UTF_8));
		Path file = this.dir.resolve("client.key_secret");
		Files.writeString(file, printed.toString(StandardCharsets.UTF_8));
		TailOptions options = TailOptions.parse(Map.of(), "--curve-server-key", server.publicKey, "--curve-key-file",
				file.toString(), "tcp://127.0.0.1:5556");
		assertThat(options.curve().serverKey()).isEqualTo(server.publicKey);
		assertThat(printed.toString(StandardCharsets.UTF_8)).contains("ZeroMQ CURVE **Secret** Certificate")
			.contains("public-key = \"" + options.curve().publicKey() + "\"")
			.contains("secret-key = \"" + options.curve().secretKey() + "\"");
		assertThat(options.toString()).doesNotContain(options.curve().secretKey())
			.doesNotContain(options.curve().publicKey());
	}

	@Test
	void keygenOutWritesAnOwnerOnlyFileAndPrintsThePublicKey() throws IOException {
		Path file = this.dir.resolve("watcher.key_secret");
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		ZmqLogTail.keygen(new String[] { "keygen", "--out", file.toString() },
				new PrintStream(printed, true, StandardCharsets.UTF_8));
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		String publicKey = printed.toString(StandardCharsets.UTF_8).strip();
		assertThat(publicKey).hasSize(40).isEqualTo(CurveClientKeys.publicKey(file.toString()));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ZmqLogTail.keygen(new String[] { "keygen", "--out", file.toString() }, System.out))
			.withMessageContaining("the file exists; not overwriting a key");
	}

	@Test
	void keysMayComeFromTheEnvironment() {
		ZMQ.Curve.KeyPair client = ZMQ.Curve.generateKeyPair();
		TailOptions options = TailOptions.parse(Map.of(CurveClientKeys.SERVER_KEY_ENV, server.publicKey,
				CurveClientKeys.PUBLIC_KEY_ENV, client.publicKey, CurveClientKeys.SECRET_KEY_ENV, client.secretKey),
				"tcp://127.0.0.1:5556");
		assertThat(options.curve())
			.isEqualTo(new CurveClientKeys(server.publicKey, client.publicKey, client.secretKey));
		assertThat(TailOptions.parse(Map.of(), "tcp://127.0.0.1:5556").curve()).isNull();
	}

	@Test
	void badKeysAreRejectedWithoutShowingThem() throws IOException {
		ZMQ.Curve.KeyPair client = ZMQ.Curve.generateKeyPair();
		ZMQ.Curve.KeyPair other = ZMQ.Curve.generateKeyPair();
		Map<String, String> pair = Map.of(CurveClientKeys.PUBLIC_KEY_ENV, client.publicKey,
				CurveClientKeys.SECRET_KEY_ENV, client.secretKey);
		// Client keys in the environment without a server key: no CURVE.
		assertThat(TailOptions.parse(pair, "tcp://127.0.0.1:5556").curve()).isNull();
		assertRejected(Map.of(), "a CURVE key is 40 Z85 characters, this one has 39", "--curve-server-key",
				server.publicKey.substring(1));
		assertRejected(Map.of(CurveClientKeys.PUBLIC_KEY_ENV, client.publicKey), "the secret key is missing",
				"--curve-server-key", server.publicKey);
		assertRejected(Map.of(), "the client public key does not belong to the client secret key", "--curve-server-key",
				server.publicKey, "--curve-public-key", other.publicKey, "--curve-secret-key", client.secretKey);
		assertRejected(Map.of(), "not Z85: character 1 ", "--curve-server-key", server.publicKey, "--curve-public-key",
				client.publicKey, "--curve-secret-key", "~" + client.secretKey.substring(1));
		assertRejected(pair, "CURVE works with a connecting watcher only", "--bind", "--curve-server-key",
				server.publicKey);
		assertRejected(Map.of(), "CURVE needs the server's public key", "--curve-public-key", client.publicKey,
				"--curve-secret-key", client.secretKey);
		String zeros = "0".repeat(40);
		assertRejected(Map.of(), "--curve-server-key: a weak key: ", "--curve-server-key", zeros, "--curve-public-key",
				client.publicKey, "--curve-secret-key", client.secretKey);
		String zeroPublicKey = CurveKeys.encode(CurveKeys.publicKeyOf(new byte[32]));
		assertRejected(Map.of(), "the client public key (--curve-public-key/--curve-secret-key): a weak key: ",
				"--curve-server-key", server.publicKey, "--curve-public-key", zeroPublicKey, "--curve-secret-key",
				zeros);
		assertRejected(Map.of(), "the client secret key (--curve-public-key/--curve-secret-key): a weak key: ",
				"--curve-server-key", server.publicKey, "--curve-public-key", client.publicKey, "--curve-secret-key",
				zeros);
		Path publicOnly = this.dir.resolve("public.key");
		Files.writeString(publicOnly, "curve\n    public-key = \"" + client.publicKey + "\"\n");
		assertRejected(Map.of(), "with a 'secret-key = \"...\"' line", "--curve-server-key", server.publicKey,
				"--curve-key-file", publicOnly.toString());
		assertThat(ZmqLogTail.redacted(new String[] { "--curve-secret-key", client.secretKey, "tcp://h:1" }))
			.isEqualTo("--curve-secret-key ****** tcp://h:1");
	}

	private static void assertRejected(Map<String, String> environment, String message, String... args) {
		String[] withEndpoint = java.util.stream.Stream
			.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("tcp://127.0.0.1:5556"))
			.toArray(String[]::new);
		assertThatIllegalArgumentException().isThrownBy(() -> TailOptions.parse(environment, withEndpoint))
			.withMessageContaining(message)
			.satisfies((ex) -> {
				for (String arg : withEndpoint) {
					if (arg.length() >= 39 && !arg.contains("/")) {
						assertThat(ex.getMessage()).doesNotContain(arg.substring(0, 20));
					}
				}
			});
	}

	@Test
	void watcherWithAnAllowedKeyReceivesAndOneWithAnotherKeyDoesNot() throws Exception {
		Path allowedFile = this.dir.resolve("allowed.key_secret");
		Path otherFile = this.dir.resolve("other.key_secret");
		ByteArrayOutputStream ignored = new ByteArrayOutputStream();
		ZmqLogTail.keygen(new String[] { "keygen", "--out", allowedFile.toString() }, new PrintStream(ignored));
		ZmqLogTail.keygen(new String[] { "keygen", "--out", otherFile.toString() }, new PrintStream(ignored));
		LoggerContext context = new LoggerContext();
		context.setMDCAdapter(new LogbackMDCAdapter());
		ZmqLogAppender appender = new ZmqLogAppender();
		appender.setContext(context);
		appender.setName("zmq");
		appender.setRootTopic("app");
		appender.addBind("tcp://127.0.0.1:*");
		appender.getCurve().setServerSecretKey(server.secretKey);
		appender.getCurve().setServerPublicKey(server.publicKey);
		appender.getCurve().addAllowedClientKey(CurveClientKeys.publicKey(allowedFile.toString()));
		ZMQ.Curve.KeyPair controlKeys = ZMQ.Curve.generateKeyPair();
		appender.getCurve().addAllowedClientKey(controlKeys.publicKey);
		appender.start();
		Logger logger = context.getLogger("curve");
		logger.setAdditive(false);
		logger.addAppender(appender);
		try {
			assertThat(appender.isStarted()).isTrue();
			String endpoint = appender.getStats().socket().boundEndpoints().get(0);
			ByteArrayOutputStream allowedOut = new ByteArrayOutputStream();
			ByteArrayOutputStream otherOut = new ByteArrayOutputStream();
			Watcher allowed = new Watcher(
					TailOptions.parse(Map.of(), "--count", "1", "-t", "app.WARN", "--curve-server-key",
							server.publicKey, "--curve-key-file", allowedFile.toString(), endpoint),
					new PrintStream(allowedOut, true, StandardCharsets.UTF_8), false);
			Watcher other = new Watcher(
					TailOptions.parse(Map.of(), "--curve-server-key", server.publicKey, "--curve-key-file",
							otherFile.toString(), endpoint),
					new PrintStream(otherOut, true, StandardCharsets.UTF_8), false);
			CompletableFuture<Long> allowedRun = CompletableFuture.supplyAsync(allowed::run);
			CompletableFuture<Long> otherRun = CompletableFuture.supplyAsync(other::run);
			long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			while (!allowedRun.isDone()) {
				assertThat(System.nanoTime() - deadline).as("a message within 20 s").isNegative();
				logger.warn("over CURVE");
				try {
					allowedRun.get(100, TimeUnit.MILLISECONDS);
				}
				catch (TimeoutException ex) {
					// not subscribed yet: log again
				}
			}
			assertThat(allowedRun.get()).isEqualTo(1);
			try (TestSubscriber control = new TestSubscriber(TestSubscriber.curve(server.publicKey, controlKeys),
					endpoint, "app.WARN")) {
				control.awaitSubscribed(logger, "app");
				// Logging all the while, and a control subscriber receiving it, is what
				// makes
				// the other watcher's silence mean something.
				long refusalDeadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
				for (int round = 0; round < 5 || appender.getStats().curve().refusedClients() == 0; round++) {
					assertThat(System.nanoTime() - refusalDeadline).as("a refused client within 20 s").isNegative();
					logger.warn("while refusing {}", round);
					TestSubscriber.Message message = control.receive(Duration.ofSeconds(10));
					assertThat(message).as("the control's message %d", round).isNotNull();
					assertThat(message.body()).contains("while refusing " + round);
				}
			}
			assertThat(other.stop(Duration.ofSeconds(5))).isTrue();
			assertThat(otherRun.get()).isZero();
			assertThat(otherOut.toString(StandardCharsets.UTF_8)).isEmpty();
			assertThat(allowedOut.toString(StandardCharsets.UTF_8).lines().toList()).singleElement()
				.asString()
				.matches("app\\.WARN \\| WARN CurveTailTests\\.java:\\d+ - over CURVE");
		}
		finally {
			appender.stop();
			context.stop();
		}
	}

}

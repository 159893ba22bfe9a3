package io.github.zmqlog.logback;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.ZAuth;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import io.github.zmqlog.logback.curve.CurveKeys;
import io.github.zmqlog.testsupport.TestSubscriber;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CURVE encryption and the client allowlist, with real JeroMQ sockets: who receives, who
 * does not, and how bad keys are reported (never quoting a key).
 */
@Timeout(90)
class ZmqLogAppenderCurveTests {

	private static final ZMQ.Curve.KeyPair server = ZMQ.Curve.generateKeyPair();

	private static final ZMQ.Curve.KeyPair allowed = ZMQ.Curve.generateKeyPair();

	private static final ZMQ.Curve.KeyPair stranger = ZMQ.Curve.generateKeyPair();

	@TempDir
	Path dir;

	@Test
	void allowedClientReceivesAndNoKeyOrUnknownKeyReceivesNothing() {
		try (AppenderFixture fixture = AppenderFixture.start("curve", curve(allowed.publicKey));
				TestSubscriber control = curveSubscriber(fixture, allowed);
				TestSubscriber noKey = new TestSubscriber(fixture.endpoint(), "");
				TestSubscriber unknownKey = curveSubscriber(fixture, stranger)) {
			assertThat(fixture.appender.isStarted()).as(fixture.errors().toString()).isTrue();
			control.awaitSubscribed(fixture.logger, "");
			assertThat(fixture.appender.getStats().curve().admittedClients()).isPositive();
			awaitRefusal(fixture, control, noKey, unknownKey);
			assertReceivesNothingWhileControlReceives(fixture, control, List.of(noKey, unknownKey));
		}
	}

	@Test
	void refusalsAreReportedWithoutKeys() {
		try (AppenderFixture fixture = AppenderFixture.start("curve", curve(allowed.publicKey));
				TestSubscriber control = curveSubscriber(fixture, allowed);
				TestSubscriber unknownKey = curveSubscriber(fixture, stranger)) {
			control.awaitSubscribed(fixture.logger, "");
			awaitRefusal(fixture, control, unknownKey);
			List<String> statuses = statuses(fixture.context);
			assertThat(statuses).anyMatch((s) -> s.startsWith("Refused a CURVE client from 127.0.0.1"));
			assertNoKeyIn(statuses);
		}
	}

	@Test
	void anyClientWithAValidHandshakeReceivesWhenAllowAnyClientIsSet() {
		try (AppenderFixture fixture = AppenderFixture.start("curve", (appender) -> {
			appender.getCurve().setServerSecretKey(server.secretKey);
			appender.getCurve().setServerPublicKey(server.publicKey);
			appender.getCurve().setAllowAnyClient(true);
		}); TestSubscriber anyKey = curveSubscriber(fixture, stranger)) {
			assertThat(fixture.appender.isStarted()).isTrue();
			anyKey.awaitSubscribed(fixture.logger, "");
			fixture.logger.warn("encrypted for anyone with a key pair");
			assertThat(anyKey.receive(Duration.ofSeconds(10)).body()).contains("encrypted for anyone");
		}
	}

	@Test
	void keysFromFilesAsBareKeysOrCertificates() throws IOException {
		Path secretCertificate = this.dir.resolve("server.key_secret");
		Files.writeString(secretCertificate, certificate(server, true));
		Path bareSecret = this.dir.resolve("server.secret");
		Files.writeString(bareSecret, "# the server's secret key\n" + server.secretKey + "\n");
		Path publicCertificate = this.dir.resolve("server.key");
		Files.writeString(publicCertificate, certificate(server, false));
		// A secret certificate carries both halves.
		try (AppenderFixture fixture = AppenderFixture.start("curve", (appender) -> {
			appender.getCurve().setServerSecretKeyFile(secretCertificate.toString());
			appender.getCurve().addAllowedClientKey(allowed.publicKey);
		}); TestSubscriber client = curveSubscriber(fixture, allowed)) {
			assertThat(fixture.appender.isStarted()).as(fixture.errors().toString()).isTrue();
			client.awaitSubscribed(fixture.logger, "");
		}
		Path allowlist = this.dir.resolve("allowed-clients");
		Files.writeString(allowlist,
				"# one key per line\n\n" + stranger.publicKey + "\n    public-key = \"" + allowed.publicKey + "\"\n");
		try (AppenderFixture fixture = AppenderFixture.start("curve", (appender) -> {
			appender.getCurve().setServerSecretKeyFile(bareSecret.toString());
			appender.getCurve().setServerPublicKeyFile(publicCertificate.toString());
			appender.getCurve().setAllowedClientKeysFile(allowlist.toString());
		}); TestSubscriber client = curveSubscriber(fixture, allowed)) {
			assertThat(fixture.appender.isStarted()).as(fixture.errors().toString()).isTrue();
			assertThat(fixture.appender.getStats().curve().allowedClientKeys()).isEqualTo(2);
			client.awaitSubscribed(fixture.logger, "");
		}
	}

	@Test
	void badKeysFailStartNamingTheOptionAndNeverTheKey() throws IOException {
		String tooLong = server.secretKey + "x";
		String notZ85 = "~" + server.secretKey.substring(1);
		String over32Bits = "#####" + server.secretKey.substring(5);
		assertProblem((a) -> keys(a, tooLong, server.publicKey, allowed.publicKey), "curve.serverSecretKey",
				"a CURVE key is 40 Z85 characters, this one has 41");
		assertProblem((a) -> keys(a, notZ85, server.publicKey, allowed.publicKey), "curve.serverSecretKey",
				"not Z85: character 1");
		assertProblem((a) -> keys(a, over32Bits, server.publicKey, allowed.publicKey), "curve.serverSecretKey",
				"encode more than 32 bits");
		assertProblem((a) -> keys(a, server.secretKey, stranger.publicKey, allowed.publicKey), "curve.serverPublicKey",
				"does not belong to the server secret key");
		assertProblem((a) -> keys(a, server.secretKey, null, allowed.publicKey), "curve.serverPublicKey",
				"CURVE needs the server public key");
		assertProblem((a) -> keys(a, null, server.publicKey, allowed.publicKey), "curve.serverSecretKey",
				"CURVE needs the server secret key");
		assertProblem((a) -> keys(a, server.secretKey, server.publicKey, null), "curve.allowedClientKey",
				"No client may subscribe");
		assertProblem((a) -> keys(a, server.secretKey, server.publicKey, allowed.publicKey.substring(1)),
				"curve.allowedClientKey", "(key 1 of 1): a CURVE key is 40 Z85 characters, this one has 39");
		assertProblem((a) -> a.getCurve().addAllowedClientKey(allowed.publicKey), "curve.serverSecretKey",
				"CURVE needs the server secret key");
		assertProblem((a) -> {
			keys(a, server.secretKey, server.publicKey, allowed.publicKey);
			a.getCurve().setAllowAnyClient(true);
		}, "curve.allowAnyClient", "set one or the other");
		assertProblem((a) -> {
			keys(a, server.secretKey, server.publicKey, allowed.publicKey);
			a.addConnect("tcp://127.0.0.1:5559");
		}, "curve.serverSecretKey", "it is for an appender that binds, a CURVE server; this one only connects");
		String missing = this.dir.resolve("missing.key").toString();
		assertProblem((a) -> {
			keys(a, null, server.publicKey, allowed.publicKey);
			a.getCurve().setServerSecretKeyFile(missing);
		}, "curve.serverSecretKeyFile", "'curve.serverSecretKeyFile' " + missing + ": cannot read the file");
		Path publicOnly = this.dir.resolve("public-only.key");
		Files.writeString(publicOnly, certificate(server, false));
		assertProblem((a) -> {
			keys(a, null, server.publicKey, allowed.publicKey);
			a.getCurve().setServerSecretKeyFile(publicOnly.toString());
		}, "curve.serverSecretKeyFile", "neither a key alone on one line nor a certificate with a 'secret-key");
		Path badBare = this.dir.resolve("bad.key");
		Files.writeString(badBare, notZ85 + "\n");
		assertProblem((a) -> {
			keys(a, null, server.publicKey, allowed.publicKey);
			a.getCurve().setServerSecretKeyFile(badBare.toString());
		}, "curve.serverSecretKeyFile", badBare + ": the key is not Z85");
		assertProblem((a) -> {
			keys(a, server.secretKey, server.publicKey, allowed.publicKey);
			a.getCurve().setServerSecretKeyFile(badBare.toString());
		}, "curve.serverSecretKeyFile", "not both");
	}

	@Test
	void weakKeysFailStartNamingTheOption() throws IOException {
		String zeros = "0".repeat(40);
		assertProblem(curve(zeros), "curve.allowedClientKey", "(key 1 of 1): a weak key: ");
		assertProblem(curve(zeros), "curve.allowedClientKey", "anyone could pose as it");
		Path list = this.dir.resolve("allowed-clients");
		Files.writeString(list, allowed.publicKey + "\n" + zeros + "\n");
		assertProblem((a) -> {
			keys(a, server.secretKey, server.publicKey, null);
			a.getCurve().setAllowedClientKeysFile(list.toString());
		}, "curve.allowedClientKeysFile", "(key 2 of 2): a weak key: ");
		// The server's pair with the all-zero secret key: its public half matches.
		String zeroPublicKey = CurveKeys.encode(CurveKeys.publicKeyOf(new byte[32]));
		assertProblem((a) -> keys(a, zeros, zeroPublicKey, allowed.publicKey), "curve.serverSecretKey", "a weak key: ");
	}

	@Test
	void twoAppendersOnOneContextShareOneZapHandlerWithTheirOwnAllowlists() {
		try (ZContext shared = new ZContext(1);
				AppenderFixture first = AppenderFixture.start("first", curve(allowed.publicKey).andThen((a) -> {
					a.setZContext(shared);
					a.setRootTopic("first");
				}));
				AppenderFixture second = AppenderFixture.start("second", curve(stranger.publicKey).andThen((a) -> {
					a.setZContext(shared);
					a.setRootTopic("second");
				}))) {
			assertThat(first.appender.isStarted()).as(first.errors().toString()).isTrue();
			assertThat(second.appender.isStarted()).as(second.errors().toString()).isTrue();
			try (TestSubscriber firstControl = curveSubscriber(first, allowed);
					TestSubscriber secondControl = curveSubscriber(second, stranger);
					TestSubscriber wrongList = curveSubscriber(second, allowed)) {
				firstControl.awaitSubscribed(first.logger, "first");
				secondControl.awaitSubscribed(second.logger, "second");
				awaitRefusal(second, secondControl, wrongList);
				assertThat(first.appender.getStats().curve().refusedClients()).isZero();
				assertReceivesNothingWhileControlReceives(second, secondControl, List.of(wrongList));
				first.appender.stop();
				// The handler keeps serving the other appender.
				try (TestSubscriber stillRefused = curveSubscriber(second, allowed)) {
					long before = second.appender.getStats().curve().refusedClients();
					awaitCondition(() -> second.appender.getStats().curve().refusedClients() > before, second,
							secondControl, List.of(stillRefused), "a refusal after the first appender stopped");
				}
			}
		}
	}

	@Test
	void aContextWithAnotherZapHandlerFailsStartNamingCurve() {
		try (ZContext shared = new ZContext(1);
				ZAuth auth = new ZAuth(shared);
				AppenderFixture fixture = AppenderFixture.start("curve",
						curve(allowed.publicKey).andThen((a) -> a.setZContext(shared)))) {
			assertThat(fixture.appender.isStarted()).isFalse();
			assertThat(fixture.appender.getProblems()).singleElement().satisfies((problem) -> {
				assertThat(problem.option()).isEqualTo("curve");
				assertThat(problem.message()).contains("another ZAP handler (such as JeroMQ's ZAuth)");
			});
		}
	}

	@Test
	void restartingAnAppenderOnItsOwnContextRebindsTheZapHandler() {
		try (AppenderFixture fixture = AppenderFixture.start("curve", curve(allowed.publicKey))) {
			fixture.appender.stop();
			fixture.appender.start();
			assertThat(fixture.appender.isStarted()).as(fixture.errors().toString()).isTrue();
			try (TestSubscriber control = curveSubscriber(fixture, allowed);
					TestSubscriber unknownKey = curveSubscriber(fixture, stranger)) {
				control.awaitSubscribed(fixture.logger, "");
				awaitRefusal(fixture, control, unknownKey);
			}
		}
	}

	@Test
	void xmlConfigurationWithRepeatedClientKeysKeepsKeysOutOfTheStatus() throws Exception {
		Path secret = this.dir.resolve("server.key_secret");
		Files.writeString(secret, certificate(server, true));
		Path allowlist = this.dir.resolve("allowed-clients");
		Files.writeString(allowlist, "# subscribers\n" + stranger.publicKey + "\n");
		// Inline in XML a key needs CDATA for < and &, and must not hold $, {, } or :-:
		// Logback's
		// variable syntax (it then reports the value in its status). Files have neither
		// problem.
		ZMQ.Curve.KeyPair inline = xmlSafeKeyPair();
		ZMQ.Curve.KeyPair inline2 = xmlSafeKeyPair();
		LoggerContext context = new LoggerContext();
		context.setMDCAdapter(new LogbackMDCAdapter());
		JoranConfigurator configurator = new JoranConfigurator();
		configurator.setContext(context);
		String xml = """
				<configuration>
				  <appender name="ZMQ" class="io.github.zmqlog.logback.ZmqLogAppender">
				    <bind>tcp://127.0.0.1:*</bind>
				    <curve>
				      <serverSecretKeyFile>%s</serverSecretKeyFile>
				      <allowedClientKey><![CDATA[%s]]></allowedClientKey>
				      <allowedClientKey><![CDATA[%s]]></allowedClientKey>
				      <allowedClientKeysFile>%s</allowedClientKeysFile>
				    </curve>
				  </appender>
				  <root level="DEBUG"><appender-ref ref="ZMQ"/></root>
				</configuration>
				""".formatted(secret, inline.publicKey, inline2.publicKey, allowlist);
		configure(configurator, xml);
		try {
			ZmqLogAppender appender = (ZmqLogAppender) context.getLogger("ROOT").getAppender("ZMQ");
			assertThat(appender.isStarted()).isTrue();
			assertThat(appender.getStats().curve().allowedClientKeys()).isEqualTo(3);
			try (TestSubscriber client = new TestSubscriber(TestSubscriber.curve(server.publicKey, stranger),
					appender.getStats().socket().boundEndpoints().get(0), "")) {
				client.awaitSubscribed(context.getLogger("app"), "");
			}
			assertNoKeyIn(statuses(context));
			assertThat(statuses(context)).noneMatch((m) -> m.contains(inline.publicKey.substring(0, 20))
					|| m.contains(inline2.publicKey.substring(0, 20)));
		}
		finally {
			context.stop();
		}
	}

	private static ZMQ.Curve.KeyPair xmlSafeKeyPair() {
		ZMQ.Curve.KeyPair pair = ZMQ.Curve.generateKeyPair();
		// Logback's variable syntax reads '$', '{', '}' and ':-' (a default value) even
		// outside ${...}.
		while (pair.publicKey.matches(".*([${}]|:-).*")) {
			pair = ZMQ.Curve.generateKeyPair();
		}
		return pair;
	}

	private static void configure(JoranConfigurator configurator, String xml) throws JoranException {
		configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
	}

	private void assertProblem(Consumer<ZmqLogAppender> configuration, String option, String message) {
		try (AppenderFixture fixture = AppenderFixture.start("curve", configuration)) {
			assertThat(fixture.appender.isStarted()).isFalse();
			assertThat(fixture.appender.getProblems()).as(option).anySatisfy((problem) -> {
				assertThat(problem.option()).isEqualTo(option);
				assertThat(problem.message()).contains(message);
			});
			List<String> texts = new ArrayList<>(statuses(fixture.context));
			fixture.appender.getProblems().forEach((p) -> texts.add(p.message() + " " + p.value()));
			texts.add(String.valueOf(fixture.appender.getStats().publisher().failure()));
			assertNoKeyIn(texts);
		}
	}

	private static void assertNoKeyIn(List<String> texts) {
		assertNoKeyIn(texts, List.of(server, allowed, stranger));
	}

	/**
	 * Asserts that no text holds any 20 characters of the keys.
	 * @param texts statuses, problems, stats
	 * @param pairs the key pairs
	 */
	static void assertNoKeyIn(List<String> texts, List<ZMQ.Curve.KeyPair> pairs) {
		for (ZMQ.Curve.KeyPair pair : pairs) {
			for (String key : List.of(pair.publicKey, pair.secretKey)) {
				// Any 20 characters of a key would be a leak.
				assertThat(texts).noneMatch((text) -> text.contains(key.substring(0, 20))
						|| text.contains(key.substring(20)) || text.contains(key.substring(1, 21)));
			}
		}
	}

	private static void keys(ZmqLogAppender appender, String secret, String publicKey, String client) {
		appender.getCurve().setServerSecretKey(secret);
		appender.getCurve().setServerPublicKey(publicKey);
		appender.getCurve().addAllowedClientKey(client);
	}

	static Consumer<ZmqLogAppender> curve(String allowedClient) {
		return (appender) -> keys(appender, server.secretKey, server.publicKey, allowedClient);
	}

	private static TestSubscriber curveSubscriber(AppenderFixture fixture, ZMQ.Curve.KeyPair client) {
		return new TestSubscriber(TestSubscriber.curve(server.publicKey, client), fixture.endpoint(), "");
	}

	/**
	 * Waits until the appender has refused a client; see {@link #awaitCondition}.
	 */
	private static void awaitRefusal(AppenderFixture fixture, TestSubscriber control, TestSubscriber... strangers) {
		awaitCondition(() -> fixture.appender.getStats().curve().refusedClients() > 0, fixture, control,
				List.of(strangers), "a refused CURVE handshake");
	}

	/**
	 * Waits for a condition, logging one event a round meanwhile: the control subscriber
	 * receives each, proving it was sent while the strangers tried, and the strangers,
	 * read all the while (a JeroMQ socket that nobody reads does not retry), receive
	 * none.
	 */
	private static void awaitCondition(BooleanSupplier condition, AppenderFixture fixture, TestSubscriber control,
			List<TestSubscriber> strangers, String what) {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		for (int round = 0; !condition.getAsBoolean(); round++) {
			assertThat(System.nanoTime() - deadline).as(what + " within 20 s").isNegative();
			String text = "while waiting for " + what + " " + round;
			fixture.logger.warn(text);
			for (TestSubscriber stranger : strangers) {
				assertThat(stranger.receive(Duration.ofMillis(20 / strangers.size())))
					.as("a message for a refused client")
					.isNull();
			}
			awaitAtControl(control, text);
		}
	}

	private static void awaitAtControl(TestSubscriber control, String text) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (System.nanoTime() < deadline) {
			TestSubscriber.Message message = control.receive(Duration.ofMillis(100));
			if (message != null && message.body().contains(text)) {
				return;
			}
		}
		throw new AssertionError("The control subscriber did not receive '" + text + "' within 10 s");
	}

	/**
	 * Logs 30 events over about three seconds: the allowed control subscriber receives
	 * every one, proving they were sent while the strangers tried, and the strangers
	 * receive none.
	 */
	private static void assertReceivesNothingWhileControlReceives(AppenderFixture fixture, TestSubscriber control,
			List<TestSubscriber> strangers) {
		String rootTopic = fixture.appender.getRootTopic();
		int received = 0;
		for (int i = 0; i < 30; i++) {
			fixture.logger.warn("confidential payload {}", i);
			for (TestSubscriber stranger : strangers) {
				assertThat(stranger.receive(Duration.ofMillis(100 / strangers.size())))
					.as("a message for a client not on the allowlist")
					.isNull();
			}
			TestSubscriber.Message message;
			while ((message = control.receive(Duration.ofMillis(1))) != null) {
				assertThat(message.topic()).isEqualTo(rootTopic.isEmpty() ? "WARN" : rootTopic + ".WARN");
				assertThat(message.body()).contains("confidential payload " + received);
				received++;
			}
		}
		while (received < 30) {
			TestSubscriber.Message message = control.receive(Duration.ofSeconds(10));
			assertThat(message).as("control message %d", received).isNotNull();
			assertThat(message.body()).contains("confidential payload " + received);
			received++;
		}
		for (TestSubscriber stranger : strangers) {
			assertThat(stranger.receive(Duration.ofMillis(200))).isNull();
		}
	}

	private static List<String> statuses(LoggerContext context) {
		return context.getStatusManager().getCopyOfStatusList().stream().map(Status::getMessage).toList();
	}

	/** A ZeroMQ certificate as PyZMQ's {@code zmq.auth.create_certificates} writes it. */
	static String certificate(ZMQ.Curve.KeyPair pair, boolean secret) {
		return """
				#   ****  Generated on 2024-01-01 00:00:00 by pyzmq  ****
				#   ZeroMQ CURVE %s Certificate
				#   Exchange securely, or use a secure mechanism to verify the contents
				#   of this file after exchange. Store public certificates in your home
				#   directory, in the .curve subdirectory.

				metadata
				curve
				    public-key = "%s"
				""".formatted(secret ? "**Secret**" : "Public", pair.publicKey)
				+ (secret ? "    secret-key = \"" + pair.secretKey + "\"\n" : "");
	}

}

package io.github.zmqlog.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.Sanitizer;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.zeromq.ZMQ;

import io.github.zmqlog.logback.ZmqLogAppender;
import io.github.zmqlog.testsupport.TestSubscriber;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code zmqlog.curve.*}: bound to the appender, enforced, and a bad key failing start-up
 * with an analysis that names the property and never the key.
 */
@Timeout(60)
class ZmqLogCurveAutoConfigurationTests {

	private static final ZMQ.Curve.KeyPair server = springSafeKeyPair();

	private static final ZMQ.Curve.KeyPair client = springSafeKeyPair();

	private static final ZMQ.Curve.KeyPair other = springSafeKeyPair();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(ZmqLogAutoConfiguration.class, ZmqLogSanitizingAutoConfiguration.class))
		.withPropertyValues("zmqlog.bind=tcp://127.0.0.1:*");

	@TempDir
	Path dir;

	@Test
	void curvePropertiesMakeTheAppenderACurveServerWithTheAllowlist() {
		this.contextRunner
			.withPropertyValues("zmqlog.curve.server-secret-key=" + server.secretKey,
					"zmqlog.curve.server-public-key=" + server.publicKey,
					"zmqlog.curve.allowed-client-keys=" + client.publicKey + "," + other.publicKey)
			.run((context) -> {
				ZmqLogAppender appender = context.getBean(ZmqLogAppender.class);
				assertThat(appender.isStarted()).isTrue();
				assertThat(appender.getStats().curve().enabled()).isTrue();
				assertThat(appender.getStats().curve().allowedClientKeys()).isEqualTo(2);
				try (TestSubscriber subscriber = new TestSubscriber(TestSubscriber.curve(server.publicKey, client),
						appender.getStats().socket().boundEndpoints().get(0), "")) {
					subscriber.awaitSubscribed(LoggerFactory.getLogger("curve"), "");
					LoggerFactory.getLogger("curve").warn("through CURVE");
					assertThat(subscriber.receive(Duration.ofSeconds(10)).body()).contains("through CURVE");
				}
			});
	}

	@Test
	void keyFilesAndAllowlistFileAreRead() throws IOException {
		Path secret = this.dir.resolve("server.key_secret");
		Files.writeString(secret, "metadata\ncurve\n    public-key = \"" + server.publicKey + "\"\n    secret-key = \""
				+ server.secretKey + "\"\n");
		Path allowlist = this.dir.resolve("clients");
		Files.writeString(allowlist, client.publicKey + "\n");
		this.contextRunner
			.withPropertyValues("zmqlog.curve.server-secret-key-file=" + secret,
					"zmqlog.curve.allowed-client-keys-file=" + allowlist)
			.run((context) -> {
				ZmqLogAppender appender = context.getBean(ZmqLogAppender.class);
				assertThat(appender.isStarted()).isTrue();
				assertThat(appender.getCurve().getServerSecretKeyFile()).isEqualTo(secret.toString());
				assertThat(appender.getStats().curve().allowedClientKeys()).isEqualTo(1);
			});
	}

	@Test
	void badKeysFailStartUpNamingTheProperty() {
		assertFailure(
				List.of("zmqlog.curve.server-secret-key=" + server.secretKey.substring(2),
						"zmqlog.curve.server-public-key=" + server.publicKey,
						"zmqlog.curve.allowed-client-keys=" + client.publicKey),
				"zmqlog.curve.server-secret-key", "a CURVE key is 40 Z85 characters, this one has 38");
		assertFailure(
				List.of("zmqlog.curve.server-secret-key=" + server.secretKey.substring(0, 39) + "~",
						"zmqlog.curve.server-public-key=" + server.publicKey,
						"zmqlog.curve.allowed-client-keys=" + client.publicKey),
				"zmqlog.curve.server-secret-key", "the key is not Z85: character 40 is not in the Z85 alphabet");
		assertFailure(
				List.of("zmqlog.curve.server-secret-key=" + server.secretKey,
						"zmqlog.curve.server-public-key=" + other.publicKey,
						"zmqlog.curve.allowed-client-keys=" + client.publicKey),
				"zmqlog.curve.server-public-key", "does not belong to the server secret key");
		assertFailure(
				List.of("zmqlog.curve.server-public-key=" + server.publicKey,
						"zmqlog.curve.allowed-client-keys=" + client.publicKey),
				"zmqlog.curve.server-secret-key", "CURVE needs the server secret key");
		assertFailure(List.of("zmqlog.curve.allowed-client-keys=" + client.publicKey), "zmqlog.curve.server-public-key",
				"CURVE needs the server public key");
		assertFailure(
				List.of("zmqlog.curve.server-secret-key=" + server.secretKey,
						"zmqlog.curve.server-public-key=" + server.publicKey,
						"zmqlog.curve.allowed-client-keys=" + client.publicKey + ",~" + other.publicKey.substring(1)),
				"zmqlog.curve.allowed-client-keys", "(key 2 of 2): the key is not Z85");
		assertFailure(
				List.of("zmqlog.curve.server-secret-key=" + server.secretKey,
						"zmqlog.curve.server-public-key=" + server.publicKey),
				"zmqlog.curve.allowed-client-keys", "No client may subscribe");
		String missing = this.dir.resolve("missing").toString();
		assertFailure(
				List.of("zmqlog.curve.server-secret-key-file=" + missing,
						"zmqlog.curve.allowed-client-keys=" + client.publicKey),
				"zmqlog.curve.server-secret-key-file", missing + ": cannot read the file");
	}

	@Test
	void sanitizerMasksCurveKeysInEveryFormButNotFilesOrFlags() {
		for (String key : List.of("zmqlog.curve.server-secret-key", "zmqlog.curve.serverSecretKey",
				"ZMQLOG_CURVE_SERVERSECRETKEY", "zmqlog.curve.server-public-key", "zmqlog.curve.allowed-client-keys[0]",
				"zmqlog.curve.allowedClientKeys", "ZMQLOG_CURVE_ALLOWEDCLIENTKEYS_1_")) {
			assertThat(ZmqLogSanitizingAutoConfiguration.isCurveKey(key)).as(key).isTrue();
		}
		for (String key : List.of("zmqlog.curve.server-secret-key-file", "zmqlog.curve.allowed-client-keys-file",
				"zmqlog.curve.allow-any-client", "zmqlog.root-topic", "spring.application.name")) {
			assertThat(ZmqLogSanitizingAutoConfiguration.isCurveKey(key)).as(key).isFalse();
		}
		this.contextRunner.withPropertyValues("zmqlog.enabled=false").run((context) -> {
			Sanitizer sanitizer = new Sanitizer(context.getBeansOfType(SanitizingFunction.class).values());
			assertThat(sanitizer.sanitize(new SanitizableData(null, "zmqlog.curve.server-secret-key", server.secretKey),
					true))
				.isEqualTo(SanitizableData.SANITIZED_VALUE);
			assertThat(sanitizer.sanitize(new SanitizableData(null, "zmqlog.curve.server-secret-key-file", "/run/k"),
					true))
				.isEqualTo("/run/k");
		});
	}

	private void assertFailure(List<String> properties, String property, String message) {
		this.contextRunner.withPropertyValues(properties.toArray(String[]::new)).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new ZmqLogFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).as(property).isNotNull();
			assertThat(analysis.getDescription()).as(property).contains(property + ": ").contains(message);
			assertThat(analysis.getAction()).contains("Correct " + property);
			assertNoKey(context, analysis);
		});
	}

	private static void assertNoKey(AssertableApplicationContext context, FailureAnalysis analysis) {
		StringBuilder text = new StringBuilder(analysis.getDescription()).append(analysis.getAction());
		for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
			text.append(t).append(t.getMessage());
		}
		for (ZMQ.Curve.KeyPair pair : List.of(server, client, other)) {
			for (String key : List.of(pair.publicKey, pair.secretKey)) {
				assertThat(text.toString()).doesNotContain(key.substring(2, 22)).doesNotContain(key.substring(20));
			}
		}
	}

	/**
	 * Spring resolves ${...} in property values: a key holding ${ would need escaping.
	 */
	private static ZMQ.Curve.KeyPair springSafeKeyPair() {
		ZMQ.Curve.KeyPair pair = ZMQ.Curve.generateKeyPair();
		while ((pair.publicKey + pair.secretKey).matches(".*[${},].*")) {
			pair = ZMQ.Curve.generateKeyPair();
		}
		return pair;
	}

}

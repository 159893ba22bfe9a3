package io.github.zmqlog.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.ContextAwareBase;
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
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import tools.jackson.databind.json.JsonMapper;

import io.github.zmqlog.actuate.endpoint.ZmqLogEndpoint;
import io.github.zmqlog.health.ZmqLogHealthIndicator;
import io.github.zmqlog.logback.ConfigurationProblem;
import io.github.zmqlog.logback.CurveConfiguration;
import io.github.zmqlog.logback.ZmqLogAppender;
import io.github.zmqlog.logback.curve.CurveSecurity;
import io.github.zmqlog.logback.curve.ZapHandler;
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
	void clientPropertiesMakeTheAppenderACurveClientOfTheServerItConnectsTo() throws Exception {
		LoggerContext serverStatus = new LoggerContext();
		try (ZContext serverContext = new ZContext(1)) {
			// The server an instance connects to (a forwarder, say), with the project's
			// ZAP handler admitting only the client's key.
			CurveConfiguration serverOptions = new CurveConfiguration();
			serverOptions.setServerSecretKey(server.secretKey);
			serverOptions.setServerPublicKey(server.publicKey);
			serverOptions.addAllowedClientKey(client.publicKey);
			List<ConfigurationProblem> problems = new ArrayList<>();
			CurveSecurity security = CurveSecurity.check(serverOptions, true, false, problems);
			assertThat(problems).isEmpty();
			ContextAwareBase status = new ContextAwareBase();
			status.setContext(serverStatus);
			ZMQ.Socket sub = serverContext.createSocket(SocketType.SUB);
			ZapHandler.Registration zap = security.apply(serverContext, sub, status);
			try {
				sub.setHandshakeIvl(1000);
				sub.setReceiveTimeOut(100);
				sub.subscribe(new byte[0]);
				sub.bind("tcp://127.0.0.1:*");
				new ApplicationContextRunner()
					.withConfiguration(AutoConfigurations.of(ZmqLogAutoConfiguration.class,
							ZmqLogSanitizingAutoConfiguration.class))
					.withPropertyValues("zmqlog.connect=" + sub.getLastEndpoint(), "zmqlog.root-topic=instance",
							"zmqlog.curve.client-secret-key=" + client.secretKey,
							"zmqlog.curve.client-public-key=" + client.publicKey,
							"zmqlog.curve.server-public-key=" + server.publicKey)
					.run((context) -> {
						ZmqLogAppender appender = context.getBean(ZmqLogAppender.class);
						assertThat(appender.isStarted()).isTrue();
						assertThat(appender.getStats().curve().client()).isTrue();
						byte[] topic = null;
						for (int i = 0; topic == null && i < 200; i++) {
							LoggerFactory.getLogger("curve").warn("through CURVE as a client");
							topic = sub.recv();
						}
						assertThat(topic).as("an event at the CURVE server within 20 s").isNotNull();
						assertThat(new String(topic, StandardCharsets.UTF_8)).isEqualTo("instance.WARN");
						assertThat(new String(sub.recv(), StandardCharsets.UTF_8))
							.contains("through CURVE as a client");
						String shown = new ZmqLogHealthIndicator(appender).health().toString()
								+ JsonMapper.builder()
									.build()
									.writeValueAsString(new ZmqLogEndpoint(Map.of("zmq", appender)).zmqlog())
								+ context.getBean(ZmqLogProperties.class).getCurve() + appender.getCurve()
								+ appender.getStats();
						assertThat(shown).contains("\"client\":true");
						assertNoKeyIn(shown);
					});
			}
			finally {
				sub.close();
				zap.close();
			}
		}
		finally {
			serverStatus.stop();
		}
	}

	@Test
	void clientKeysWhenBindingFailStartUpNamingTheProperty() {
		assertFailure(
				List.of("zmqlog.curve.server-secret-key=" + server.secretKey,
						"zmqlog.curve.server-public-key=" + server.publicKey,
						"zmqlog.curve.allowed-client-keys=" + client.publicKey,
						"zmqlog.curve.client-secret-key=" + client.secretKey),
				"zmqlog.curve.client-secret-key", "it is for an appender that connects, a CURVE client");
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ZmqLogAutoConfiguration.class))
			.withPropertyValues("zmqlog.connect=tcp://127.0.0.1:5599",
					"zmqlog.curve.client-secret-key=" + client.secretKey,
					"zmqlog.curve.client-public-key=" + other.publicKey,
					"zmqlog.curve.server-public-key=" + server.publicKey)
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new ZmqLogFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("zmqlog.curve.client-public-key: ")
					.contains("the client public key does not belong to the client secret key");
				assertNoKey(context, analysis);
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
				"zmqlog.curve.allowedClientKeys", "ZMQLOG_CURVE_ALLOWEDCLIENTKEYS_1_", "zmqlog.curve.client-secret-key",
				"ZMQLOG_CURVE_CLIENTSECRETKEY", "zmqlog.curve.client-public-key")) {
			assertThat(ZmqLogSanitizingAutoConfiguration.isCurveKey(key)).as(key).isTrue();
		}
		for (String key : List.of("zmqlog.curve.server-secret-key-file", "zmqlog.curve.allowed-client-keys-file",
				"zmqlog.curve.client-secret-key-file", "zmqlog.curve.allow-any-client", "zmqlog.root-topic",
				"spring.application.name")) {
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

	private static void assertNoKeyIn(String text) {
		for (ZMQ.Curve.KeyPair pair : List.of(server, client, other)) {
			for (String key : List.of(pair.publicKey, pair.secretKey)) {
				assertThat(text).doesNotContain(key.substring(2, 22)).doesNotContain(key.substring(20));
			}
		}
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

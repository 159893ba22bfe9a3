package io.github.zmqlog.logback;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.status.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.ZMQ;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The appender as a CURVE client: it connects to a CURVE server bound in the test (a SUB
 * with the project's ZAP handler and an allowlist), which receives its events; with a
 * wrong server key, or a client key not on the allowlist, nothing arrives, and logging
 * neither blocks nor loses count. Bad options are refused naming the option, never
 * quoting a key.
 */
@Timeout(90)
class ZmqLogAppenderCurveClientTests {

	private static final ZMQ.Curve.KeyPair server = ZMQ.Curve.generateKeyPair();

	private static final ZMQ.Curve.KeyPair instance = ZMQ.Curve.generateKeyPair();

	private static final ZMQ.Curve.KeyPair stranger = ZMQ.Curve.generateKeyPair();

	@TempDir
	Path dir;

	@Test
	void aCurveServerReceivesTheEventsOfAnAppenderThatConnects() {
		try (BoundSubscriber forwarder = new BoundSubscriber("tcp://127.0.0.1:*", allowing(instance.publicKey));
				AppenderFixture fixture = AppenderFixture.start("client",
						client(forwarder.endpoint(), instance, server.publicKey))) {
			assertThat(fixture.appender.isStarted()).as(fixture.errors().toString()).isTrue();
			assertThat(fixture.appender.getStats().curve().client()).isTrue();
			awaitFirst(fixture, forwarder);
			assertThat(forwarder.admitted()).isPositive();
			for (int i = 0; i < 20; i++) {
				fixture.logger.warn("encrypted {}", i);
			}
			List<String> received = new ArrayList<>();
			while (received.size() < 20) {
				String message = forwarder.receive(Duration.ofSeconds(10));
				assertThat(message).as("message %d at the CURVE server", received.size()).isNotNull();
				if (message.contains("encrypted ")) {
					received.add(message);
				}
			}
			assertThat(received.get(0)).startsWith("client.WARN ").contains("encrypted 0");
			assertThat(received.get(19)).contains("encrypted 19");
			assertNoKeyIn(statuses(fixture.context));
			assertNoKeyIn(List.of(fixture.appender.getStats().toString(), fixture.appender.getCurve().toString()));
		}
	}

	@Test
	void withAWrongServerKeyNothingArrivesAndLoggingNeitherBlocksNorLosesCount() {
		try (BoundSubscriber forwarder = new BoundSubscriber("tcp://127.0.0.1:*", allowing(instance.publicKey));
				AppenderFixture fixture = AppenderFixture.start("client",
						client(forwarder.endpoint(), instance, stranger.publicKey))) {
			assertThat(fixture.appender.isStarted()).as(fixture.errors().toString()).isTrue();
			assertNothingArrivesAndCountsHold(fixture, forwarder);
		}
	}

	@Test
	void withAClientKeyNotOnTheAllowlistNothingArrivesAndTheServerCountsTheRefusal() {
		try (BoundSubscriber forwarder = new BoundSubscriber("tcp://127.0.0.1:*", allowing(stranger.publicKey));
				AppenderFixture fixture = AppenderFixture.start("client",
						client(forwarder.endpoint(), instance, server.publicKey))) {
			assertThat(fixture.appender.isStarted()).as(fixture.errors().toString()).isTrue();
			assertNothingArrivesAndCountsHold(fixture, forwarder);
			assertThat(forwarder.refused()).as("refusals at the server").isPositive();
		}
	}

	@Test
	void noDropWithARefusedClientStillNeverBlocksTheCaller() {
		try (BoundSubscriber forwarder = new BoundSubscriber("tcp://127.0.0.1:*", allowing(stranger.publicKey));
				AppenderFixture fixture = AppenderFixture.start("client",
						client(forwarder.endpoint(), instance, server.publicKey).andThen((a) -> {
							a.setNoDrop(true);
							a.setSendHwm(10);
						}))) {
			assertThat(fixture.appender.isStarted()).as(fixture.errors().toString()).isTrue();
			assertNothingArrivesAndCountsHold(fixture, forwarder);
		}
	}

	@Test
	void keysFromCertificateFilesInXml() throws Exception {
		Path secret = this.dir.resolve("instance.key_secret");
		Files.writeString(secret, ZmqLogAppenderCurveTests.certificate(instance, true));
		Path serverCertificate = this.dir.resolve("forwarder.key");
		Files.writeString(serverCertificate, ZmqLogAppenderCurveTests.certificate(server, false));
		try (BoundSubscriber forwarder = new BoundSubscriber("tcp://127.0.0.1:*", allowing(instance.publicKey))) {
			LoggerContext context = new LoggerContext();
			context.setMDCAdapter(new LogbackMDCAdapter());
			JoranConfigurator configurator = new JoranConfigurator();
			configurator.setContext(context);
			String xml = """
					<configuration>
					  <appender name="ZMQ" class="io.github.zmqlog.logback.ZmqLogAppender">
					    <connect>%s</connect>
					    <rootTopic>fleet</rootTopic>
					    <curve>
					      <clientSecretKeyFile>%s</clientSecretKeyFile>
					      <serverPublicKeyFile>%s</serverPublicKeyFile>
					    </curve>
					  </appender>
					  <root level="DEBUG"><appender-ref ref="ZMQ"/></root>
					</configuration>
					""".formatted(forwarder.endpoint(), secret, serverCertificate);
			configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
			try {
				ZmqLogAppender appender = (ZmqLogAppender) context.getLogger("ROOT").getAppender("ZMQ");
				assertThat(appender.isStarted()).as(statuses(context).toString()).isTrue();
				String first = null;
				for (int i = 0; first == null && i < 200; i++) {
					context.getLogger("app").info("sync ping");
					first = forwarder.receive(Duration.ofMillis(100));
				}
				assertThat(first).as("an event at the CURVE server within 20 s").startsWith("fleet.INFO ");
				assertNoKeyIn(statuses(context));
			}
			finally {
				context.stop();
			}
		}
	}

	@Test
	void badClientOptionsFailStartNamingTheOptionAndNeverTheKey() {
		String endpoint = "tcp://127.0.0.1:5599";
		assertProblem(client(endpoint, instance, null), "curve.serverPublicKey",
				"CURVE needs the public key of the server the appender connects to");
		assertProblem((a) -> {
			a.addConnect(endpoint);
			a.getCurve().setServerPublicKey(server.publicKey);
		}, "curve.clientSecretKey", "CURVE needs the client secret key");
		assertProblem((a) -> {
			a.addConnect(endpoint);
			a.getCurve().setServerPublicKey(server.publicKey);
			a.getCurve().setClientSecretKey(instance.secretKey);
		}, "curve.clientPublicKey", "CURVE needs the client public key");
		assertProblem((a) -> {
			client(endpoint, instance, server.publicKey).accept(a);
			a.getCurve().setClientPublicKey(stranger.publicKey);
		}, "curve.clientPublicKey", "the client public key does not belong to the client secret key");
		assertProblem(client(endpoint, instance, server.publicKey.substring(1)), "curve.serverPublicKey",
				"a CURVE key is 40 Z85 characters, this one has 39");
		assertProblem((a) -> {
			client(endpoint, instance, server.publicKey).accept(a);
			a.getCurve().setClientSecretKey("~" + instance.secretKey.substring(1));
		}, "curve.clientSecretKey", "not Z85: character 1");
		assertProblem((a) -> {
			client(endpoint, instance, server.publicKey).accept(a);
			a.getCurve().setClientSecretKeyFile(this.dir.resolve("missing").toString());
		}, "curve.clientSecretKeyFile", "not both");
		assertProblem((a) -> {
			client(endpoint, instance, server.publicKey).accept(a);
			a.getCurve().addAllowedClientKey(stranger.publicKey);
		}, "curve.allowedClientKey", "it is for an appender that binds, a CURVE server; this one only connects");
		assertProblem((a) -> {
			client(endpoint, instance, server.publicKey).accept(a);
			a.getCurve().setServerSecretKey(server.secretKey);
		}, "curve.serverSecretKey", "it is for an appender that binds");
		assertProblem((a) -> {
			client(endpoint, instance, server.publicKey).accept(a);
			a.addBind("tcp://127.0.0.1:*");
		}, "connect", "CURVE on an appender that both binds and connects is refused");
		assertProblem((a) -> {
			a.addBind("tcp://127.0.0.1:*");
			a.getCurve().setServerSecretKey(server.secretKey);
			a.getCurve().setServerPublicKey(server.publicKey);
			a.getCurve().addAllowedClientKey(stranger.publicKey);
			a.getCurve().setClientSecretKey(instance.secretKey);
		}, "curve.clientSecretKey", "it is for an appender that connects, a CURVE client; this one binds");
		assertProblem((a) -> {
			client(endpoint, instance, server.publicKey).accept(a);
			a.getHistory().setEndpoint("tcp://127.0.0.1:*");
		}, "history.endpoint", "would serve the logs in plain text");
	}

	@Test
	void weakServerKeyIsRefused() {
		String zeros = "0".repeat(40);
		assertProblem(client("tcp://127.0.0.1:5599", instance, zeros), "curve.serverPublicKey", "a weak key: ");
	}

	private void assertNothingArrivesAndCountsHold(AppenderFixture fixture, BoundSubscriber forwarder) {
		long start = System.nanoTime();
		for (int i = 0; i < 2000; i++) {
			fixture.logger.warn("confidential {}", i);
		}
		Duration logging = Duration.ofNanos(System.nanoTime() - start);
		assertThat(logging).as("2000 events logged without blocking").isLessThan(Duration.ofSeconds(5));
		// Keep trying for a while: the appender retries the handshake all along.
		for (int round = 0; round < 20; round++) {
			fixture.logger.warn("confidential round {}", round);
			assertThat(forwarder.receive(Duration.ofMillis(100))).as("a message at the server").isNull();
		}
		ZmqLogStats.Counts counts = AppenderStats.settled(fixture.appender);
		assertThat(counts.sent() + counts.droppedTotal()).as(counts.toString()).isEqualTo(counts.enqueued());
		assertThat(counts.enqueued()).isEqualTo(2020);
		assertNoKeyIn(statuses(fixture.context));
	}

	private static void awaitFirst(AppenderFixture fixture, BoundSubscriber forwarder) {
		String first = null;
		for (int i = 0; first == null && i < 200; i++) {
			fixture.logger.info("sync ping");
			first = forwarder.receive(Duration.ofMillis(100));
		}
		assertThat(first).as("an event at the CURVE server within 20 s").isNotNull();
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
			texts.add(fixture.appender.getStats().toString());
			assertNoKeyIn(texts);
		}
	}

	static CurveConfiguration allowing(String clientKey) {
		CurveConfiguration curve = new CurveConfiguration();
		curve.setServerSecretKey(server.secretKey);
		curve.setServerPublicKey(server.publicKey);
		curve.addAllowedClientKey(clientKey);
		return curve;
	}

	static Consumer<ZmqLogAppender> client(String endpoint, ZMQ.Curve.KeyPair pair, String serverKey) {
		return (appender) -> {
			appender.addConnect(endpoint);
			appender.setRootTopic("client");
			appender.getCurve().setClientSecretKey(pair.secretKey);
			appender.getCurve().setClientPublicKey(pair.publicKey);
			appender.getCurve().setServerPublicKey(serverKey);
		};
	}

	private static List<String> statuses(LoggerContext context) {
		return context.getStatusManager()
			.getCopyOfStatusList()
			.stream()
			.map(ZmqLogAppenderCurveClientTests::text)
			.toList();
	}

	private static String text(Status status) {
		return status.getMessage() + " " + status.getThrowable();
	}

	private static void assertNoKeyIn(List<String> texts) {
		ZmqLogAppenderCurveTests.assertNoKeyIn(texts, List.of(server, instance, stranger));
	}

}

package io.github.zmqlog.logback;

import java.time.Duration;
import java.util.function.Supplier;

import ch.qos.logback.core.status.StatusListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.ZMQ;

import io.github.zmqlog.testsupport.TestSubscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ZAP handler when reporting a refused client throws (a Logback status listener that
 * fails): a {@link RuntimeException} leaves it answering, so allowed clients still get
 * in; an {@link Error} ends it, visibly in the stats, and every client is refused from
 * then on. Real CURVE server and clients.
 */
@Timeout(90)
class ZapHandlerFailureTests {

	private static final ZMQ.Curve.KeyPair server = ZMQ.Curve.generateKeyPair();

	private static final ZMQ.Curve.KeyPair allowed = ZMQ.Curve.generateKeyPair();

	private static final ZMQ.Curve.KeyPair stranger = ZMQ.Curve.generateKeyPair();

	@Test
	void aListenerThrowingARuntimeExceptionLeavesTheHandlerAnswering() {
		try (AppenderFixture fixture = curveAppender(() -> new IllegalStateException("listener failed"))) {
			try (TestSubscriber refused = subscriber(fixture, stranger)) {
				awaitRefusal(fixture, refused);
			}
			try (TestSubscriber client = subscriber(fixture, allowed)) {
				client.awaitSubscribed(fixture.logger, "");
				fixture.logger.warn("after the listener failed");
				assertThat(client.receive(Duration.ofSeconds(10)).body()).contains("after the listener failed");
			}
			assertThat(fixture.appender.getStats().curve().zapHandlerFailure()).isNull();
		}
	}

	@Test
	void aListenerThrowingAnErrorEndsTheHandlerVisiblyAndEveryClientIsRefused() {
		try (AppenderFixture fixture = curveAppender(() -> new StackOverflowError("listener failed"))) {
			try (TestSubscriber refused = subscriber(fixture, stranger)) {
				awaitRefusal(fixture, refused);
			}
			// The ZAP thread dies of the Error on purpose: Awaitility must not fail the
			// test for it.
			await().dontCatchUncaughtExceptions()
				.atMost(Duration.ofSeconds(10))
				.until(() -> fixture.appender.getStats().curve().zapHandlerFailure() != null);
			assertThat(fixture.appender.getStats().curve().zapHandlerFailure())
				.startsWith("the ZAP handler thread failed")
				.contains("StackOverflowError")
				.contains("every CURVE client is refused");
			try (TestSubscriber client = subscriber(fixture, allowed)) {
				// Fail closed: the allowed client is never admitted, so receives nothing.
				for (int i = 0; i < 20; i++) {
					fixture.logger.warn("confidential {}", i);
					assertThat(client.receive(Duration.ofMillis(100))).as("a message after the ZAP handler died")
						.isNull();
				}
				assertThat(fixture.appender.getStats().curve().admittedClients()).isZero();
			}
			// A restart brings up a new handler, which answers again.
			fixture.appender.stop();
			fixture.appender.start();
			assertThat(fixture.appender.getStats().curve().zapHandlerFailure()).isNull();
			try (TestSubscriber client = subscriber(fixture, allowed)) {
				client.awaitSubscribed(fixture.logger, "");
			}
		}
	}

	private static AppenderFixture curveAppender(Supplier<Throwable> thrown) {
		AppenderFixture fixture = AppenderFixture.start("curve", (appender) -> {
			appender.getCurve().setServerSecretKey(server.secretKey);
			appender.getCurve().setServerPublicKey(server.publicKey);
			appender.getCurve().addAllowedClientKey(allowed.publicKey);
		});
		assertThat(fixture.appender.isStarted()).as(fixture.errors().toString()).isTrue();
		fixture.context.getStatusManager().add((StatusListener) (status) -> {
			if (status.getMessage().startsWith("Refused a CURVE client")) {
				sneakyThrow(thrown.get());
			}
		});
		return fixture;
	}

	private static TestSubscriber subscriber(AppenderFixture fixture, ZMQ.Curve.KeyPair client) {
		return new TestSubscriber(TestSubscriber.curve(server.publicKey, client), fixture.endpoint(), "");
	}

	/** Waits for a refusal, reading the refused client meanwhile so that it retries. */
	private static void awaitRefusal(AppenderFixture fixture, TestSubscriber refused) {
		await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(20)).until(() -> {
			assertThat(refused.receive(Duration.ofMillis(20))).as("a message for a refused client").isNull();
			return fixture.appender.getStats().curve().refusedClients() > 0;
		});
	}

	@SuppressWarnings("unchecked")
	private static <T extends Throwable> void sneakyThrow(Throwable ex) throws T {
		throw (T) ex;
	}

}

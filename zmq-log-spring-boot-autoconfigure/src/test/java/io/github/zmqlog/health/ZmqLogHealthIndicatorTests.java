package io.github.zmqlog.health;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.status.StatusListener;
import ch.qos.logback.core.status.StatusManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.zeromq.ZMQ;

import io.github.zmqlog.logback.DropReason;
import io.github.zmqlog.logback.RootLoggerAttacher;
import io.github.zmqlog.logback.ZmqLogAppender;
import io.github.zmqlog.testsupport.TestSubscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ZmqLogHealthIndicator} over a real appender.
 */
@Timeout(30)
class ZmqLogHealthIndicatorTests {

	private ZmqLogAppender appender;

	@AfterEach
	void stop() {
		if (this.appender != null) {
			RootLoggerAttacher.detach(this.appender);
			this.appender.stop();
		}
	}

	@Test
	void upWhenStartedAttachedAndBound() {
		start((appender) -> appender.setRootTopic("app"));
		Health health = new ZmqLogHealthIndicator(this.appender).health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("rootTopic", "app")
			.containsEntry("subscribers", 0)
			.containsEntry("paused", false)
			.containsKeys("endpoints", "sent", "dropped", "queue");
		assertThat((java.util.List<?>) health.getDetails().get("endpoints")).hasSize(1);
	}

	@Test
	@SuppressWarnings("unchecked")
	void droppingEventsIsNotAFailure() {
		start((appender) -> appender.setPaused(true));
		LoggerFactory.getLogger("health.test").info("dropped while paused");
		Health health = new ZmqLogHealthIndicator(this.appender).health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat((Map<String, Object>) health.getDetails().get("dropped")).containsEntry("paused", 1L)
			.containsEntry("total", 1L);
	}

	@Test
	void downWhenTheBindFailed() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			this.appender = appender((appender) -> appender.addBind("tcp://127.0.0.1:" + taken.getLocalPort()));
			this.appender.start();
			RootLoggerAttacher.attach(this.appender);
			Health health = new ZmqLogHealthIndicator(this.appender).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails().get("reason")).asString()
				.startsWith("not started: ")
				.endsWith("Address already in use");
		}
	}

	@Test
	void downWhenThePublisherThreadDied() {
		LayoutBase<ILoggingEvent> fatal = new LayoutBase<>() {
			@Override
			public String doLayout(ILoggingEvent event) {
				throw new OutOfMemoryError("simulated");
			}
		};
		fatal.start();
		start((appender) -> appender.setLayout(fatal));
		LoggerFactory.getLogger("health.test").info("kills the publisher");
		await().until(() -> !this.appender.getStats().publisher().alive());
		assertThat(this.appender.getCounters().dropped(DropReason.SEND_FAILED)).isEqualTo(1);
		Health health = new ZmqLogHealthIndicator(this.appender).health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails().get("reason")).asString()
			.startsWith("publisher thread is not running: publisher thread failed: java.lang.OutOfMemoryError");
	}

	@Test
	void downWhenTheZapHandlerDied() {
		ZMQ.Curve.KeyPair server = ZMQ.Curve.generateKeyPair();
		ZMQ.Curve.KeyPair stranger = ZMQ.Curve.generateKeyPair();
		start((appender) -> {
			appender.getCurve().setServerSecretKey(server.secretKey);
			appender.getCurve().setServerPublicKey(server.publicKey);
			appender.getCurve().addAllowedClientKey(ZMQ.Curve.generateKeyPair().publicKey);
		});
		// A status listener that fails with an Error while a refusal is reported ends
		// the ZAP handler thread.
		StatusListener failing = (status) -> {
			if (status.getMessage().startsWith("Refused a CURVE client")) {
				throw new StackOverflowError("listener failed");
			}
		};
		StatusManager statusManager = this.appender.getContext().getStatusManager();
		statusManager.add(failing);
		String endpoint = this.appender.getStats().socket().boundEndpoints().get(0);
		try (TestSubscriber refused = new TestSubscriber(TestSubscriber.curve(server.publicKey, stranger), endpoint,
				"")) {
			await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(20)).until(() -> {
				assertThat(refused.receive(Duration.ofMillis(20))).isNull();
				return this.appender.getStats().curve().zapHandlerFailure() != null;
			});
		}
		finally {
			statusManager.remove(failing);
		}
		Health health = new ZmqLogHealthIndicator(this.appender).health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails().get("reason")).asString()
			.startsWith("the ZAP handler thread failed (java.lang.StackOverflowError: listener failed)")
			.contains("every CURVE client is refused");
	}

	@Test
	void downWhenALogbackResetDetachedIt() {
		start((appender) -> {
		});
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAndStopAllAppenders();
		Health health = new ZmqLogHealthIndicator(this.appender).health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails().get("reason")).asString().startsWith("detached from the root logger");
		RootLoggerAttacher.reattachAll();
		assertThat(new ZmqLogHealthIndicator(this.appender).health().getStatus()).isEqualTo(Status.UP);
	}

	private void start(Consumer<ZmqLogAppender> configuration) {
		this.appender = appender(configuration);
		this.appender.addBind("tcp://127.0.0.1:*");
		this.appender.start();
		assertThat(this.appender.isStarted()).isTrue();
		RootLoggerAttacher.attach(this.appender);
	}

	private static ZmqLogAppender appender(Consumer<ZmqLogAppender> configuration) {
		ZmqLogAppender appender = new ZmqLogAppender();
		appender.setName("health-test");
		appender.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
		configuration.accept(appender);
		return appender;
	}

}

package io.github.zmqlog.actuate.endpoint;

import java.time.Duration;

import ch.qos.logback.classic.LoggerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.LogLevel;

import io.github.zmqlog.actuate.endpoint.ZmqLogEndpoint.ZmqLogDescriptor;
import io.github.zmqlog.logback.DropReason;
import io.github.zmqlog.logback.RootLoggerAttacher;
import io.github.zmqlog.logback.ZmqLogAppender;
import io.github.zmqlog.testsupport.TestSubscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ZmqLogEndpoint} over a real appender and a real SUB.
 */
@Timeout(30)
class ZmqLogEndpointTests {

	private static final Logger log = LoggerFactory.getLogger(ZmqLogEndpointTests.class);

	private ZmqLogAppender appender;

	private ZmqLogEndpoint endpoint;

	@BeforeEach
	void start() {
		this.appender = new ZmqLogAppender();
		this.appender.setName("endpoint-test");
		this.appender.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
		this.appender.addBind("tcp://127.0.0.1:*");
		this.appender.setRootTopic("app");
		this.appender.start();
		RootLoggerAttacher.attach(this.appender);
		this.endpoint = new ZmqLogEndpoint(this.appender);
	}

	@AfterEach
	void stop() {
		RootLoggerAttacher.detach(this.appender);
		this.appender.stop();
	}

	@Test
	void readShowsStatusConfigurationAndVersion() {
		ZmqLogDescriptor descriptor = this.endpoint.zmqlog();
		assertThat(descriptor.attached()).isTrue();
		assertThat(descriptor.status().started()).isTrue();
		assertThat(descriptor.status().publisher().threadState()).isIn("WAITING", "TIMED_WAITING", "RUNNABLE");
		assertThat(descriptor.configuration()).containsEntry("bind", java.util.List.of("tcp://127.0.0.1:*"))
			.containsEntry("levelNames", "LOGBACK")
			.containsEntry("noDrop", false)
			.containsEntry("sendTimeout", "1 seconds")
			.containsKey("patterns");
		assertThat(descriptor.jeromqVersion()).isEqualTo("0.6.0");
	}

	@Test
	void readShowsSubscribersAndTheirSubscriptions() {
		try (TestSubscriber subscriber = new TestSubscriber(endpoint(), "app.ERROR", "app.WARN.db")) {
			// A SUB sends its subscriptions when its own thread uses the socket: after JeroMQ's
			// handshake stall (1 connection in ~20) it reconnects, and only a SUB being read re-sends.
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				assertThat(subscriber.receive(Duration.ofMillis(10))).isNull();
				ZmqLogDescriptor descriptor = this.endpoint.zmqlog();
				assertThat(descriptor.status().socket().subscribers()).isEqualTo(1);
				assertThat(descriptor.status().socket().subscriptions()).containsOnlyKeys("app.ERROR", "app.WARN.db");
			});
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.endpoint.zmqlog().status().socket().subscribers()).isZero());
	}

	@Test
	void writeChangesTheRootTopicAtOnce() {
		try (TestSubscriber subscriber = new TestSubscriber(endpoint(), "")) {
			subscriber.awaitSubscribed(log, "app");
			ZmqLogDescriptor descriptor = this.endpoint.configure("renamed", null, null);
			assertThat(descriptor.configuration()).containsEntry("rootTopic", "renamed");
			log.info("after the change");
			TestSubscriber.Message message = subscriber.receive(Duration.ofSeconds(10));
			assertThat(message.topic()).isEqualTo("renamed.INFO");
			assertThat(message.body()).isEqualTo("after the change\n");
		}
	}

	@Test
	void writeChangesTheThreshold() {
		this.endpoint.configure(null, LogLevel.ERROR, null);
		long before = this.appender.getCounters().enqueued();
		log.warn("below the threshold");
		log.error("at the threshold");
		assertThat(this.appender.getCounters().enqueued() - before).isEqualTo(1);
		assertThat(this.endpoint.zmqlog().configuration()).containsEntry("threshold", "ERROR");
	}

	@Test
	void writePausesAndResumes() {
		assertThat(this.endpoint.configure(null, null, true).configuration()).containsEntry("paused", true);
		log.info("counted as paused");
		assertThat(this.appender.getCounters().dropped(DropReason.PAUSED)).isEqualTo(1);
		assertThat(this.endpoint.configure(null, null, false).configuration()).containsEntry("paused", false);
		long before = this.appender.getCounters().enqueued();
		log.info("published again");
		assertThat(this.appender.getCounters().enqueued() - before).isEqualTo(1);
	}

	private String endpoint() {
		return this.appender.getStats().socket().boundEndpoints().get(0);
	}

}

package io.github.zmqlog.actuate.endpoint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.LogLevel;

import io.github.zmqlog.actuate.endpoint.ZmqLogEndpoint.ConfigurationDescriptor;
import io.github.zmqlog.actuate.endpoint.ZmqLogEndpoint.ZmqLogAppendersDescriptor;
import io.github.zmqlog.actuate.endpoint.ZmqLogEndpoint.ZmqLogDescriptor;
import io.github.zmqlog.logback.DropReason;
import io.github.zmqlog.logback.RootLoggerAttacher;
import io.github.zmqlog.logback.ZmqLogAppender;
import io.github.zmqlog.testsupport.TestSubscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ZmqLogEndpoint} over real appenders and a real SUB.
 */
@Timeout(30)
class ZmqLogEndpointTests {

	private static final Logger log = LoggerFactory.getLogger(ZmqLogEndpointTests.class);

	private final List<ZmqLogAppender> started = new ArrayList<>();

	private ZmqLogAppender appender;

	private ZmqLogEndpoint endpoint;

	@BeforeEach
	void start() {
		this.appender = start("endpoint-test", "app");
		this.endpoint = new ZmqLogEndpoint(Map.of("endpoint-test", this.appender));
	}

	@AfterEach
	void stop() {
		for (ZmqLogAppender each : this.started) {
			RootLoggerAttacher.detach(each);
			each.stop();
		}
	}

	@Test
	void readShowsStatusConfigurationAndVersion() {
		ZmqLogDescriptor descriptor = single();
		assertThat(descriptor.attached()).isTrue();
		assertThat(descriptor.status().started()).isTrue();
		assertThat(descriptor.status().publisher().threadState()).isIn("WAITING", "TIMED_WAITING", "RUNNABLE");
		assertThat(descriptor.status().curve().enabled()).isFalse();
		ConfigurationDescriptor configuration = descriptor.configuration();
		assertThat(configuration.rootTopic()).isEqualTo("app");
		assertThat(configuration.threshold()).isEqualTo("TRACE");
		assertThat(configuration.bind()).containsExactly("tcp://127.0.0.1:*");
		assertThat(configuration.levelNames()).isEqualTo("LOGBACK");
		assertThat(configuration.noDrop()).isFalse();
		assertThat(configuration.sendTimeout()).isEqualTo("1 seconds");
		assertThat(configuration.patterns()).containsOnlyKeys("trace", "debug", "info", "warn", "error")
			.containsEntry("info", ZmqLogAppender.DEFAULT_INFO_PATTERN)
			.containsEntry("warn", ZmqLogAppender.DEFAULT_PATTERN);
		assertThat(configuration.layout()).isNull();
		assertThat(configuration.encoder()).isNull();
		assertThat(descriptor.jeromqVersion()).isEqualTo("0.6.0");
	}

	@Test
	void readShowsTheEncoderAndNoPatternsWhenAnEncoderFormatsBodies() {
		ZmqLogAppender encoded = new ZmqLogAppender();
		encoded.setEncoder(new PatternLayoutEncoder());
		ConfigurationDescriptor configuration = ((ZmqLogDescriptor) new ZmqLogEndpoint(Map.of("encoded", encoded))
			.zmqlog()).configuration();
		assertThat(configuration.patterns()).isEmpty();
		assertThat(configuration.encoder()).isEqualTo(PatternLayoutEncoder.class.getName());
		assertThat(configuration.layout()).isNull();
	}

	@Test
	void readShowsSubscribersAndTheirSubscriptions() {
		try (TestSubscriber subscriber = new TestSubscriber(endpoint(), "app.ERROR", "app.WARN.db")) {
			// A SUB sends its subscriptions when its own thread uses the socket: after
			// JeroMQ's
			// handshake stall (1 connection in ~20) it reconnects, and only a SUB being
			// read re-sends.
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				assertThat(subscriber.receive(Duration.ofMillis(10))).isNull();
				ZmqLogDescriptor descriptor = single();
				assertThat(descriptor.status().socket().subscribers()).isEqualTo(1);
				assertThat(descriptor.status().socket().subscriptions()).containsOnlyKeys("app.ERROR", "app.WARN.db");
			});
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(single().status().socket().subscribers()).isZero());
	}

	@Test
	void writeChangesTheRootTopicAtOnce() {
		try (TestSubscriber subscriber = new TestSubscriber(endpoint(), "")) {
			subscriber.awaitSubscribed(log, "app");
			ZmqLogDescriptor descriptor = (ZmqLogDescriptor) this.endpoint.configure("renamed", null, null);
			assertThat(descriptor.configuration().rootTopic()).isEqualTo("renamed");
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
		assertThat(single().configuration().threshold()).isEqualTo("ERROR");
	}

	@Test
	void writePausesAndResumes() {
		assertThat(((ZmqLogDescriptor) this.endpoint.configure(null, null, true)).configuration().paused()).isTrue();
		log.info("counted as paused");
		assertThat(this.appender.getCounters().dropped(DropReason.PAUSED)).isEqualTo(1);
		assertThat(((ZmqLogDescriptor) this.endpoint.configure(null, null, false)).configuration().paused()).isFalse();
		long before = this.appender.getCounters().enqueued();
		log.info("published again");
		assertThat(this.appender.getCounters().enqueued() - before).isEqualTo(1);
	}

	@Test
	void readOfANameDescribesThatAppenderAndOfAnUnknownNameNothing() {
		ZmqLogDescriptor named = this.endpoint.appender("endpoint-test");
		assertThat(named.configuration()).isEqualTo(single().configuration());
		assertThat(named.status().socket().boundEndpoints()).containsExactly(endpoint());
		assertThat(this.endpoint.appender("missing")).isNull();
	}

	@Test
	void readDescribesEachOfSeveralAppendersByName() {
		ZmqLogEndpoint endpoint = new ZmqLogEndpoint(twoAppenders());
		Map<String, ZmqLogDescriptor> appenders = ((ZmqLogAppendersDescriptor) endpoint.zmqlog()).appenders();
		assertThat(appenders).containsOnlyKeys("endpoint-test", "second");
		assertThat(appenders.get("endpoint-test").configuration().rootTopic()).isEqualTo("app");
		assertThat(appenders.get("second").configuration().rootTopic()).isEqualTo("other");
		assertThat(appenders.get("second").status().socket().boundEndpoints())
			.isNotEqualTo(appenders.get("endpoint-test").status().socket().boundEndpoints());
		assertThat(endpoint.appender("second").configuration()).isEqualTo(appenders.get("second").configuration());
	}

	@Test
	void writeWithoutANameChangesEveryAppender() {
		ZmqLogEndpoint endpoint = new ZmqLogEndpoint(twoAppenders());
		ZmqLogAppendersDescriptor descriptor = (ZmqLogAppendersDescriptor) endpoint.configure(null, null, true);
		assertThat(descriptor.appenders().values())
			.allSatisfy((each) -> assertThat(each.configuration().paused()).isTrue());
		assertThat(this.started).allSatisfy((each) -> assertThat(each.isPaused()).isTrue());
	}

	@Test
	void writeToANameChangesOnlyThatAppender() {
		ZmqLogEndpoint endpoint = new ZmqLogEndpoint(twoAppenders());
		ZmqLogAppender second = this.started.get(1);
		assertThat(endpoint.configureAppender("second", null, null, true).configuration().paused()).isTrue();
		long enqueuedBefore = this.appender.getCounters().enqueued();
		log.info("published by the first, dropped by the second");
		assertThat(this.appender.getCounters().enqueued() - enqueuedBefore).isEqualTo(1);
		assertThat(second.getCounters().dropped(DropReason.PAUSED)).isEqualTo(1);
		assertThat(this.appender.isPaused()).isFalse();
		assertThat(endpoint.configureAppender("missing", null, null, true)).isNull();
	}

	private Map<String, ZmqLogAppender> twoAppenders() {
		Map<String, ZmqLogAppender> appenders = new LinkedHashMap<>();
		appenders.put("endpoint-test", this.appender);
		appenders.put("second", start("second", "other"));
		return appenders;
	}

	private ZmqLogAppender start(String name, String rootTopic) {
		ZmqLogAppender started = new ZmqLogAppender();
		started.setName(name);
		started.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
		started.addBind("tcp://127.0.0.1:*");
		started.setRootTopic(rootTopic);
		started.start();
		assertThat(started.isStarted()).isTrue();
		RootLoggerAttacher.attach(started);
		this.started.add(started);
		return started;
	}

	private ZmqLogDescriptor single() {
		return (ZmqLogDescriptor) this.endpoint.zmqlog();
	}

	private String endpoint() {
		return this.appender.getStats().socket().boundEndpoints().get(0);
	}

}

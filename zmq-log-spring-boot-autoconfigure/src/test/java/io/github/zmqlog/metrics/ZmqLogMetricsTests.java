package io.github.zmqlog.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.zmqlog.logback.DropReason;
import io.github.zmqlog.logback.StandaloneAppender;
import io.github.zmqlog.logback.ZmqLogAppender;
import io.github.zmqlog.testsupport.TestSubscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ZmqLogMetrics} over real appenders, each on a Logback context of its
 * own.
 */
@Timeout(30)
class ZmqLogMetricsTests {

	private final MeterRegistry registry = new SimpleMeterRegistry();

	private final List<ZmqLogAppender> appenders = new ArrayList<>();

	@AfterEach
	void stop() {
		this.appenders.forEach(ZmqLogAppender::stop);
	}

	@Test
	void sentCountsWhatTheSocketAccepted() {
		ZmqLogAppender appender = start("zmq");
		new ZmqLogMetrics(Map.of("zmq", appender)).bindTo(this.registry);
		Logger logger = logger(appender);
		for (int i = 0; i < 3; i++) {
			logger.info("event {}", i);
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> appender.getCounters().sent() == 3);
		assertThat(sent("zmq")).isEqualTo(3);
		assertThat(gauge("zmqlog.queue.size", "zmq").value()).isZero();
	}

	@Test
	void droppedHasACounterForEveryReasonAndLevel() {
		new ZmqLogMetrics(Map.of("zmq", start("zmq"))).bindTo(this.registry);
		List<String> reasons = this.registry.get("zmqlog.events.dropped")
			.functionCounters()
			.stream()
			.map((counter) -> counter.getId().getTag("reason") + "/" + counter.getId().getTag("level"))
			.toList();
		List<String> expected = new ArrayList<>();
		for (DropReason reason : DropReason.values()) {
			for (String level : List.of("trace", "debug", "info", "warn", "error", "unknown")) {
				expected.add(reason.name().toLowerCase(Locale.ROOT) + "/" + level);
			}
		}
		assertThat(reasons).containsExactlyInAnyOrderElementsOf(expected);
	}

	@Test
	void sentHasACounterForEveryLevel() {
		new ZmqLogMetrics(Map.of("zmq", start("zmq"))).bindTo(this.registry);
		assertThat(this.registry.get("zmqlog.events.sent").functionCounters())
			.extracting((counter) -> counter.getId().getTag("level"))
			.containsExactlyInAnyOrder("trace", "debug", "info", "warn", "error");
	}

	@Test
	void sentAndDroppedAreTaggedWithTheEventsLevel() {
		ZmqLogAppender appender = start("zmq");
		new ZmqLogMetrics(Map.of("zmq", appender)).bindTo(this.registry);
		Logger logger = logger(appender);
		logger.info("one");
		logger.info("two");
		logger.warn("three");
		await().atMost(Duration.ofSeconds(10)).until(() -> appender.getCounters().sent() == 3);
		assertThat(sent("zmq", "info").count()).isEqualTo(2);
		assertThat(sent("zmq", "warn").count()).isEqualTo(1);
		assertThat(sent("zmq", "error").count()).isZero();
		appender.setPaused(true);
		logger.error("dropped while paused");
		assertThat(dropped("zmq", "paused", "error").count()).isEqualTo(1);
		assertThat(dropped("zmq", "paused", "info").count()).isZero();
		assertThat(dropped("zmq", "paused", "unknown").count()).isZero();
		assertThat(dropped("zmq", "paused")).isEqualTo(1);
	}

	@Test
	void droppedCountsEachReason() {
		ZmqLogAppender appender = start("zmq");
		new ZmqLogMetrics(Map.of("zmq", appender)).bindTo(this.registry);
		appender.setPaused(true);
		logger(appender).info("dropped while paused");
		logger(appender).info("and again");
		assertThat(dropped("zmq", "paused")).isEqualTo(2);
		assertThat(dropped("zmq", "queue_full")).isZero();
		assertThat(sent("zmq")).isZero();
	}

	@Test
	void subscribersCountsThePeersConnected() {
		ZmqLogAppender appender = start("zmq");
		new ZmqLogMetrics(Map.of("zmq", appender)).bindTo(this.registry);
		Gauge subscribers = gauge("zmqlog.subscribers", "zmq");
		try (TestSubscriber subscriber = new TestSubscriber(appender.getStats().socket().boundEndpoints().get(0), "")) {
			await().atMost(Duration.ofSeconds(10)).until(() -> subscribers.value() == 1);
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> subscribers.value() == 0);
	}

	@Test
	void severalAppendersHaveOneSetOfMetersEachTaggedWithItsName() {
		Map<String, ZmqLogAppender> appenders = new LinkedHashMap<>();
		appenders.put("first", start("first"));
		appenders.put("second", start("second"));
		new ZmqLogMetrics(appenders).bindTo(this.registry);
		appenders.get("second").setPaused(true);
		logger(appenders.get("second")).info("dropped while paused");
		assertThat(dropped("second", "paused")).isEqualTo(1);
		assertThat(dropped("first", "paused")).isZero();
		for (String name : List.of("zmqlog.queue.size", "zmqlog.subscribers")) {
			assertThat(this.registry.get(name).meters()).extracting((meter) -> meter.getId().getTag("appender"))
				.containsExactlyInAnyOrder("first", "second");
		}
		assertThat(this.registry.get("zmqlog.events.sent").tag(ZmqLogMetrics.LEVEL_TAG, "info").meters())
			.extracting((meter) -> meter.getId().getTag("appender"))
			.containsExactlyInAnyOrder("first", "second");
	}

	@Test
	void queueGaugesShowWhatWaitsForThePublisherThread() throws InterruptedException {
		HoldingLayout layout = new HoldingLayout();
		ZmqLogAppender appender = start("zmq", (configured) -> configured.setLayout(layout));
		new ZmqLogMetrics(Map.of("zmq", appender)).bindTo(this.registry);
		Logger logger = logger(appender);
		try {
			logger.info("hold");
			assertThat(layout.holding.await(10, TimeUnit.SECONDS)).as("the publisher thread holds").isTrue();
			String large = "x".repeat(2000);
			for (int i = 0; i < 3; i++) {
				logger.info(large);
			}
			assertThat(gauge("zmqlog.queue.size", "zmq").value()).isEqualTo(3);
			// 2,000 characters at two bytes each, weighed while queued.
			assertThat(gauge("zmqlog.queue.bytes", "zmq").value()).isGreaterThanOrEqualTo(3 * 4000);
		}
		finally {
			layout.release.countDown();
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> appender.getCounters().sent() == 4);
		assertThat(gauge("zmqlog.queue.size", "zmq").value()).isZero();
		assertThat(gauge("zmqlog.queue.bytes", "zmq").value()).isZero();
	}

	@Test
	void everyMeterHasADescriptionAndABaseUnit() {
		new ZmqLogMetrics(Map.of("zmq", start("zmq"))).bindTo(this.registry);
		Map<String, String> units = new LinkedHashMap<>();
		this.registry.getMeters().forEach((meter) -> {
			assertThat(meter.getId().getDescription()).as(meter.getId().getName()).isNotBlank();
			units.put(meter.getId().getName(), meter.getId().getBaseUnit());
		});
		assertThat(units).containsOnly(Map.entry("zmqlog.events.sent", "events"),
				Map.entry("zmqlog.events.dropped", "events"), Map.entry("zmqlog.queue.size", "events"),
				Map.entry("zmqlog.queue.bytes", "bytes"), Map.entry("zmqlog.subscribers", "subscribers"));
	}

	@Test
	void noAppenderIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ZmqLogMetrics(Map.of()));
	}

	private double sent(String appender) {
		return sum(
				this.registry.get("zmqlog.events.sent").tag(ZmqLogMetrics.APPENDER_TAG, appender).functionCounters());
	}

	private FunctionCounter sent(String appender, String level) {
		return this.registry.get("zmqlog.events.sent")
			.tag(ZmqLogMetrics.APPENDER_TAG, appender)
			.tag(ZmqLogMetrics.LEVEL_TAG, level)
			.functionCounter();
	}

	private double dropped(String appender, String reason) {
		return sum(this.registry.get("zmqlog.events.dropped")
			.tag(ZmqLogMetrics.APPENDER_TAG, appender)
			.tag("reason", reason)
			.functionCounters());
	}

	private FunctionCounter dropped(String appender, String reason, String level) {
		return this.registry.get("zmqlog.events.dropped")
			.tag(ZmqLogMetrics.APPENDER_TAG, appender)
			.tag("reason", reason)
			.tag(ZmqLogMetrics.LEVEL_TAG, level)
			.functionCounter();
	}

	private static double sum(Collection<FunctionCounter> counters) {
		return counters.stream().mapToDouble(FunctionCounter::count).sum();
	}

	private Gauge gauge(String name, String appender) {
		return this.registry.get(name).tag(ZmqLogMetrics.APPENDER_TAG, appender).gauge();
	}

	private ZmqLogAppender start(String name) {
		return start(name, (appender) -> {
		});
	}

	private ZmqLogAppender start(String name, Consumer<ZmqLogAppender> configuration) {
		ZmqLogAppender appender = StandaloneAppender.start(name, configuration);
		this.appenders.add(appender);
		Logger logger = logger(appender);
		logger.setLevel(Level.INFO);
		logger.addAppender(appender);
		return appender;
	}

	private static Logger logger(ZmqLogAppender appender) {
		return StandaloneAppender.loggerContext(appender).getLogger("metrics.test");
	}

	/**
	 * Holds the publisher thread inside the formatting of a message {@code hold} until
	 * released, so that later events wait in the queue.
	 */
	private static final class HoldingLayout extends LayoutBase<ILoggingEvent> {

		final CountDownLatch holding = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		HoldingLayout() {
			start();
		}

		@Override
		public String doLayout(ILoggingEvent event) {
			if ("hold".equals(event.getMessage())) {
				this.holding.countDown();
				try {
					this.release.await(20, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			return event.getFormattedMessage();
		}

	}

}

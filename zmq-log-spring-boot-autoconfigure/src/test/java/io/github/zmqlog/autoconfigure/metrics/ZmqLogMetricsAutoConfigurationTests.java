package io.github.zmqlog.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.zmqlog.autoconfigure.TwoAppenders;
import io.github.zmqlog.autoconfigure.ZmqLogAutoConfiguration;
import io.github.zmqlog.logback.DropReason;
import io.github.zmqlog.logback.StandaloneAppender;
import io.github.zmqlog.logback.ZmqLogAppender;
import io.github.zmqlog.metrics.ZmqLogMetrics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ZmqLogMetricsAutoConfiguration}.
 */
@Timeout(30)
class ZmqLogMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqLogAutoConfiguration.class, ZmqLogMetricsAutoConfiguration.class))
		.withPropertyValues("zmqlog.bind=tcp://127.0.0.1:*");

	@Test
	void runShouldCreateMetersThatReadTheAppender() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ZmqLogMetrics.class);
			MeterRegistry registry = new SimpleMeterRegistry();
			context.getBean(ZmqLogMetrics.class).bindTo(registry);
			context.getBean(ZmqLogAppender.class).setPaused(true);
			LoggerFactory.getLogger("metrics.test").info("dropped while paused");
			assertThat(registry.get("zmqlog.events.dropped")
				.tag("appender", ZmqLogAutoConfiguration.APPENDER_NAME)
				.tag("reason", "paused")
				.tag("level", "info")
				.functionCounter()
				.count()).isEqualTo(1);
			assertThat(registry.get("zmqlog.events.sent").functionCounters())
				.allSatisfy((sent) -> assertThat(sent.count()).isZero());
			assertThat(registry.get("zmqlog.queue.size").gauge().value()).isZero();
			assertThat(registry.get("zmqlog.subscribers").gauge().value()).isZero();
		});
	}

	@Test
	void runWithTwoAppenderBeansShouldTagEachOnesMetersWithItsName() {
		this.contextRunner.withUserConfiguration(TwoAppenders.class).run((context) -> {
			assertThat(context).hasSingleBean(ZmqLogMetrics.class);
			MeterRegistry registry = new SimpleMeterRegistry();
			context.getBean(ZmqLogMetrics.class).bindTo(registry);
			ZmqLogAppender second = context.getBean("second", ZmqLogAppender.class);
			second.setPaused(true);
			StandaloneAppender.loggerContext(second).getLogger("metrics.test").info("dropped while paused");
			assertThat(second.getCounters().dropped(DropReason.PAUSED)).isEqualTo(1);
			assertThat(registry.get("zmqlog.events.dropped")
				.tag("appender", "second")
				.tag("reason", "paused")
				.tag("level", "info")
				.functionCounter()
				.count()).isEqualTo(1);
			assertThat(registry.get("zmqlog.events.dropped")
				.tag("appender", "first")
				.tag("reason", "paused")
				.tag("level", "info")
				.functionCounter()
				.count()).isZero();
			assertThat(registry.get("zmqlog.events.sent").tag("level", "info").functionCounters()).hasSize(2);
			assertThat(registry.get("zmqlog.subscribers").tag("appender", "first").gauge().value()).isZero();
		});
	}

	@Test
	void runWithoutMicrometerShouldBackOff() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ZmqLogMetrics.class));
	}

	@Test
	void runWhenPublishingDisabledShouldNotCreateMetrics() {
		this.contextRunner.withPropertyValues("zmqlog.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ZmqLogMetrics.class));
	}

}

package io.github.zmqlog.autoconfigure.health;

import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.zmqlog.autoconfigure.TwoAppenders;
import io.github.zmqlog.autoconfigure.ZmqLogAutoConfiguration;
import io.github.zmqlog.health.ZmqLogHealthIndicator;
import io.github.zmqlog.logback.ZmqLogAppender;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ZmqLogHealthContributorAutoConfiguration}.
 */
@Timeout(30)
class ZmqLogHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(ZmqLogAutoConfiguration.class, ZmqLogHealthContributorAutoConfiguration.class))
		.withPropertyValues("zmqlog.bind=tcp://127.0.0.1:*");

	@Test
	void runShouldCreateIndicator() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ZmqLogHealthIndicator.class).hasBean("zmqlogHealthContributor");
			assertThat(context.getBean(ZmqLogHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void runWithTwoAppenderBeansShouldCreateACompositeWithAnIndicatorForEach() {
		this.contextRunner.withUserConfiguration(TwoAppenders.class).run((context) -> {
			assertThat(context).doesNotHaveBean(ZmqLogAutoConfiguration.APPENDER_NAME)
				.doesNotHaveBean(ZmqLogHealthIndicator.class);
			CompositeHealthContributor composite = context.getBean("zmqlogHealthContributor",
					CompositeHealthContributor.class);
			Map<String, Object> endpointsByName = composite.stream()
				.collect(Collectors.toMap(HealthContributors.Entry::name, (entry) -> {
					Health health = ((ZmqLogHealthIndicator) entry.contributor()).health();
					assertThat(health.getStatus()).isEqualTo(Status.UP);
					return health.getDetails().get("endpoints");
				}));
			assertThat(endpointsByName).containsOnlyKeys("first", "second");
			context.getBeansOfType(ZmqLogAppender.class)
				.forEach((name, appender) -> assertThat(endpointsByName.get(name))
					.isEqualTo(appender.getStats().socket().boundEndpoints()));
		});
	}

	@Test
	void runWithAnIndicatorOfTheApplicationsOwnShouldBackOff() {
		this.contextRunner
			.withBean("zmqlogHealthIndicator", ZmqLogHealthIndicator.class,
					() -> new ZmqLogHealthIndicator(new ZmqLogAppender()))
			.run((context) -> assertThat(context).doesNotHaveBean("zmqlogHealthContributor")
				.hasSingleBean(ZmqLogHealthIndicator.class));
	}

	@Test
	void runWhenDisabledShouldNotCreateIndicator() {
		this.contextRunner.withPropertyValues("management.health.zmqlog.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ZmqLogHealthIndicator.class));
	}

	@Test
	void runWithoutHealthModuleShouldBackOff() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ConditionalOnEnabledHealthIndicator.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ZmqLogHealthIndicator.class));
	}

	@Test
	void runWhenPublishingDisabledShouldNotCreateIndicator() {
		this.contextRunner.withPropertyValues("zmqlog.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ZmqLogHealthIndicator.class));
	}

}

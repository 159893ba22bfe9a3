package io.github.zmqlog.autoconfigure.health;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.zmqlog.autoconfigure.ZmqLogAutoConfiguration;
import io.github.zmqlog.health.ZmqLogHealthIndicator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ZmqLogHealthContributorAutoConfiguration}.
 */
@Timeout(30)
class ZmqLogHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqLogAutoConfiguration.class,
				ZmqLogHealthContributorAutoConfiguration.class))
		.withPropertyValues("zmqlog.bind=tcp://127.0.0.1:*");

	@Test
	void runShouldCreateIndicator() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(ZmqLogHealthIndicator.class));
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

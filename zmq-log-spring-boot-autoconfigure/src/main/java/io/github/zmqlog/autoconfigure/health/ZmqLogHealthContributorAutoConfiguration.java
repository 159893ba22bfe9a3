package io.github.zmqlog.autoconfigure.health;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.CompositeHealthContributorConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;

import io.github.zmqlog.autoconfigure.ZmqLogAutoConfiguration;
import io.github.zmqlog.health.ZmqLogHealthIndicator;
import io.github.zmqlog.logback.ZmqLogAppender;

/**
 * Auto-configuration of {@link ZmqLogHealthIndicator}, {@code /actuator/health/zmqlog}:
 * one indicator for one {@link ZmqLogAppender} bean, or a composite of one per appender,
 * by bean name ({@code /actuator/health/zmqlog/{name}}).
 */
@AutoConfiguration(after = ZmqLogAutoConfiguration.class)
@ConditionalOnClass({ ConditionalOnEnabledHealthIndicator.class, ZmqLogAppender.class })
@ConditionalOnBean(ZmqLogAppender.class)
@ConditionalOnEnabledHealthIndicator("zmqlog")
public final class ZmqLogHealthContributorAutoConfiguration
		extends CompositeHealthContributorConfiguration<ZmqLogHealthIndicator, ZmqLogAppender> {

	ZmqLogHealthContributorAutoConfiguration() {
		super(ZmqLogHealthIndicator::new);
	}

	@Bean
	@ConditionalOnMissingBean(name = { "zmqlogHealthIndicator", "zmqlogHealthContributor" })
	HealthContributor zmqlogHealthContributor(ConfigurableListableBeanFactory beanFactory) {
		return createContributor(beanFactory, ZmqLogAppender.class);
	}

}

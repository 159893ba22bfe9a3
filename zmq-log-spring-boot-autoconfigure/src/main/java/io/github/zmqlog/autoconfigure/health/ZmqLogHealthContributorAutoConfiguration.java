package io.github.zmqlog.autoconfigure.health;

import io.github.zmqlog.autoconfigure.ZmqLogAutoConfiguration;
import io.github.zmqlog.health.ZmqLogHealthIndicator;
import io.github.zmqlog.logback.ZmqLogAppender;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of {@link ZmqLogHealthIndicator}, {@code /actuator/health/zmqlog}.
 */
@AutoConfiguration(after = ZmqLogAutoConfiguration.class)
@ConditionalOnClass({ ConditionalOnEnabledHealthIndicator.class, ZmqLogAppender.class })
@ConditionalOnSingleCandidate(ZmqLogAppender.class)
@ConditionalOnEnabledHealthIndicator("zmqlog")
public final class ZmqLogHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "zmqlogHealthIndicator")
	ZmqLogHealthIndicator zmqlogHealthIndicator(ZmqLogAppender appender) {
		return new ZmqLogHealthIndicator(appender);
	}

}

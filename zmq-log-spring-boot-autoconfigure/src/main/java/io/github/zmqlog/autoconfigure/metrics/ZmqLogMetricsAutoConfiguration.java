package io.github.zmqlog.autoconfigure.metrics;

import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.SimpleAutowireCandidateResolver;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.github.zmqlog.autoconfigure.ZmqLogAutoConfiguration;
import io.github.zmqlog.logback.ZmqLogAppender;
import io.github.zmqlog.metrics.ZmqLogMetrics;

/**
 * Auto-configuration of {@link ZmqLogMetrics} over every {@link ZmqLogAppender} bean,
 * each tagged with its bean name: Spring Boot binds it to every meter registry.
 */
@AutoConfiguration(after = ZmqLogAutoConfiguration.class)
@ConditionalOnClass({ MeterBinder.class, ZmqLogAppender.class })
@ConditionalOnBean(ZmqLogAppender.class)
public final class ZmqLogMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ZmqLogMetrics zmqLogMetrics(ConfigurableListableBeanFactory beanFactory) {
		return new ZmqLogMetrics(
				SimpleAutowireCandidateResolver.resolveAutowireCandidates(beanFactory, ZmqLogAppender.class));
	}

}

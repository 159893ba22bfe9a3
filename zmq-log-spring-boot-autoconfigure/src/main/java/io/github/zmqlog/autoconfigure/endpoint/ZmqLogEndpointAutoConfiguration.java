package io.github.zmqlog.autoconfigure.endpoint;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.SimpleAutowireCandidateResolver;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.github.zmqlog.actuate.endpoint.ZmqLogEndpoint;
import io.github.zmqlog.autoconfigure.ZmqLogAutoConfiguration;
import io.github.zmqlog.logback.ZmqLogAppender;

/**
 * Auto-configuration of {@link ZmqLogEndpoint}, {@code /actuator/zmqlog}, over every
 * {@link ZmqLogAppender} bean, each known by its bean name.
 */
@AutoConfiguration(after = ZmqLogAutoConfiguration.class)
@ConditionalOnClass({ ConditionalOnAvailableEndpoint.class, ZmqLogAppender.class })
@ConditionalOnBean(ZmqLogAppender.class)
@ConditionalOnAvailableEndpoint(ZmqLogEndpoint.class)
public final class ZmqLogEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ZmqLogEndpoint zmqLogEndpoint(ConfigurableListableBeanFactory beanFactory) {
		return new ZmqLogEndpoint(
				SimpleAutowireCandidateResolver.resolveAutowireCandidates(beanFactory, ZmqLogAppender.class));
	}

}

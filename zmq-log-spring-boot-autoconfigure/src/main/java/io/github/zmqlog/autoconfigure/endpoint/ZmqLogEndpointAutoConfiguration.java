package io.github.zmqlog.autoconfigure.endpoint;

import io.github.zmqlog.actuate.endpoint.ZmqLogEndpoint;
import io.github.zmqlog.autoconfigure.ZmqLogAutoConfiguration;
import io.github.zmqlog.logback.ZmqLogAppender;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of {@link ZmqLogEndpoint}, {@code /actuator/zmqlog}.
 */
@AutoConfiguration(after = ZmqLogAutoConfiguration.class)
@ConditionalOnClass({ ConditionalOnAvailableEndpoint.class, ZmqLogAppender.class })
@ConditionalOnSingleCandidate(ZmqLogAppender.class)
@ConditionalOnAvailableEndpoint(ZmqLogEndpoint.class)
public final class ZmqLogEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ZmqLogEndpoint zmqLogEndpoint(ZmqLogAppender appender) {
		return new ZmqLogEndpoint(appender);
	}

}

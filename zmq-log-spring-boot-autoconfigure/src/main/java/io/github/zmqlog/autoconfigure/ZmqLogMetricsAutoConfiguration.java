package io.github.zmqlog.autoconfigure;

import io.github.zmqlog.actuate.ZmqLogMetrics;
import io.github.zmqlog.logback.ZmqLogAppender;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of {@link ZmqLogMetrics}: Spring Boot binds it to every meter registry.
 */
@AutoConfiguration(after = ZmqLogAutoConfiguration.class)
@ConditionalOnClass({ MeterBinder.class, ZmqLogAppender.class })
@ConditionalOnSingleCandidate(ZmqLogAppender.class)
public final class ZmqLogMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ZmqLogMetrics zmqLogMetrics(ZmqLogAppender appender) {
		return new ZmqLogMetrics(appender);
	}

}

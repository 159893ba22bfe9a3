package io.github.zmqlog.autoconfigure.metrics;

import io.github.zmqlog.autoconfigure.ZmqLogAutoConfiguration;
import io.github.zmqlog.logback.ZmqLogAppender;
import io.github.zmqlog.metrics.ZmqLogMetrics;
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

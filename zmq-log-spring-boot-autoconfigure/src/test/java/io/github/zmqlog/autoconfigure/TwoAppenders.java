package io.github.zmqlog.autoconfigure;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.zmqlog.logback.RootLoggerAttacher;
import io.github.zmqlog.logback.StandaloneAppender;
import io.github.zmqlog.logback.ZmqLogAppender;

/**
 * An application's own two appender beans, {@code first} and {@code second}, so that the
 * auto-configured one backs off: each a {@link StandaloneAppender}, detached and stopped
 * when the context closes.
 */
@Configuration(proxyBeanMethods = false)
public class TwoAppenders {

	@Bean(destroyMethod = "")
	ZmqLogAppender first() {
		return StandaloneAppender.start("first");
	}

	@Bean(destroyMethod = "")
	ZmqLogAppender second() {
		return StandaloneAppender.start("second");
	}

	@Bean
	DisposableBean twoAppendersStop(ObjectProvider<ZmqLogAppender> appenders) {
		return () -> appenders.forEach((appender) -> {
			RootLoggerAttacher.detach(appender);
			appender.stop();
		});
	}

}

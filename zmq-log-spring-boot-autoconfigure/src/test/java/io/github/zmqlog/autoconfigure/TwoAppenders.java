package io.github.zmqlog.autoconfigure;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.zmqlog.logback.RootLoggerAttacher;
import io.github.zmqlog.logback.ZmqLogAppender;

/**
 * An application's own two appender beans, {@code first} and {@code second}, so that the
 * auto-configured one backs off: each on a Logback context of its own, bound to
 * {@code tcp://127.0.0.1:*} and started, then detached and stopped when the context closes.
 */
@Configuration(proxyBeanMethods = false)
public class TwoAppenders {

	@Bean(destroyMethod = "")
	ZmqLogAppender first() {
		return started("first");
	}

	@Bean(destroyMethod = "")
	ZmqLogAppender second() {
		return started("second");
	}

	@Bean
	DisposableBean twoAppendersStop(ObjectProvider<ZmqLogAppender> appenders) {
		return () -> appenders.forEach((appender) -> {
			RootLoggerAttacher.detach(appender);
			appender.stop();
		});
	}

	/**
	 * Returns the Logback context an appender of this configuration publishes from.
	 * @param appender the appender
	 * @return its context, whose root logger it is attached to
	 */
	public static LoggerContext loggerContext(ZmqLogAppender appender) {
		return (LoggerContext) appender.getContext();
	}

	private static ZmqLogAppender started(String name) {
		LoggerContext context = new LoggerContext();
		context.setName(name);
		context.setMDCAdapter(new LogbackMDCAdapter());
		ZmqLogAppender appender = new ZmqLogAppender();
		appender.setName(name);
		appender.setContext(context);
		appender.addBind("tcp://127.0.0.1:*");
		appender.start();
		return appender;
	}

}

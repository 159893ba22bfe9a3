package io.github.zmqlog.logback;

import java.util.function.Consumer;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;

/**
 * Appenders for tests that need several: each on a Logback context of its own, so that
 * none sees another's events or the application's.
 */
public final class StandaloneAppender {

	private StandaloneAppender() {
	}

	/**
	 * Starts an appender bound to {@code tcp://127.0.0.1:*} on a new Logback context.
	 * @param name the appender's name, also its context's
	 * @return the appender, started; its context is
	 * {@link #loggerContext(ZmqLogAppender)}
	 */
	public static ZmqLogAppender start(String name) {
		return start(name, (appender) -> {
		});
	}

	/**
	 * Starts an appender bound to {@code tcp://127.0.0.1:*} on a new Logback context,
	 * with more options.
	 * @param name the appender's name, also its context's
	 * @param configuration options to set before it starts
	 * @return the appender, started
	 */
	public static ZmqLogAppender start(String name, Consumer<ZmqLogAppender> configuration) {
		LoggerContext context = new LoggerContext();
		context.setName(name);
		context.setMDCAdapter(new LogbackMDCAdapter());
		ZmqLogAppender appender = new ZmqLogAppender();
		appender.setName(name);
		appender.setContext(context);
		appender.addBind("tcp://127.0.0.1:*");
		configuration.accept(appender);
		appender.start();
		if (!appender.isStarted()) {
			throw new IllegalStateException("Appender " + name + " did not start: " + appender.getProblems());
		}
		return appender;
	}

	/**
	 * Returns the Logback context an appender publishes from.
	 * @param appender the appender
	 * @return its context
	 */
	public static LoggerContext loggerContext(ZmqLogAppender appender) {
		return (LoggerContext) appender.getContext();
	}

}

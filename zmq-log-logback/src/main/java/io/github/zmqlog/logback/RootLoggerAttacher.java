package io.github.zmqlog.logback;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;

/**
 * Keeps the appenders of every running application in the JVM attached to their root
 * logger.
 *
 * <p>
 * A Logback reset detaches and stops every appender. A listener on the context
 * ({@link ReattachOnReset}) attaches them again within the reset itself, whoever resets:
 * {@code LoggerContext.reset()}, a {@code scan="true"} reload, JMX. Spring Boot stops the
 * context before it resets it each time an application in the JVM sets up logging, and
 * stopping removes every listener: {@link #reattachAll()}, which runs after such a reset,
 * attaches what is missing, for all applications, even those still running, and registers
 * the listener again. The registry is static for that reason. Attaching is idempotent;
 * the appender is attached through a {@link ForwardingAppender}, so a reset never stops
 * the publisher itself.
 */
public final class RootLoggerAttacher {

	private static final Map<ZmqLogAppender, ForwardingAppender> attached = new ConcurrentHashMap<>();

	private RootLoggerAttacher() {
	}

	/**
	 * Attaches an appender to its context's root logger, and keeps it attached until
	 * {@link #detach}.
	 * @param appender the appender, its Logback context set
	 */
	public static synchronized void attach(ZmqLogAppender appender) {
		LoggerContext context = loggerContext(appender);
		if (!context.getCopyOfListenerList().contains(ReattachOnReset.INSTANCE)) {
			// Again after a stop of the context, which removes every listener and may
			// leave the forwarder attached.
			context.addListener(ReattachOnReset.INSTANCE);
		}
		ForwardingAppender forwarding = attached.get(appender);
		Logger root = rootLogger(appender);
		if (forwarding != null && forwarding.isStarted() && root.isAttached(forwarding)) {
			return;
		}
		if (forwarding != null) {
			root.detachAppender(forwarding);
		}
		forwarding = new ForwardingAppender(appender);
		forwarding.start();
		root.addAppender(forwarding);
		attached.put(appender, forwarding);
	}

	/**
	 * Detaches an appender and forgets it.
	 * @param appender the appender
	 */
	public static synchronized void detach(ZmqLogAppender appender) {
		ForwardingAppender forwarding = attached.remove(appender);
		if (forwarding != null) {
			rootLogger(appender).detachAppender(forwarding);
			forwarding.stop();
		}
		LoggerContext context = loggerContext(appender);
		if (attached.keySet().stream().noneMatch((other) -> other.getContext() == context)) {
			context.removeListener(ReattachOnReset.INSTANCE);
		}
	}

	/**
	 * Attaches again every appender a Logback reset detached.
	 */
	public static synchronized void reattachAll() {
		for (ZmqLogAppender appender : attached.keySet()) {
			attach(appender);
		}
	}

	/**
	 * Attaches again the appenders of one context, which a reset of it detached.
	 * @param context the Logback context
	 */
	static synchronized void reattach(LoggerContext context) {
		for (ZmqLogAppender appender : attached.keySet()) {
			if (appender.getContext() == context) {
				attach(appender);
			}
		}
	}

	/**
	 * Returns whether an appender is attached to its root logger now.
	 * @param appender the appender
	 * @return whether events logged to the root logger reach it
	 */
	public static boolean isAttached(ZmqLogAppender appender) {
		ForwardingAppender forwarding = attached.get(appender);
		return forwarding != null && forwarding.isStarted() && rootLogger(appender).isAttached(forwarding);
	}

	private static Logger rootLogger(ZmqLogAppender appender) {
		return loggerContext(appender).getLogger(Logger.ROOT_LOGGER_NAME);
	}

	private static LoggerContext loggerContext(ZmqLogAppender appender) {
		return (LoggerContext) appender.getContext();
	}

}

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
 * Spring Boot resets Logback each time an application in the JVM sets up logging,
 * detaching appenders added by hand, even those of other applications that are still
 * running. The registry is static for that reason: {@link #reattachAll()} runs after
 * every such reset and attaches what is missing. Attaching is idempotent; the appender is
 * attached through a {@link ForwardingAppender}, so the reset never stops the publisher
 * itself.
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
	 * Returns whether an appender is attached to its root logger now.
	 * @param appender the appender
	 * @return whether events logged to the root logger reach it
	 */
	public static boolean isAttached(ZmqLogAppender appender) {
		ForwardingAppender forwarding = attached.get(appender);
		return forwarding != null && forwarding.isStarted() && rootLogger(appender).isAttached(forwarding);
	}

	private static Logger rootLogger(ZmqLogAppender appender) {
		return ((LoggerContext) appender.getContext()).getLogger(Logger.ROOT_LOGGER_NAME);
	}

}

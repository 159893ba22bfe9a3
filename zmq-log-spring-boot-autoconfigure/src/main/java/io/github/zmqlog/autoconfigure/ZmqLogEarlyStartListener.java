package io.github.zmqlog.autoconfigure;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;

/**
 * Starts the auto-configured publisher as soon as Spring Boot has initialised logging
 * ({@link ZmqLogEarlyStart}), and releases one that no bean claimed once the application
 * has started or failed. Registered in {@code META-INF/spring.factories}, ordered after
 * {@link LoggingApplicationListener} and {@link RootLoggerReattachListener}.
 */
public class ZmqLogEarlyStartListener implements GenericApplicationListener {

	/** After {@link RootLoggerReattachListener}. */
	public static final int ORDER = RootLoggerReattachListener.ORDER + 1;

	/** The optional dependencies the appender needs, all on the class path. */
	private static final boolean PRESENT = isPresent("ch.qos.logback.classic.LoggerContext")
			&& isPresent("org.zeromq.ZContext") && isPresent("io.github.zmqlog.logback.ZmqLogAppender");

	@Override
	public boolean supportsEventType(ResolvableType eventType) {
		Class<?> type = eventType.getRawClass();
		return type != null && (ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(type)
				|| ApplicationStartedEvent.class.isAssignableFrom(type)
				|| ApplicationFailedEvent.class.isAssignableFrom(type));
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (!PRESENT) {
			return;
		}
		if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
			ZmqLogEarlyStart.start(prepared.getSpringApplication(), prepared.getEnvironment());
		}
		else if (event instanceof ApplicationStartedEvent started) {
			ZmqLogEarlyStart.release(started.getApplicationContext().getEnvironment());
		}
		else if (event instanceof ApplicationFailedEvent failed) {
			ZmqLogEarlyStart.release(failed.getSpringApplication());
		}
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	private static boolean isPresent(String className) {
		return ClassUtils.isPresent(className, ZmqLogEarlyStartListener.class.getClassLoader());
	}

}

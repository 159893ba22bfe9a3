package io.github.zmqlog.autoconfigure;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;

import io.github.zmqlog.logback.RootLoggerAttacher;

/**
 * Attaches the appenders of running applications again right after Spring Boot has reset
 * Logback. Boot does that in {@link LoggingApplicationListener}, when any application in
 * the JVM prepares its environment; this listener is ordered just after it, and
 * registered in {@code META-INF/spring.factories} so that it runs before any bean exists.
 * It checks again when a context is refreshed. Idempotent and cheap when nothing is
 * missing.
 *
 * <p>
 * A plain reset needs no Spring event: {@link RootLoggerAttacher} re-attaches from a
 * Logback listener. Boot, though, stops the Logback context before resetting it, and
 * stopping removes every Logback listener; this one attaches the appenders and registers
 * that listener again.
 */
public class RootLoggerReattachListener implements GenericApplicationListener {

	/** Just after Spring Boot's {@link LoggingApplicationListener}. */
	public static final int ORDER = LoggingApplicationListener.DEFAULT_ORDER + 1;

	/** The optional dependencies the appender needs, all on the class path. */
	private static final boolean LOGBACK_JEROMQ_AND_APPENDER_PRESENT = isPresent("ch.qos.logback.classic.LoggerContext")
			&& isPresent("org.zeromq.ZContext") && isPresent("io.github.zmqlog.logback.RootLoggerAttacher");

	@Override
	public boolean supportsEventType(ResolvableType eventType) {
		Class<?> type = eventType.getRawClass();
		return type != null && (ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(type)
				|| ContextRefreshedEvent.class.isAssignableFrom(type));
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (LOGBACK_JEROMQ_AND_APPENDER_PRESENT) {
			RootLoggerAttacher.reattachAll();
		}
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	private static boolean isPresent(String className) {
		return ClassUtils.isPresent(className, RootLoggerReattachListener.class.getClassLoader());
	}

}

package io.github.zmqlog.autoconfigure;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import ch.qos.logback.classic.LoggerContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.ParentContextApplicationContextInitializer;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.zeromq.ZContext;

import io.github.zmqlog.logback.RootLoggerAttacher;
import io.github.zmqlog.logback.ZmqLogAppender;
import io.github.zmqlog.logback.status.JeroMqErrorHandler;

/**
 * The auto-configured publisher, started as soon as Spring Boot has initialised logging,
 * so that Boot's own start-up lines are published; the beans then expose it.
 *
 * <p>
 * {@link ZmqLogEarlyStartListener} starts it when an application's environment is
 * prepared: configured from the {@code zmqlog.*} properties bound from that environment,
 * started (holding its first events for the first subscriber, see
 * {@code zmqlog.startup-hold.*}) and attached to the root logger. A failed start is not
 * thrown there: the {@code zmqLogAppender} bean reports it as it always has, so that
 * {@code zmqlog.fail-fast} and the failure analysis work unchanged. The
 * {@code zmqLogContext} bean claims it when the {@code zmqlog.*} properties are still
 * what they were (a test's {@code @DynamicPropertySource} adds some only later); it is
 * released, stopped and closed, when they changed, when the application defines its own
 * {@code ZContext} or appender bean (before any bean is created), and when the
 * application started or failed without claiming it (the auto-configuration excluded).
 * Child applications ({@code SpringApplicationBuilder.child}) start none: their parent's
 * publisher serves them.
 *
 * <p>
 * Thread-safety: the registry is guarded by the class's lock; an application starts on
 * one thread.
 */
final class ZmqLogEarlyStart {

	/** Started and not yet claimed or released, by the application's environment. */
	private static final Map<Environment, ZmqLogEarlyStart> unclaimed = new IdentityHashMap<>();

	/** Claimed by a {@code zmqLogContext} bean, for its {@code zmqLogAppender} bean. */
	private static final Map<ZContext, ZmqLogEarlyStart> claimed = new IdentityHashMap<>();

	private final SpringApplication application;

	private final Object fingerprint;

	private final ZContext zContext;

	private final ZmqLogAppender appender;

	private ZmqLogEarlyStart(SpringApplication application, Object fingerprint, ZContext zContext,
			ZmqLogAppender appender) {
		this.application = application;
		this.fingerprint = fingerprint;
		this.zContext = zContext;
		this.appender = appender;
	}

	/**
	 * Starts the publisher of an application whose environment is prepared, unless
	 * publishing is off or another part serves it.
	 * @param application the application
	 * @param environment its environment, logging initialised from it
	 */
	static void start(SpringApplication application, ConfigurableEnvironment environment) {
		if (!shouldStart(application, environment)
				|| !(LoggerFactory.getILoggerFactory() instanceof LoggerContext loggerContext)) {
			return;
		}
		ZmqLogProperties properties;
		try {
			properties = Binder.get(environment)
				.bind("zmqlog", ZmqLogProperties.class)
				.orElseGet(ZmqLogProperties::new);
		}
		catch (RuntimeException ex) {
			// The bean binds them again, and Spring Boot's failure analysis names the
			// property.
			return;
		}
		ZContext zContext = JeroMqErrorHandler.newZContext(loggerContext);
		ZmqLogAppender appender = new ZmqLogAppender();
		appender.setName(ZmqLogAutoConfiguration.APPENDER_NAME);
		appender.setContext(loggerContext);
		appender.setZContext(zContext);
		try {
			ZmqLogAutoConfiguration.configure(appender, properties, environment);
		}
		catch (RuntimeException ex) {
			// A bad format or pattern: the bean reports it.
			zContext.close();
			return;
		}
		appender.start();
		if (appender.isStarted()) {
			RootLoggerAttacher.attach(appender);
		}
		ZmqLogEarlyStart early = new ZmqLogEarlyStart(application, fingerprint(environment), zContext, appender);
		ZmqLogEarlyStart previous;
		synchronized (ZmqLogEarlyStart.class) {
			previous = unclaimed.put(environment, early);
		}
		if (previous != null) {
			previous.release();
		}
	}

	private static boolean shouldStart(SpringApplication application, Environment environment) {
		if (!environment.getProperty("zmqlog.enabled", Boolean.class, true)
				|| !environment.getProperty(EnableAutoConfiguration.ENABLED_OVERRIDE_PROPERTY, Boolean.class, true)
				|| application.getInitializers()
					.stream()
					.anyMatch(ParentContextApplicationContextInitializer.class::isInstance)) {
			return false;
		}
		List<String> excluded = Binder.get(environment)
			.bind("spring.autoconfigure.exclude", Bindable.listOf(String.class))
			.orElse(List.of());
		if (excluded.stream().anyMatch((name) -> name.trim().equals(ZmqLogAutoConfiguration.class.getName()))) {
			return false;
		}
		// Only an application that runs auto-configurations; it still may exclude ours.
		return application.getAllSources()
			.stream()
			.filter(Class.class::isInstance)
			.map((source) -> MergedAnnotations.from((Class<?>) source, SearchStrategy.TYPE_HIERARCHY))
			.anyMatch((annotations) -> annotations.isPresent(EnableAutoConfiguration.class)
					|| annotations.isPresent(ImportAutoConfiguration.class));
	}

	/**
	 * What the auto-configured publisher is made of: the {@code zmqlog.*} properties and
	 * those it reads besides.
	 * @param environment the environment
	 * @return a value equal to that of an environment that configures the same publisher
	 */
	private static Object fingerprint(Environment environment) {
		Binder binder = Binder.get(environment);
		Bindable<Map<String, Object>> tree = Bindable.mapOf(String.class, Object.class);
		return List.of(binder.bind("zmqlog", tree).orElse(Map.of()),
				binder.bind("logging.structured", tree).orElse(Map.of()),
				Objects.toString(environment.getProperty("spring.application.name")));
	}

	/**
	 * Claims the early publisher of an application for its {@code zmqLogContext} bean,
	 * when the properties still configure the same publisher; otherwise releases it.
	 * @param environment the application's environment
	 * @return the context the early publisher runs in, or {@code null} when there is none
	 * to claim
	 */
	static @Nullable ZContext claimContext(Environment environment) {
		ZmqLogEarlyStart early;
		synchronized (ZmqLogEarlyStart.class) {
			early = unclaimed.remove(environment);
			if (early != null && early.fingerprint.equals(fingerprint(environment))) {
				claimed.put(early.zContext, early);
				return early.zContext;
			}
		}
		if (early != null) {
			early.release();
		}
		return null;
	}

	/**
	 * Takes the early publisher that runs in a claimed context, for the
	 * {@code zmqLogAppender} bean; releases an unclaimed one of the application, since
	 * that bean makes a publisher of its own in another context.
	 * @param zContext the context the bean is given
	 * @param environment the application's environment
	 * @return the appender, started or failed to start, or {@code null}
	 */
	static @Nullable ZmqLogAppender takeAppender(ZContext zContext, Environment environment) {
		ZmqLogEarlyStart early;
		synchronized (ZmqLogEarlyStart.class) {
			early = claimed.remove(zContext);
		}
		if (early != null) {
			return early.appender;
		}
		release(environment);
		return null;
	}

	/**
	 * Releases an application's unclaimed early publisher, e.g. once it has started.
	 * @param environment the application's environment
	 */
	static void release(Environment environment) {
		ZmqLogEarlyStart early;
		synchronized (ZmqLogEarlyStart.class) {
			early = unclaimed.remove(environment);
		}
		if (early != null) {
			early.release();
		}
	}

	/**
	 * Releases an application's early publisher when it failed, maybe before it had a
	 * context: unclaimed, or claimed with its context while no appender bean took it.
	 * @param application the application
	 */
	static void release(SpringApplication application) {
		List<ZmqLogEarlyStart> found = new ArrayList<>();
		synchronized (ZmqLogEarlyStart.class) {
			unclaimed.values().removeIf((early) -> early.application == application && found.add(early));
			claimed.values().removeIf((early) -> early.application == application && found.add(early));
		}
		found.forEach(ZmqLogEarlyStart::release);
	}

	/**
	 * Releases the early publisher before any bean is created when the application's own
	 * {@code ZContext} or appender bean replaces the auto-configured one: that bean may
	 * bind the same endpoint.
	 * @param beanFactory the application's bean factory, its definitions complete
	 */
	static void releaseUnlessAutoConfigured(ConfigurableListableBeanFactory beanFactory) {
		if (isAutoConfigured(beanFactory, ZContext.class, "zmqLogContext")
				&& isAutoConfigured(beanFactory, ZmqLogAppender.class, ZmqLogAutoConfiguration.APPENDER_NAME)) {
			return;
		}
		Object environment = beanFactory.getSingleton("environment");
		if (environment instanceof Environment env) {
			release(env);
		}
	}

	private static boolean isAutoConfigured(ConfigurableListableBeanFactory beanFactory, Class<?> type, String name) {
		String[] names = beanFactory.getBeanNamesForType(type, true, false);
		if (names.length != 1 || !names[0].equals(name) || !beanFactory.containsBeanDefinition(name)) {
			return false;
		}
		BeanDefinition definition = beanFactory.getBeanDefinition(name);
		// Without metadata (ahead-of-time), the name alone says it.
		return !(definition instanceof AnnotatedBeanDefinition annotated)
				|| annotated.getFactoryMethodMetadata() == null || ZmqLogAutoConfiguration.class.getName()
					.equals(annotated.getFactoryMethodMetadata().getDeclaringClassName());
	}

	/** Stops the publisher, detaches it, and closes its context once it has ended. */
	private void release() {
		this.appender.stop();
		RootLoggerAttacher.detach(this.appender);
		if (this.appender.awaitPublisherEnd(this.appender.getLinger().getMilliseconds())) {
			this.zContext.close();
		}
		else {
			this.appender.addWarn("Appender [" + this.appender.getName() + "] started early was released, but its"
					+ " publisher thread is still running: its ZeroMQ context is left open rather than closed under it");
		}
	}

}

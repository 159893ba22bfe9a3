package io.github.zmqlog.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.util.FileSize;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.zeromq.ZContext;

import io.github.zmqlog.logback.ConfigurationProblem;
import io.github.zmqlog.logback.CurveConfiguration;
import io.github.zmqlog.logback.HistoryConfiguration;
import io.github.zmqlog.logback.RootLoggerAttacher;
import io.github.zmqlog.logback.SubtopicConfiguration;
import io.github.zmqlog.logback.ZmqLogAppender;
import io.github.zmqlog.logback.status.JeroMqErrorHandler;

/**
 * Auto-configuration that publishes the application's Logback logs over ZeroMQ: a
 * {@link ZmqLogAppender} configured from {@code zmqlog.*} properties and attached to the
 * root logger, kept attached when Spring Boot resets Logback, and stopped after every
 * other bean when the context closes. Appender beans of the application's own are
 * attached, kept attached and stopped the same way. The appender and its context are
 * started as soon as Spring Boot has initialised logging ({@link ZmqLogEarlyStart}); the
 * beans expose them.
 */
@AutoConfiguration
@ConditionalOnClass({ ZContext.class, LoggerContext.class, ZmqLogAppender.class })
@ConditionalOnBooleanProperty(name = "zmqlog.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ZmqLogProperties.class)
public final class ZmqLogAutoConfiguration {

	/** Name of the auto-configured appender, in Logback and as a bean. */
	public static final String APPENDER_NAME = "zmqLogAppender";

	private static final Log logger = LogFactory.getLog(ZmqLogAutoConfiguration.class);

	@Bean
	static ZmqLogShutdown.Registrar zmqLogShutdownRegistrar() {
		return new ZmqLogShutdown.Registrar();
	}

	@Bean
	static BeanFactoryPostProcessor zmqLogEarlyStartRelease() {
		// Before any bean is created: a ZContext or appender bean of the application's
		// own replaces the publisher started early, and may bind its endpoint.
		return ZmqLogEarlyStart::releaseUnlessAutoConfigured;
	}

	@Bean(destroyMethod = "")
	@ConditionalOnMissingBean
	ZContext zmqLogContext(ZmqLogShutdown shutdown, Environment environment) {
		ZContext early = ZmqLogEarlyStart.claimContext(environment);
		ZContext context = (early != null) ? early : JeroMqErrorHandler.newZContext(loggerContext());
		shutdown.closeOnClose(context); // after the appender, by ZmqLogShutdown
		return context;
	}

	@Bean(name = APPENDER_NAME, destroyMethod = "")
	@ConditionalOnMissingBean
	ZmqLogAppender zmqLogAppender(ZmqLogProperties properties, ZContext zContext, Environment environment,
			ZmqLogShutdown shutdown, ConfigurableListableBeanFactory beanFactory) {
		// Started when logging was initialised, unless the application replaced the
		// context or changed the properties since.
		ZmqLogAppender appender = ZmqLogEarlyStart.takeAppender(zContext, environment);
		if (appender == null) {
			appender = new ZmqLogAppender();
			appender.setName(APPENDER_NAME);
			appender.setContext(loggerContext());
			appender.setZContext(zContext);
			configure(appender, properties, environment);
			stopBeforeApplicationContext(zContext, shutdown, beanFactory);
			appender.start();
		}
		shutdown.stopOnClose(appender);
		if (!appender.isStarted()) {
			ZmqLogStartupException failure = new ZmqLogStartupException(appender.getProblems());
			if (properties.isFailFast()) {
				throw failure;
			}
			logger.warn(failure.getMessage() + " (the application starts without publishing because"
					+ " zmqlog.fail-fast=false; events are counted as dropped)");
		}
		RootLoggerAttacher.attach(appender);
		return appender;
	}

	@Bean
	static SmartInitializingSingleton zmqLogAppenderAttachment(ObjectProvider<ZmqLogAppender> appenders,
			ZmqLogShutdown shutdown, ConfigurableListableBeanFactory beanFactory) {
		// Appender beans the application defines itself are attached too, kept attached,
		// and stopped and detached when the context closes, as the auto-configured one.
		return () -> appenders.orderedStream().forEach((appender) -> {
			RootLoggerAttacher.attach(appender);
			ZContext zContext = appender.getZContext();
			if (zContext != null) {
				stopBeforeApplicationContext(zContext, shutdown, beanFactory);
			}
			shutdown.stopOnClose(appender);
		});
	}

	/**
	 * Configures an appender from the properties, through the setters XML users call.
	 * @param appender the appender
	 * @param properties the {@code zmqlog.*} properties
	 * @param environment the environment, for the structured formats
	 */
	static void configure(ZmqLogAppender appender, ZmqLogProperties properties, Environment environment) {
		List<String> bind = properties.getBind();
		if (bind.isEmpty() && properties.getConnect().isEmpty()) {
			bind = List.of(ZmqLogProperties.DEFAULT_BIND);
		}
		bind.forEach(appender::addBind);
		properties.getConnect().forEach(appender::addConnect);
		String rootTopic = properties.getRootTopic();
		appender.setRootTopic((rootTopic != null) ? rootTopic : environment.getProperty("spring.application.name", ""));
		appender.setLevelNames(properties.getLevelNames().name());
		appender.setSubtopic(subtopic(properties.getSubtopic()));
		if (properties.getPattern() != null) {
			appender.setPattern(properties.getPattern());
		}
		for (Map.Entry<LogLevel, String> pattern : properties.getPatterns().entrySet()) {
			setPattern(appender, pattern.getKey(), pattern.getValue());
		}
		appender.setQueueSize(properties.getQueueSize());
		appender.setOverflowPolicy(properties.getOverflowPolicy().name());
		appender.setMaxBlockTime(logbackDuration(properties.getMaxBlockTime()));
		appender.setSendHwm(properties.getSendHwm());
		appender.setNoDrop(properties.isNoDrop());
		appender.setSendTimeout(logbackDuration(properties.getSendTimeout()));
		appender.setLinger(logbackDuration(properties.getLinger()));
		appender.setHeartbeatTimeout(logbackDuration(properties.getHeartbeatTimeout()));
		appender.setHeartbeatInterval(logbackDuration(properties.getHeartbeatInterval()));
		appender.setHeartbeatTtl(logbackDuration(properties.getHeartbeatTtl()));
		appender.setReconnectInterval(logbackDuration(properties.getReconnectInterval()));
		appender.setReconnectIntervalMax(logbackDuration(properties.getReconnectIntervalMax()));
		appender.setTcpKeepAlive(properties.getTcpKeepAlive());
		appender.setTcpKeepAliveIdle(optionalLogbackDuration(properties.getTcpKeepAliveIdle()));
		appender.setTcpKeepAliveInterval(optionalLogbackDuration(properties.getTcpKeepAliveInterval()));
		appender.setTcpKeepAliveCount(properties.getTcpKeepAliveCount());
		appender.setShutdownTimeout(logbackDuration(properties.getShutdownTimeout()));
		appender.setMaxMessageSize(new FileSize(properties.getMaxMessageSize().toBytes()));
		appender.setMaxQueuedBytes(new FileSize(properties.getMaxQueuedBytes().toBytes()));
		appender.setThreshold(properties.getThreshold().name());
		properties.getLevels().forEach((logger, level) -> appender.addLoggerThreshold(logger + "=" + level.name()));
		appender.setStartupHold(logbackDuration(properties.getStartupHold().getTimeout()));
		appender.setStartupHoldMaxEvents(properties.getStartupHold().getMaxEvents());
		appender.setStartupHoldMaxBytes(new FileSize(properties.getStartupHold().getMaxBytes().toBytes()));
		appender.setCurve(curve(properties.getCurve()));
		appender.setHistory(history(properties.getHistory()));
		if (!ZmqLogProperties.TEXT_FORMAT.equalsIgnoreCase(properties.getFormat().trim())) {
			appender.setEncoder(structuredEncoder(properties.getFormat().trim(), appender, environment));
		}
	}

	private static SubtopicConfiguration subtopic(ZmqLogProperties.Subtopic properties) {
		SubtopicConfiguration subtopic = new SubtopicConfiguration();
		subtopic.setDelimiter(properties.getDelimiter());
		subtopic.setSplit(properties.isSplit());
		subtopic.setLoggerName(properties.isLoggerName());
		subtopic.setMarker(properties.isMarker());
		subtopic.setMdcKey(properties.getMdcKey());
		return subtopic;
	}

	private static HistoryConfiguration history(ZmqLogProperties.History properties) {
		HistoryConfiguration history = new HistoryConfiguration();
		history.setSize(properties.getSize());
		history.setMaxBytes(new FileSize(properties.getMaxBytes().toBytes()));
		history.setEndpoint(properties.getEndpoint());
		return history;
	}

	private static CurveConfiguration curve(ZmqLogProperties.Curve properties) {
		CurveConfiguration curve = new CurveConfiguration();
		curve.setServerSecretKey(properties.getServerSecretKey());
		curve.setServerSecretKeyFile(properties.getServerSecretKeyFile());
		curve.setServerPublicKey(properties.getServerPublicKey());
		curve.setServerPublicKeyFile(properties.getServerPublicKeyFile());
		properties.getAllowedClientKeys().forEach(curve::addAllowedClientKey);
		curve.setAllowedClientKeysFile(properties.getAllowedClientKeysFile());
		curve.setAllowAnyClient(properties.isAllowAnyClient());
		curve.setClientSecretKey(properties.getClientSecretKey());
		curve.setClientSecretKeyFile(properties.getClientSecretKeyFile());
		curve.setClientPublicKey(properties.getClientPublicKey());
		curve.setClientPublicKeyFile(properties.getClientPublicKeyFile());
		return curve;
	}

	/**
	 * Spring Boot's own structured logging encoder, so the body is the JSON Boot writes
	 * to the console for {@code logging.structured.format.console}, with the same
	 * {@code logging.structured.*} customisation.
	 * @param format the format: {@code ecs}, {@code logstash}, {@code gelf} or a
	 * formatter class
	 * @param appender the appender, its Logback context set
	 * @param environment the environment the format reads its customisation from
	 * @return the encoder, started
	 */
	private static StructuredLogEncoder structuredEncoder(String format, ZmqLogAppender appender,
			Environment environment) {
		LoggerContext context = (LoggerContext) appender.getContext();
		if (context.getObject(Environment.class.getName()) == null) {
			// Spring Boot puts it there when it initialises logging; not when nothing did
			// (tests).
			context.putObject(Environment.class.getName(), environment);
		}
		StructuredLogEncoder encoder = new StructuredLogEncoder();
		encoder.setContext(context);
		encoder.setFormat(format);
		encoder.setCharset(StandardCharsets.UTF_8);
		try {
			encoder.start();
		}
		catch (RuntimeException ex) {
			throw new ZmqLogStartupException(List.of(new ConfigurationProblem("zmqlog.format", format,
					"Invalid 'format' '" + format + "': " + ex.getMessage()
							+ " (use text, ecs, logstash, gelf or the class name of a StructuredLogFormatter)")));
		}
		return encoder;
	}

	private static void setPattern(ZmqLogAppender appender, LogLevel level, String pattern) {
		switch (level) {
			case TRACE -> appender.setTracePattern(pattern);
			case DEBUG -> appender.setDebugPattern(pattern);
			case INFO -> appender.setInfoPattern(pattern);
			case WARN -> appender.setWarnPattern(pattern);
			case ERROR, FATAL -> appender.setErrorPattern(pattern);
			case OFF -> throw new ZmqLogStartupException(List.of(new ConfigurationProblem("zmqlog.patterns.off",
					pattern, "OFF is not a level events have: use trace, debug, info, warn or error")));
		}
	}

	private static ch.qos.logback.core.util.Duration logbackDuration(java.time.Duration duration) {
		return new ch.qos.logback.core.util.Duration(duration.toMillis());
	}

	private static ch.qos.logback.core.util.@Nullable Duration optionalLogbackDuration(
			java.time.@Nullable Duration duration) {
		return (duration != null) ? logbackDuration(duration) : null;
	}

	private static LoggerContext loggerContext() {
		ILoggerFactory factory = LoggerFactory.getILoggerFactory();
		if (factory instanceof LoggerContext context) {
			return context;
		}
		throw new IllegalStateException("ZeroMQ log publishing needs Logback as the SLF4J provider, found "
				+ factory.getClass().getName() + "; set zmqlog.enabled=false to turn it off");
	}

	/**
	 * A {@code ZContext} bean of the application's own closes when that bean is
	 * destroyed, possibly before {@link ZmqLogShutdown}: make the shutdown run first.
	 * @param zContext the application's context
	 * @param shutdown what stops the appenders
	 * @param beanFactory where the dependency is registered
	 */
	private static void stopBeforeApplicationContext(ZContext zContext, ZmqLogShutdown shutdown,
			ConfigurableListableBeanFactory beanFactory) {
		if (shutdown.closes(zContext)) {
			return;
		}
		for (String name : beanFactory.getBeanNamesForType(ZContext.class)) {
			if (beanFactory.getBean(name) == zContext) {
				beanFactory.registerDependentBean(name, ZmqLogShutdown.BEAN_NAME);
			}
		}
	}

}

package io.github.zmqlog.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.env.MockEnvironment;
import org.zeromq.ZContext;

import io.github.zmqlog.logback.DropReason;
import io.github.zmqlog.logback.RootLoggerAttacher;
import io.github.zmqlog.logback.ZmqLogAppender;
import io.github.zmqlog.logback.status.JeroMqErrorHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ZmqLogAutoConfiguration}.
 */
@Timeout(60)
class ZmqLogAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqLogAutoConfiguration.class))
		.withPropertyValues("zmqlog.bind=tcp://127.0.0.1:*");

	@Test
	void runShouldCreateStartedAppenderAttachedToTheRootLogger() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ZmqLogAppender.class).hasSingleBean(ZContext.class);
			ZmqLogAppender appender = context.getBean(ZmqLogAppender.class);
			assertThat(appender.isStarted()).isTrue();
			assertThat(appender.getStats().socket().boundEndpoints()).singleElement()
				.asString()
				.startsWith("tcp://127.0.0.1:");
			assertThat(RootLoggerAttacher.isAttached(appender)).isTrue();
			assertThat(context.getBean(ZContext.class).getNotificationExceptionHandler())
				.as("JeroMQ's I/O errors go to Logback's status, not to stderr")
				.isInstanceOf(JeroMqErrorHandler.class);
		});
	}

	@Test
	void runWhenDisabledShouldNotCreateAppender() {
		this.contextRunner.withPropertyValues("zmqlog.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ZmqLogAppender.class)
				.doesNotHaveBean(ZContext.class));
	}

	@Test
	void runWithoutJeroMqShouldBackOff() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ZContext.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ZmqLogAppender.class));
	}

	@Test
	void runWithoutTheAppenderModuleShouldBackOff() {
		// zmq-log-logback is an optional dependency of this module: without it, nothing
		// is created.
		this.contextRunner.withClassLoader(new FilteredClassLoader(ZmqLogAppender.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ZmqLogAppender.class));
	}

	@Test
	void runWithoutLogbackShouldBackOff() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(LoggerContext.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ZmqLogAppender.class));
	}

	@Test
	void runShouldBindPropertiesToTheAppender() {
		this.contextRunner
			.withPropertyValues("zmqlog.bind=tcp://127.0.0.1:*,inproc://props", "zmqlog.root-topic=orders",
					"zmqlog.level-names=python", "zmqlog.subtopic.delimiter=|", "zmqlog.pattern=%msg",
					"zmqlog.patterns.warn=%level %msg%n", "zmqlog.queue-size=512", "zmqlog.overflow-policy=block",
					"zmqlog.max-block-time=250ms", "zmqlog.send-hwm=5000", "zmqlog.linger=2s",
					"zmqlog.heartbeat-timeout=45s", "zmqlog.shutdown-timeout=3s", "zmqlog.max-message-size=64KB",
					"zmqlog.max-queued-bytes=8MB", "zmqlog.subtopic.mdc-key=tenant", "zmqlog.subtopic.marker=true",
					"zmqlog.subtopic.logger-name=true", "zmqlog.subtopic.split=false")
			.run((context) -> {
				ZmqLogAppender appender = context.getBean(ZmqLogAppender.class);
				assertThat(appender.isStarted()).isTrue();
				assertThat(appender.getBind()).containsExactly("tcp://127.0.0.1:*", "inproc://props");
				assertThat(appender.getRootTopic()).isEqualTo("orders");
				assertThat(appender.getLevelNames()).isEqualTo("PYTHON");
				assertThat(appender.getSubtopic().getDelimiter()).isEqualTo("|");
				assertThat(appender.getPattern(Level.INFO)).isEqualTo("%msg");
				assertThat(appender.getPattern(Level.WARN)).isEqualTo("%level %msg%n");
				assertThat(appender.getQueueSize()).isEqualTo(512);
				assertThat(appender.getOverflowPolicy()).isEqualTo("BLOCK");
				assertThat(appender.getMaxBlockTime().getMilliseconds()).isEqualTo(250);
				assertThat(appender.getSendHwm()).isEqualTo(5000);
				assertThat(appender.getLinger().getMilliseconds()).isEqualTo(2000);
				assertThat(appender.getHeartbeatTimeout().getMilliseconds()).isEqualTo(45_000);
				assertThat(appender.getShutdownTimeout().getMilliseconds()).isEqualTo(3000);
				assertThat(appender.getMaxMessageSize().getSize()).isEqualTo(64 * 1024);
				assertThat(appender.getMaxQueuedBytes().getSize()).isEqualTo(8 * 1024 * 1024);
				assertThat(appender.getSubtopic().getMdcKey()).isEqualTo("tenant");
				assertThat(appender.getSubtopic().isMarker()).isTrue();
				assertThat(appender.getSubtopic().isLoggerName()).isTrue();
				assertThat(appender.getSubtopic().isSplit()).isFalse();
				assertThat(appender.getEncoder()).isNull();
			});
	}

	@Test
	void bindDefaultsToLoopbackPort5556() {
		ZmqLogAppender appender = new ZmqLogAppender();
		ZmqLogAutoConfiguration.configure(appender, new ZmqLogProperties(), new MockEnvironment());
		assertThat(appender.getBind()).containsExactly("tcp://127.0.0.1:5556");
		assertThat(appender.getConnect()).isEmpty();
	}

	@Test
	void connectAloneBindsNothing() {
		ZmqLogProperties properties = new ZmqLogProperties();
		properties.getConnect().add("tcp://127.0.0.1:5559");
		ZmqLogAppender appender = new ZmqLogAppender();
		ZmqLogAutoConfiguration.configure(appender, properties, new MockEnvironment());
		assertThat(appender.getBind()).isEmpty();
		assertThat(appender.getConnect()).containsExactly("tcp://127.0.0.1:5559");
	}

	@Test
	void rootTopicDefaultsToTheApplicationName() {
		this.contextRunner.withPropertyValues("spring.application.name=billing")
			.run((context) -> assertThat(context.getBean(ZmqLogAppender.class).getRootTopic()).isEqualTo("billing"));
	}

	@Test
	void rootTopicPropertyWinsOverTheApplicationName() {
		this.contextRunner.withPropertyValues("spring.application.name=billing", "zmqlog.root-topic=")
			.run((context) -> assertThat(context.getBean(ZmqLogAppender.class).getRootTopic()).isEmpty());
	}

	@Test
	void thresholdFiltersLowerLevels() {
		this.contextRunner.withPropertyValues("zmqlog.threshold=warn").run((context) -> {
			ZmqLogAppender appender = context.getBean(ZmqLogAppender.class);
			long before = appender.getCounters().enqueued();
			org.slf4j.Logger logger = LoggerFactory.getLogger("threshold.test");
			logger.info("filtered out");
			logger.warn("published");
			assertThat(appender.getCounters().enqueued() - before).isEqualTo(1);
		});
	}

	@Test
	void levelsSetPerLoggerThresholdsAsLoggingLevelDoes() {
		this.contextRunner
			.withPropertyValues("zmqlog.threshold=off", "zmqlog.levels.levels.test.db=info",
					"zmqlog.levels.levels.test.db.noisy=error")
			.run((context) -> {
				ZmqLogAppender appender = context.getBean(ZmqLogAppender.class);
				assertThat(appender.getLoggerThresholds()).containsExactly(Map.entry("levels.test.db", "INFO"),
						Map.entry("levels.test.db.noisy", "ERROR"));
				long before = appender.getCounters().enqueued();
				LoggerFactory.getLogger("levels.test").error("no entry: the threshold is off");
				LoggerFactory.getLogger("levels.test.db.Pool").info("published");
				LoggerFactory.getLogger("levels.test.db.noisy").warn("below its error");
				assertThat(appender.getCounters().enqueued() - before).isEqualTo(1);
			});
	}

	@Test
	void userDefinedAppenderMakesTheAutoConfigurationBackOff() {
		this.contextRunner.withUserConfiguration(UserAppenderConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(ZmqLogAppender.class);
			assertThat(context.getBean(ZmqLogAppender.class).getName()).isEqualTo("mine");
		});
	}

	@Test
	void userDefinedZContextIsUsedAndOutlivesThePublisher() {
		this.contextRunner.withUserConfiguration(UserZContextConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(ZContext.class).doesNotHaveBean("zmqLogContext");
			ZmqLogAppender appender = context.getBean(ZmqLogAppender.class);
			assertThat(appender.getZContext()).isSameAs(context.getBean(ZContext.class));
			assertThat(appender.isStarted()).isTrue();
			context.close();
			assertThat(appender.isStarted()).isFalse();
			assertThat(appender.getStats().publisher().alive()).isFalse();
		});
	}

	@Test
	void closingTheContextStopsAndDetachesTheAppenderAndClosesTheZContext() {
		this.contextRunner.run((context) -> {
			ZmqLogAppender appender = context.getBean(ZmqLogAppender.class);
			ZContext zContext = context.getBean(ZContext.class);
			context.close();
			assertThat(appender.isStarted()).isFalse();
			assertThat(RootLoggerAttacher.isAttached(appender)).isFalse();
			assertThat(zContext.isClosed()).isTrue();
		});
	}

	@Test
	void closingTheContextStopsAndDetachesTheApplicationsOwnAppenderAndFreesItsPort() {
		this.contextRunner.withUserConfiguration(StartedUserAppenderConfiguration.class).run((context) -> {
			ZmqLogAppender appender = context.getBean(ZmqLogAppender.class);
			assertThat(RootLoggerAttacher.isAttached(appender)).isTrue();
			String endpoint = appender.getStats().socket().boundEndpoints().get(0);
			context.close();
			assertThat(appender.isStarted()).isFalse();
			assertThat(appender.getStats().publisher().alive()).isFalse();
			assertThat(RootLoggerAttacher.isAttached(appender)).isFalse();
			RootLoggerAttacher.reattachAll(); // what a later application's start does
			assertThat(RootLoggerAttacher.isAttached(appender)).as("after reattachAll()").isFalse();
			ZmqLogAppender next = new ZmqLogAppender();
			next.setContext(appender.getContext());
			next.addBind(endpoint);
			next.start();
			try {
				assertThat(next.isStarted()).as("a new appender binds " + endpoint).isTrue();
			}
			finally {
				next.stop();
			}
		});
	}

	@Test
	void invalidPropertyFailsStartUpNamingTheProperty() {
		this.contextRunner.withPropertyValues("zmqlog.queue-size=-1").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new ZmqLogFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("zmqlog.queue-size: Invalid 'queueSize' -1");
			assertThat(analysis.getAction()).contains("Correct zmqlog.queue-size (now '-1').");
		});
	}

	@Test
	void malformedEndpointFailsStartUpNamingTheProperty() {
		this.contextRunner.withPropertyValues("zmqlog.connect=tcp://logs.example.com").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new ZmqLogFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription())
				.contains("zmqlog.connect: Invalid 'connect': 'tcp://logs.example.com' has no port");
		});
	}

	@Test
	void badPatternFailsStartUpNamingTheProperty() {
		this.contextRunner.withPropertyValues("zmqlog.patterns.error=%nosuch").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new ZmqLogFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("zmqlog.patterns.error: Invalid 'errorPattern'");
		});
	}

	@Test
	void portInUseFailsStartUpWithAdvice() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			String endpoint = "tcp://127.0.0.1:" + taken.getLocalPort();
			this.contextRunner.withPropertyValues("zmqlog.bind=" + endpoint).run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new ZmqLogFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("zmqlog.bind " + endpoint
						+ " is already in use; set another port, or connect to a forwarder with zmqlog.connect");
				assertThat(analysis.getAction()).contains("zmqlog.fail-fast=false");
			});
		}
	}

	@Test
	void withoutFailFastTheApplicationStartsAndTheProblemStaysVisible() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			this.contextRunner
				.withPropertyValues("zmqlog.bind=tcp://127.0.0.1:" + taken.getLocalPort(), "zmqlog.fail-fast=false")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					ZmqLogAppender appender = context.getBean(ZmqLogAppender.class);
					assertThat(appender.isStarted()).isFalse();
					assertThat(appender.getProblems()).singleElement()
						.satisfies((problem) -> assertThat(problem.isAddressInUse()).isTrue());
					assertThat(appender.getStats().publisher().failure()).contains("Address already in use");
					LoggerFactory.getLogger("failfast.test").warn("counted, not published");
					assertThat(appender.getCounters().dropped(DropReason.NOT_STARTED)).isPositive();
				});
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class UserAppenderConfiguration {

		@Bean
		ZmqLogAppender myAppender() {
			ZmqLogAppender appender = new ZmqLogAppender();
			appender.setName("mine");
			appender.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
			appender.addBind("tcp://127.0.0.1:*");
			return appender;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class StartedUserAppenderConfiguration {

		@Bean(destroyMethod = "")
		ZmqLogAppender myStartedAppender() {
			ZmqLogAppender appender = new ZmqLogAppender();
			appender.setName("mine");
			appender.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
			appender.addBind("tcp://127.0.0.1:*");
			appender.start();
			return appender;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserZContextConfiguration {

		@Bean(destroyMethod = "close")
		ZContext myZContext() {
			return new ZContext(1);
		}

	}

}

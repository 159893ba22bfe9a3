package io.github.zmqlog.autoconfigure;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.zmqlog.logback.ZmqLogAppender;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad {@code zmqlog.*} properties at start-up: the application fails with a message
 * naming the property, and the appender's own problem (checked by
 * {@link ZmqLogFailureAnalyzer}), or Spring Boot's binder names it. Complements
 * {@link ZmqLogAutoConfigurationTests}, which covers queue-size, a connect without port,
 * a bad pattern and a port in use.
 */
@Timeout(60)
class ZmqLogStartupPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqLogAutoConfiguration.class));

	static Stream<Arguments> badProperties() {
		return Stream.of(
				Arguments.of("zmqlog.bind=tcp://127.0.0.1:99999",
						"zmqlog.bind: Invalid 'bind': 'tcp://127.0.0.1:99999' has port 99999, outside 0-65535"),
				Arguments.of("zmqlog.bind=foo://x",
						"zmqlog.bind: Invalid 'bind': 'foo://x' uses transport 'foo', which JeroMQ does not support"),
				Arguments.of("zmqlog.bind=tcp://no-such-host.invalid:5556",
						"zmqlog.bind: Appender [zmqLogAppender] could not bind tcp://no-such-host.invalid:5556"),
				Arguments.of("zmqlog.connect=tcp://127.0.0.1:*",
						"zmqlog.connect: Invalid 'connect': 'tcp://127.0.0.1:*' needs a port number"),
				Arguments.of("zmqlog.max-message-size=10B",
						"zmqlog.max-message-size: Invalid 'maxMessageSize' 10 bytes: it must be at least 64 bytes"),
				Arguments.of("zmqlog.max-queued-bytes=1KB",
						"zmqlog.max-queued-bytes: Invalid 'maxQueuedBytes' 1024 bytes: it must be at least 65536 bytes"),
				Arguments.of("zmqlog.send-hwm=-1",
						"zmqlog.send-hwm: Invalid 'sendHwm' -1: it must be 0 (no limit) or more"),
				Arguments.of("zmqlog.linger=-1s", "zmqlog.linger: Invalid 'linger': it must not be negative"),
				Arguments.of("zmqlog.heartbeat-timeout=1s",
						"zmqlog.heartbeat-timeout: Invalid 'heartbeatTimeout' 1 seconds: it must be longer than"
								+ " 'heartbeatInterval' (1 seconds), or every subscriber is dropped"),
				Arguments.of("zmqlog.send-timeout=-5ms",
						"zmqlog.send-timeout: Invalid 'sendTimeout': it must not be negative"),
				Arguments.of("zmqlog.shutdown-timeout=-1s",
						"zmqlog.shutdown-timeout: Invalid 'shutdownTimeout': it must not be negative"),
				Arguments.of("zmqlog.shutdown-timeout=0s",
						"zmqlog.shutdown-timeout: Invalid 'shutdownTimeout' 0 milliseconds: it must be more than 0"),
				Arguments.of("zmqlog.max-block-time=-1ms",
						"zmqlog.max-block-time: Invalid 'maxBlockTime': it must not be negative"),
				Arguments.of("zmqlog.format=nosuch", "zmqlog.format: Invalid 'format' 'nosuch'"),
				Arguments.of("zmqlog.patterns.off=%msg",
						"zmqlog.patterns.off: OFF is not a level events have: use trace, debug, info, warn or error"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badProperties")
	void badPropertyFailsStartUpNamingTheProperty(String property, String description) {
		this.contextRunner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new ZmqLogFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).as("failure analysis").isNotNull();
			assertThat(analysis.getDescription()).contains(description);
			assertThat(analysis.getAction()).contains(property.substring(0, property.indexOf('=')));
		});
	}

	@Test
	void sendTimeoutNotBelowTheShutdownTimeoutWithNoDropFailsStartUpNamingBoth() {
		this.contextRunner
			.withPropertyValues("zmqlog.bind=tcp://127.0.0.1:*", "zmqlog.no-drop=true", "zmqlog.send-timeout=5s",
					"zmqlog.shutdown-timeout=5s")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new ZmqLogFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).as("failure analysis").isNotNull();
				assertThat(analysis.getDescription()).contains("zmqlog.send-timeout: Invalid 'sendTimeout' 5 seconds:"
						+ " with 'noDrop' it must be shorter than 'shutdownTimeout' (5 seconds)");
				assertThat(analysis.getAction()).contains("zmqlog.send-timeout");
			});
	}

	@Test
	void valueOfTheWrongTypeFailsStartUpInSpringBootsBinderNamingTheProperty() {
		this.contextRunner.withPropertyValues("zmqlog.overflow-policy=sometimes", "zmqlog.bind=tcp://127.0.0.1:*")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("sometimes");
				assertThat(context.getStartupFailure()).hasStackTraceContaining("zmqlog.overflow-policy");
			});
	}

	@Test
	void noDropAndSendTimeoutReachTheAppender() {
		this.contextRunner
			.withPropertyValues("zmqlog.bind=tcp://127.0.0.1:*", "zmqlog.no-drop=true", "zmqlog.send-timeout=250ms")
			.run((context) -> {
				ZmqLogAppender appender = context.getBean(ZmqLogAppender.class);
				assertThat(appender.isStarted()).isTrue();
				assertThat(appender.isNoDrop()).isTrue();
				assertThat(appender.getSendTimeout().getMilliseconds()).isEqualTo(250);
			});
	}

}

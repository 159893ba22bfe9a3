package io.github.zmqlog.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.zmqlog.logback.ZmqLogAppender;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code zmqlog.reconnect-*}, {@code zmqlog.heartbeat-*} and
 * {@code zmqlog.tcp-keep-alive*}: bound to the appender, defaults unchanged, a bad value
 * failing start-up naming the property.
 */
@Timeout(60)
class ZmqLogReconnectPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqLogAutoConfiguration.class))
		.withPropertyValues("zmqlog.connect=tcp://127.0.0.1:5599");

	@Test
	void propertiesReachTheAppender() {
		this.contextRunner.withPropertyValues("zmqlog.reconnect-interval=250ms", "zmqlog.reconnect-interval-max=4s",
				"zmqlog.heartbeat-interval=2s", "zmqlog.heartbeat-ttl=9s", "zmqlog.tcp-keep-alive=true",
				"zmqlog.tcp-keep-alive-idle=30s", "zmqlog.tcp-keep-alive-interval=5s", "zmqlog.tcp-keep-alive-count=4")
			.run((context) -> {
				ZmqLogAppender appender = context.getBean(ZmqLogAppender.class);
				assertThat(appender.isStarted()).isTrue();
				assertThat(appender.getReconnectInterval().getMilliseconds()).isEqualTo(250);
				assertThat(appender.getReconnectIntervalMax().getMilliseconds()).isEqualTo(4000);
				assertThat(appender.getHeartbeatInterval().getMilliseconds()).isEqualTo(2000);
				assertThat(appender.getHeartbeatTtl().getMilliseconds()).isEqualTo(9000);
				assertThat(appender.getTcpKeepAlive()).isTrue();
				assertThat(appender.getTcpKeepAliveIdle().getMilliseconds()).isEqualTo(30_000);
				assertThat(appender.getTcpKeepAliveInterval().getMilliseconds()).isEqualTo(5000);
				assertThat(appender.getTcpKeepAliveCount()).isEqualTo(4);
			});
	}

	@Test
	void defaultsAreTheAppendersDefaults() {
		this.contextRunner.run((context) -> {
			ZmqLogAppender appender = context.getBean(ZmqLogAppender.class);
			ZmqLogAppender plain = new ZmqLogAppender();
			assertThat(appender.getReconnectInterval().getMilliseconds())
				.isEqualTo(plain.getReconnectInterval().getMilliseconds());
			assertThat(appender.getReconnectIntervalMax().getMilliseconds()).isZero();
			assertThat(appender.getHeartbeatInterval().getMilliseconds()).isEqualTo(1000);
			assertThat(appender.getHeartbeatTtl().getMilliseconds()).isZero();
			assertThat(appender.getTcpKeepAlive()).isNull();
			assertThat(appender.getTcpKeepAliveIdle()).isNull();
			assertThat(appender.getTcpKeepAliveInterval()).isNull();
			assertThat(appender.getTcpKeepAliveCount()).isNull();
		});
	}

	@Test
	void badValuesFailStartUpNamingTheProperty() {
		assertFailure("zmqlog.reconnect-interval", "it must be more than 0", "zmqlog.reconnect-interval=0s");
		assertFailure("zmqlog.reconnect-interval-max", "at least 'reconnectInterval'", "zmqlog.reconnect-interval=1s",
				"zmqlog.reconnect-interval-max=500ms");
		assertFailure("zmqlog.heartbeat-timeout", "it must be longer than 'heartbeatInterval'",
				"zmqlog.heartbeat-interval=10s", "zmqlog.heartbeat-timeout=5s");
		assertFailure("zmqlog.heartbeat-ttl", "longer than 'heartbeatInterval'", "zmqlog.heartbeat-ttl=500ms");
		assertFailure("zmqlog.tcp-keep-alive-idle", "it applies only with 'tcpKeepAlive' set to true",
				"zmqlog.tcp-keep-alive-idle=30s");
	}

	private void assertFailure(String property, String message, String... properties) {
		this.contextRunner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new ZmqLogFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).as(property).isNotNull();
			assertThat(analysis.getDescription()).as(property).contains(property + ": ").contains(message);
		});
	}

}

package io.github.zmqlog.autoconfigure.endpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.zmqlog.actuate.endpoint.ZmqLogEndpoint;
import io.github.zmqlog.actuate.endpoint.ZmqLogEndpoint.ConnectionDescriptor;
import io.github.zmqlog.actuate.endpoint.ZmqLogEndpoint.ZmqLogAppendersDescriptor;
import io.github.zmqlog.actuate.endpoint.ZmqLogEndpoint.ZmqLogDescriptor;
import io.github.zmqlog.autoconfigure.TwoAppenders;
import io.github.zmqlog.autoconfigure.ZmqLogAutoConfiguration;
import io.github.zmqlog.logback.ZmqLogAppender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for {@link ZmqLogEndpointAutoConfiguration}.
 */
@Timeout(30)
class ZmqLogEndpointAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqLogAutoConfiguration.class, ZmqLogEndpointAutoConfiguration.class))
		.withPropertyValues("zmqlog.bind=tcp://127.0.0.1:*");

	@Test
	void runWhenExposedShouldCreateEndpoint() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=zmqlog").run((context) -> {
			assertThat(context).hasSingleBean(ZmqLogEndpoint.class);
			ZmqLogEndpoint endpoint = context.getBean(ZmqLogEndpoint.class);
			assertThat(endpoint.zmqlog()).isInstanceOf(ZmqLogDescriptor.class);
			assertThat(endpoint.appender(ZmqLogAutoConfiguration.APPENDER_NAME)).isNotNull();
		});
	}

	@Test
	void runWithLoggerThresholdsShouldShowThemInTheConfiguration() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=zmqlog", "zmqlog.threshold=off",
					"zmqlog.levels.com.example.db=warn", "zmqlog.levels.org.hibernate.SQL=error")
			.run((context) -> {
				ZmqLogDescriptor descriptor = (ZmqLogDescriptor) context.getBean(ZmqLogEndpoint.class).zmqlog();
				assertThat(descriptor.configuration().threshold()).isEqualTo("OFF");
				assertThat(descriptor.configuration().loggerThresholds())
					.containsExactly(entry("com.example.db", "WARN"), entry("org.hibernate.SQL", "ERROR"));
			});
	}

	@Test
	void runWithTuningShouldShowReconnectHeartbeatAndKeepAliveOptions() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=zmqlog", "zmqlog.reconnect-interval=250ms",
					"zmqlog.reconnect-interval-max=5s", "zmqlog.heartbeat-interval=2s", "zmqlog.heartbeat-ttl=10s",
					"zmqlog.tcp-keep-alive=true", "zmqlog.tcp-keep-alive-idle=60s", "zmqlog.tcp-keep-alive-count=3")
			.run((context) -> {
				ZmqLogDescriptor descriptor = (ZmqLogDescriptor) context.getBean(ZmqLogEndpoint.class).zmqlog();
				ConnectionDescriptor connection = descriptor.configuration().connection();
				assertThat(connection.reconnectInterval()).isEqualTo("250 milliseconds");
				assertThat(connection.reconnectIntervalMax()).isEqualTo("5 seconds");
				assertThat(connection.heartbeatInterval()).isEqualTo("2 seconds");
				assertThat(connection.heartbeatTtl()).isEqualTo("10 seconds");
				assertThat(connection.tcpKeepAlive()).isEqualTo("on");
				assertThat(connection.tcpKeepAliveIdle()).isEqualTo("1 minutes");
				assertThat(connection.tcpKeepAliveInterval()).isEqualTo("system default");
				assertThat(connection.tcpKeepAliveCount()).isEqualTo("3");
			});
	}

	@Test
	void runWithDefaultsShouldShowTodaysConnectionBehaviour() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=zmqlog").run((context) -> {
			ConnectionDescriptor connection = ((ZmqLogDescriptor) context.getBean(ZmqLogEndpoint.class).zmqlog())
				.configuration()
				.connection();
			assertThat(connection.reconnectIntervalMax()).isEqualTo("0 milliseconds");
			assertThat(connection.heartbeatInterval()).isEqualTo("1 seconds");
			assertThat(connection.tcpKeepAlive()).isEqualTo("system default");
		});
	}

	@Test
	void runWithoutLoggerThresholdsShouldShowNone() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=zmqlog")
			.run((context) -> assertThat(
					((ZmqLogDescriptor) context.getBean(ZmqLogEndpoint.class).zmqlog()).configuration()
						.loggerThresholds())
				.isEmpty());
	}

	@Test
	void runWithTwoAppenderBeansShouldDescribeEachByItsName() {
		this.contextRunner.withUserConfiguration(TwoAppenders.class)
			.withPropertyValues("management.endpoints.web.exposure.include=zmqlog")
			.run((context) -> {
				ZmqLogEndpoint endpoint = context.getBean(ZmqLogEndpoint.class);
				ZmqLogAppendersDescriptor descriptor = (ZmqLogAppendersDescriptor) endpoint.zmqlog();
				assertThat(descriptor.appenders()).containsOnlyKeys("first", "second");
				ZmqLogAppender second = context.getBean("second", ZmqLogAppender.class);
				assertThat(descriptor.appenders().get("second").status().socket().boundEndpoints())
					.isEqualTo(second.getStats().socket().boundEndpoints());
			});
	}

	@Test
	void runWhenNotExposedShouldNotCreateEndpoint() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(ZmqLogEndpoint.class));
	}

	@Test
	void runWhenAccessIsNoneShouldNotCreateEndpoint() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=zmqlog",
					"management.endpoint.zmqlog.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(ZmqLogEndpoint.class));
	}

	@Test
	void runWithoutActuatorShouldBackOff() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=zmqlog")
			.withClassLoader(new FilteredClassLoader(ConditionalOnAvailableEndpoint.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ZmqLogEndpoint.class));
	}

	@Test
	void runWhenPublishingDisabledShouldNotCreateEndpoint() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=zmqlog", "zmqlog.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ZmqLogEndpoint.class));
	}

}

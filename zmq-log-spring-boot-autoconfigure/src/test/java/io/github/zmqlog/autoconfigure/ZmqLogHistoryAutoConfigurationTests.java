package io.github.zmqlog.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.zmqlog.logback.HistoryConfiguration;
import io.github.zmqlog.logback.ZmqLogAppender;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the {@code zmqlog.history.*} properties of {@link ZmqLogAutoConfiguration}.
 */
@Timeout(60)
class ZmqLogHistoryAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqLogAutoConfiguration.class))
		.withPropertyValues("zmqlog.bind=tcp://127.0.0.1:*");

	@Test
	void runShouldKeepASmallHistoryByDefault() {
		this.contextRunner.run((context) -> {
			HistoryConfiguration history = context.getBean(ZmqLogAppender.class).getHistory();
			assertThat(history.getSize()).isEqualTo(HistoryConfiguration.DEFAULT_SIZE);
			assertThat(history.getMaxBytes().getSize()).isEqualTo(HistoryConfiguration.DEFAULT_MAX_BYTES);
			assertThat(history.getEndpoint()).isNull();
		});
	}

	@Test
	void historyPropertiesReachTheAppenderWhichServesTheEndpoint() {
		this.contextRunner
			.withPropertyValues("zmqlog.history.size=50", "zmqlog.history.max-bytes=64KB",
					"zmqlog.history.endpoint=tcp://127.0.0.1:*")
			.run((context) -> {
				ZmqLogAppender appender = context.getBean(ZmqLogAppender.class);
				assertThat(appender.getHistory().getSize()).isEqualTo(50);
				assertThat(appender.getHistory().getMaxBytes().getSize()).isEqualTo(64 * 1024);
				assertThat(appender.getHistoryEndpoints()).singleElement().asString().startsWith("tcp://127.0.0.1:");
			});
	}

	@Test
	void sizeZeroTurnsTheHistoryOff() {
		this.contextRunner.withPropertyValues("zmqlog.history.size=0", "zmqlog.history.endpoint=tcp://127.0.0.1:*")
			.run((context) -> assertThat(context.getBean(ZmqLogAppender.class).getHistoryEndpoints()).isEmpty());
	}

	@Test
	void negativeSizeFailsStartUpNamingTheProperty() {
		this.contextRunner.withPropertyValues("zmqlog.history.size=-1").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new ZmqLogFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains(
					"zmqlog.history.size: Invalid 'history.size' -1: it must be 0 (no history) to 1000000 events");
		});
	}

}

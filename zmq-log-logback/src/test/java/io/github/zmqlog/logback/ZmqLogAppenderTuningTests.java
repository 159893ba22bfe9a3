package io.github.zmqlog.logback;

import java.util.function.Consumer;

import ch.qos.logback.core.util.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.zmqlog.logback.transport.SocketTuning;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reconnect, heartbeat and TCP keep-alive options: what the publisher gets, and the
 * values refused at start naming the option.
 */
@Timeout(30)
class ZmqLogAppenderTuningTests {

	@Test
	void optionsReachThePublisherAndDefaultsKeepTodaysBehaviour() {
		try (AppenderFixture fixture = AppenderFixture.configure((a) -> a.addConnect("tcp://127.0.0.1:5599"))) {
			assertThat(settings(fixture.appender).publisher().tuning()).isEqualTo(SocketTuning.DEFAULT);
		}
		try (AppenderFixture fixture = AppenderFixture.configure((a) -> {
			a.addConnect("tcp://127.0.0.1:5599");
			a.setReconnectInterval(new Duration(250));
			a.setReconnectIntervalMax(Duration.valueOf("4 seconds"));
			a.setHeartbeatInterval(Duration.valueOf("2 seconds"));
			a.setHeartbeatTtl(Duration.valueOf("9 seconds"));
			a.setTcpKeepAlive(true);
			a.setTcpKeepAliveIdle(Duration.valueOf("30 seconds"));
			a.setTcpKeepAliveInterval(Duration.valueOf("5 seconds"));
			a.setTcpKeepAliveCount(4);
		})) {
			assertThat(settings(fixture.appender).publisher().tuning())
				.isEqualTo(new SocketTuning(250, 4000, 2000, 9000, 1, 30, 5, 4));
		}
	}

	@Test
	void invalidValuesFailStartNamingTheOption() {
		assertProblem((a) -> a.setReconnectInterval(new Duration(0)), "reconnectInterval", "it must be more than 0");
		assertProblem((a) -> a.setReconnectInterval(new Duration(-5)), "reconnectInterval", "it must not be negative");
		assertProblem((a) -> {
			a.setReconnectInterval(Duration.valueOf("1 second"));
			a.setReconnectIntervalMax(new Duration(500));
		}, "reconnectIntervalMax", "it must be 0 (no backoff) or at least 'reconnectInterval'");
		assertProblem((a) -> a.setHeartbeatInterval(new Duration(0)), "heartbeatInterval", "it must be more than 0");
		assertProblem((a) -> {
			a.setHeartbeatInterval(Duration.valueOf("5 seconds"));
			a.setHeartbeatTimeout(Duration.valueOf("5 seconds"));
		}, "heartbeatTimeout", "it must be longer than 'heartbeatInterval' (");
		assertProblem((a) -> a.setHeartbeatTimeout(Duration.valueOf("1 second")), "heartbeatTimeout",
				"it must be longer than 'heartbeatInterval'");
		assertProblem((a) -> a.setHeartbeatTtl(Duration.valueOf("1 second")), "heartbeatTtl",
				"or longer than 'heartbeatInterval'");
		assertProblem((a) -> a.setHeartbeatTtl(Duration.valueOf("700 seconds")), "heartbeatTtl",
				"it must be at most 655 seconds");
		assertProblem((a) -> a.setTcpKeepAliveIdle(Duration.valueOf("30 seconds")), "tcpKeepAliveIdle",
				"it applies only with 'tcpKeepAlive' set to true (it is unset");
		assertProblem((a) -> {
			a.setTcpKeepAlive(false);
			a.setTcpKeepAliveCount(3);
		}, "tcpKeepAliveCount", "(it is false)");
		assertProblem((a) -> {
			a.setTcpKeepAlive(true);
			a.setTcpKeepAliveInterval(new Duration(1500));
		}, "tcpKeepAliveInterval", "TCP keep-alive counts whole seconds");
		assertProblem((a) -> {
			a.setTcpKeepAlive(true);
			a.setTcpKeepAliveCount(0);
		}, "tcpKeepAliveCount", "it must be at least 1");
	}

	private static AppenderSettings settings(ZmqLogAppender appender) {
		AppenderSettings.Validated validated = AppenderSettings.validate(appender);
		assertThat(validated.problems()).isEmpty();
		validated.settings().layouts().stop();
		return validated.settings();
	}

	private static void assertProblem(Consumer<ZmqLogAppender> configuration, String option, String message) {
		try (AppenderFixture fixture = AppenderFixture.start("tuning",
				configuration.andThen((a) -> a.addConnect("tcp://127.0.0.1:5599")))) {
			assertThat(fixture.appender.isStarted()).as(option).isFalse();
			assertThat(fixture.appender.getProblems()).as(option).anySatisfy((problem) -> {
				assertThat(problem.option()).isEqualTo(option);
				assertThat(problem.message()).contains(message);
			});
		}
	}

}

package io.github.zmqlog.logback;

import java.util.List;
import java.util.function.Consumer;

import ch.qos.logback.core.status.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.ZMQ;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plain-text bind that other hosts can reach is started, with one warning that says who
 * can read the logs and how to protect them; a bind only this host can reach, or a CURVE
 * one, is started without it.
 */
@Timeout(60)
class PlainTextBindWarningTests {

	@Test
	void aPlainTextBindOnEveryInterfaceWarnsOnceNamingTheEndpoints() {
		List<String> warnings = warningsOfStart((appender) -> {
			appender.addBind("tcp://*:*");
			appender.addBind("tcp://0.0.0.0:*");
			appender.addBind("tcp://127.0.0.1:*");
		});
		assertThat(warnings).singleElement()
			.isEqualTo("Appender [zmq] publishes in plain text on tcp://*:*, tcp://0.0.0.0:*, and on tcp://*:*,"
					+ " tcp://0.0.0.0:* (its history endpoints): the logs are readable by anyone who can reach that"
					+ " address; bind to 127.0.0.1 only, or set the CURVE options to encrypt them and let only listed"
					+ " subscribers in");
	}

	@Test
	void aHistoryEndpointOtherHostsCanReachWarnsToo() {
		List<String> warnings = warningsOfStart((appender) -> {
			appender.addBind("tcp://127.0.0.1:*");
			appender.getHistory().setEndpoint("tcp://0.0.0.0:*");
		});
		assertThat(warnings).singleElement()
			.isEqualTo("Appender [zmq] publishes in plain text on tcp://0.0.0.0:* (its history endpoint): the logs"
					+ " are readable by anyone who can reach that address; bind to 127.0.0.1 only, or set the CURVE"
					+ " options to encrypt them and let only listed subscribers in");
	}

	@Test
	void bindsOnlyThisHostCanReachDoNotWarn() {
		assertThat(warningsOfStart((appender) -> {
			appender.addBind("tcp://127.0.0.1:*");
			appender.addBind("tcp://localhost:*");
			appender.addBind("ipc://zmqlog-plain-text-warning-" + ProcessHandle.current().pid());
			appender.addBind("inproc://zmqlog-plain-text-warning");
		})).isEmpty();
	}

	@Test
	void aCurveBindOnEveryInterfaceDoesNotWarn() {
		assertThat(warningsOfStart(ZmqLogAppenderCurveTests.curve(ZMQ.Curve.generateKeyPair().publicKey)
			.andThen((appender) -> appender.addBind("tcp://*:*")))).isEmpty();
	}

	private static List<String> warningsOfStart(Consumer<ZmqLogAppender> configuration) {
		try (AppenderFixture fixture = AppenderFixture.start("app", configuration)) {
			assertThat(fixture.appender.isStarted()).as(fixture.errors().toString()).isTrue();
			return fixture.context.getStatusManager()
				.getCopyOfStatusList()
				.stream()
				.filter((status) -> status.getLevel() == Status.WARN)
				.map(Status::getMessage)
				// Not others, such as a derived history endpoint that happens to be
				// taken here (an ipc:// name is a loopback port in JeroMQ).
				.filter((message) -> message.contains("plain text"))
				.toList();
		}
	}

}

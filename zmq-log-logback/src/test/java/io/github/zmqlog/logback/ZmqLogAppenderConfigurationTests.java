package io.github.zmqlog.logback;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.util.FileSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.zmqlog.logback.ConfigurationProblem.Kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Bad configuration: one clear error status naming the option, a stopped appender, and
 * never an exception into the application.
 */
@Timeout(60)
class ZmqLogAppenderConfigurationTests {

	static Stream<Arguments> badConfigurations() {
		return Stream.of(bad("no endpoint", (appender) -> {
		}, "No endpoint: set at least one 'bind' or 'connect' endpoint"),
				bad("tcp:// without address", (appender) -> appender.addBind("tcp://"),
						"Invalid 'bind': 'tcp://' has no port"),
				bad("unknown transport", (appender) -> appender.addBind("foo://x"),
						"Invalid 'bind': 'foo://x' uses transport 'foo', which JeroMQ does not support"),
				bad("port out of range", (appender) -> appender.addBind("tcp://127.0.0.1:99999"),
						"Invalid 'bind': 'tcp://127.0.0.1:99999' has port 99999, outside 0-65535"),
				bad("not an endpoint", (appender) -> appender.addConnect("localhost:5556"),
						"Invalid 'connect': 'localhost:5556' is not an endpoint"),
				bad("connect to any port", (appender) -> appender.addConnect("tcp://127.0.0.1:*"),
						"Invalid 'connect': 'tcp://127.0.0.1:*' needs a port number"),
				bad("non-resolvable host", (appender) -> appender.addBind("tcp://no-such-host.invalid:5556"),
						"could not bind tcp://no-such-host.invalid:5556"),
				bad("negative queue size", (appender) -> {
					appender.addBind("tcp://127.0.0.1:*");
					appender.setQueueSize(-1);
				}, "Invalid 'queueSize' -1: it must be at least 1"), bad("unknown level names", (appender) -> {
					appender.addBind("tcp://127.0.0.1:*");
					appender.setLevelNames("KLINGON");
				}, "Invalid 'levelNames' 'KLINGON': use LOGBACK or PYTHON"),
				bad("unknown overflow policy", (appender) -> {
					appender.addBind("tcp://127.0.0.1:*");
					appender.setOverflowPolicy("sometimes");
				}, "Invalid 'overflowPolicy' 'sometimes': use DROP or BLOCK"),
				bad("tiny max message size", (appender) -> {
					appender.addBind("tcp://127.0.0.1:*");
					appender.setMaxMessageSize(new FileSize(10));
				}, "Invalid 'maxMessageSize' 10 bytes: it must be at least 64 bytes"),
				bad("negative linger", (appender) -> {
					appender.addBind("tcp://127.0.0.1:*");
					appender.setLinger(new ch.qos.logback.core.util.Duration(-1));
				}, "Invalid 'linger': it must not be negative"));
	}

	private static Arguments bad(String name, Consumer<ZmqLogAppender> configuration, String error) {
		return Arguments.of(name, configuration, error);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badConfigurations")
	void badConfigurationGivesOneErrorAndAStoppedAppender(String name, Consumer<ZmqLogAppender> configuration,
			String error) {
		try (AppenderFixture fixture = AppenderFixture.configure(configuration)) {
			assertThatNoException().isThrownBy(fixture.appender::start);
			assertStoppedWithOneError(fixture, error);
		}
	}

	@Test
	void portAlreadyInUse() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				AppenderFixture fixture = AppenderFixture
					.configure((appender) -> appender.addBind("tcp://127.0.0.1:" + taken.getLocalPort()))) {
			fixture.appender.start();
			assertStoppedWithOneError(fixture,
					"could not bind tcp://127.0.0.1:" + taken.getLocalPort() + ": Address already in use");
			assertThat(fixture.appender.getProblems()).singleElement()
				.satisfies((problem) -> assertThat(problem.kind()).isEqualTo(Kind.ADDRESS_IN_USE))
				.satisfies((problem) -> assertThat(problem.isAddressInUse()).isTrue());
		}
	}

	@Test
	void endpointThatCannotBeBoundIsAnEndpointProblemNotAnAddressInUse() {
		try (AppenderFixture fixture = AppenderFixture
			.configure((appender) -> appender.addBind("tcp://no-such-host.invalid:5556"))) {
			fixture.appender.start();
			assertThat(fixture.appender.getProblems()).singleElement().satisfies((problem) -> {
				assertThat(problem.kind()).isEqualTo(Kind.ENDPOINT);
				assertThat(problem.option()).isEqualTo("bind");
				assertThat(problem.value()).isEqualTo("tcp://no-such-host.invalid:5556");
			});
		}
	}

	@Test
	void invalidValueIsAnInvalidProblem() {
		try (AppenderFixture fixture = AppenderFixture.configure((appender) -> {
			appender.addBind("tcp://127.0.0.1:*");
			appender.setQueueSize(0);
		})) {
			fixture.appender.start();
			assertThat(fixture.appender.getProblems()).singleElement()
				.satisfies((problem) -> assertThat(problem.kind()).isEqualTo(Kind.INVALID));
		}
	}

	@Test
	void fatalThresholdMeansError() {
		try (AppenderFixture fixture = AppenderFixture.configure((appender) -> {
			appender.addBind("tcp://127.0.0.1:*");
			appender.setThreshold("FATAL");
		})) {
			fixture.appender.start();
			assertThat(fixture.appender.isStarted()).isTrue();
			fixture.logger.addAppender(fixture.appender);
			fixture.logger.warn("below the threshold");
			fixture.logger.error("at the threshold");
			assertThat(fixture.appender.getCounters().enqueued()).isEqualTo(1);
		}
	}

	@Test
	void everyProblemIsReportedAtOnce() {
		try (AppenderFixture fixture = AppenderFixture.configure((appender) -> {
			appender.addBind("tcp://");
			appender.setQueueSize(0);
			appender.setLevelNames("nope");
		})) {
			fixture.appender.start();
			assertThat(fixture.appender.isStarted()).isFalse();
			assertThat(fixture.errors()).extracting(Status::getMessage)
				.satisfiesExactlyInAnyOrder((message) -> assertThat(message).contains("'bind'"),
						(message) -> assertThat(message).contains("'queueSize'"),
						(message) -> assertThat(message).contains("'levelNames'"));
		}
	}

	@Test
	void loggingToAFailedAppenderIsCountedNotThrown() {
		try (AppenderFixture fixture = AppenderFixture.configure((appender) -> appender.addBind("tcp://"))) {
			fixture.appender.start();
			fixture.logger.addAppender(fixture.appender);
			assertThatNoException().isThrownBy(() -> fixture.logger.error("lost", new IllegalStateException()));
			assertThat(fixture.appender.getCounters().dropped(DropReason.NOT_STARTED)).isEqualTo(1);
		}
	}

	@Test
	void aThrowingFilterOnAFailedAppenderIsCountedNotThrown() {
		try (AppenderFixture fixture = AppenderFixture.configure((appender) -> appender.addBind("tcp://"))) {
			fixture.appender.addFilter(new Filter<>() {
				@Override
				public FilterReply decide(ILoggingEvent event) {
					throw new IllegalStateException("filter failed");
				}
			});
			fixture.appender.start();
			fixture.logger.addAppender(fixture.appender);
			assertThatNoException().isThrownBy(() -> fixture.logger.error("lost"));
			assertThat(fixture.appender.getStats().counts().dropped(DropReason.NOT_STARTED)).isEqualTo(1);
		}
	}

	@Test
	void badBodyPatternStopsTheAppender() {
		try (AppenderFixture fixture = AppenderFixture.configure((appender) -> {
			appender.addBind("tcp://127.0.0.1:*");
			appender.setWarnPattern("%nosuchconverter");
		})) {
			fixture.appender.start();
			assertThat(fixture.appender.isStarted()).isFalse();
			assertThat(fixture.errors()).extracting(Status::getMessage)
				.anySatisfy((message) -> assertThat(message).contains("body pattern"));
		}
	}

	private static void assertStoppedWithOneError(AppenderFixture fixture, String error) {
		assertThat(fixture.appender.isStarted()).isFalse();
		List<Status> errors = fixture.errors();
		assertThat(errors).hasSize(1);
		assertThat(errors.get(0).getMessage()).contains(error);
		assertThat(fixture.appender.getStats().publisher().failure()).contains(error);
		assertThat(fixture.appender.getStats().publisher().alive()).isFalse();
	}

}

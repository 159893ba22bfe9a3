package io.github.zmqlog.logback;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.util.Duration;
import ch.qos.logback.core.util.FileSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.zeromq.ZMQ;

import io.github.zmqlog.logback.ConfigurationProblem.Kind;
import io.github.zmqlog.logback.history.HistorySettings;
import io.github.zmqlog.logback.transport.PublisherSettings;
import io.github.zmqlog.logback.transport.SocketTuning;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AppenderSettings#validate}: every option checked without opening a socket, every
 * problem reported at once, and the validated values the publisher takes.
 */
class AppenderSettingsTests {

	private static final String ANY_PORT = "tcp://127.0.0.1:*";

	static Stream<Arguments> problems() {
		return Stream.of(problem("no endpoint", (a) -> {
		}, "bind", "No endpoint: set at least one 'bind' or 'connect' endpoint"),
				problem("bind without port", (a) -> a.addBind("tcp://127.0.0.1"), "bind",
						"Invalid 'bind': 'tcp://127.0.0.1' has no port"),
				problem("connect to any port", (a) -> a.addConnect(ANY_PORT), "connect",
						"Invalid 'connect': 'tcp://127.0.0.1:*' needs a port number"),
				problem("level names", bound((a) -> a.setLevelNames(" klingon ")), "levelNames",
						"Invalid 'levelNames' 'klingon': use LOGBACK or PYTHON"),
				problem("threshold", bound((a) -> a.setThreshold("loud")), "threshold",
						"Invalid 'threshold' 'loud': use TRACE, DEBUG, INFO, WARN, ERROR or OFF"),
				problem("overflow policy", bound((a) -> a.setOverflowPolicy("sometimes")), "overflowPolicy",
						"Invalid 'overflowPolicy' 'sometimes': use DROP or BLOCK"),
				problem("queue size", bound((a) -> a.setQueueSize(0)), "queueSize",
						"Invalid 'queueSize' 0: it must be at least 1"),
				problem("huge queue size", bound((a) -> a.setQueueSize(Integer.MAX_VALUE)), "queueSize",
						"Invalid 'queueSize' 2147483647: it must be at most 16777216"),
				problem("send high-water mark", bound((a) -> a.setSendHwm(-1)), "sendHwm",
						"Invalid 'sendHwm' -1: it must be 0 (no limit) or more"),
				problem("tiny message size", bound((a) -> a.setMaxMessageSize(new FileSize(63))), "maxMessageSize",
						"Invalid 'maxMessageSize' 63 bytes: it must be at least 64 bytes"),
				problem("no message size", bound((a) -> a.setMaxMessageSize(null)), "maxMessageSize",
						"Invalid 'maxMessageSize': it must be set"),
				problem("negative block time", bound((a) -> a.setMaxBlockTime(new Duration(-1))), "maxBlockTime",
						"Invalid 'maxBlockTime': it must not be negative"),
				problem("negative send timeout", bound((a) -> a.setSendTimeout(new Duration(-1))), "sendTimeout",
						"Invalid 'sendTimeout': it must not be negative"),
				problem("negative linger", bound((a) -> a.setLinger(new Duration(-1))), "linger",
						"Invalid 'linger': it must not be negative"),
				problem("negative heartbeat timeout", bound((a) -> a.setHeartbeatTimeout(new Duration(-1))),
						"heartbeatTimeout", "Invalid 'heartbeatTimeout': it must not be negative"),
				problem("heartbeat timeout not above the interval",
						bound((a) -> a.setHeartbeatTimeout(Duration.buildBySeconds(1))), "heartbeatTimeout",
						"Invalid 'heartbeatTimeout' 1 seconds: it must be longer than 'heartbeatInterval' (1 seconds)"),
				problem("no heartbeat timeout", bound((a) -> a.setHeartbeatTimeout(null)), "heartbeatTimeout",
						"Invalid 'heartbeatTimeout': it must be set"),
				problem("no shutdown timeout", bound((a) -> a.setShutdownTimeout(null)), "shutdownTimeout",
						"Invalid 'shutdownTimeout': it must be set"),
				problem("zero shutdown timeout", bound((a) -> a.setShutdownTimeout(new Duration(0))), "shutdownTimeout",
						"Invalid 'shutdownTimeout' 0 milliseconds: it must be more than 0"),
				problem("zero send timeout with noDrop", bound((a) -> {
					a.setNoDrop(true);
					a.setSendTimeout(new Duration(0));
				}), "sendTimeout", "Invalid 'sendTimeout' 0 milliseconds: with 'noDrop' it must be more than 0"),
				problem("send timeout not below the shutdown timeout with noDrop", bound((a) -> {
					a.setNoDrop(true);
					a.setSendTimeout(Duration.buildBySeconds(5));
					a.setShutdownTimeout(Duration.buildBySeconds(5));
				}), "sendTimeout",
						"Invalid 'sendTimeout' 5 seconds: with 'noDrop' it must be shorter than 'shutdownTimeout' (5 seconds)"),
				problem("pattern", bound((a) -> a.setDebugPattern("%nosuchword")), "debugPattern",
						"Invalid 'debugPattern'"),
				problem("CURVE without the public key", bound((a) -> {
					a.getCurve().setServerSecretKey(ZMQ.Curve.generateKeyPair().secretKey);
					a.getCurve().setAllowAnyClient(true);
				}), "curve.serverPublicKey", "CURVE needs the server public key"));
	}

	@Test
	void sendTimeoutIsFreeWithoutNoDrop() {
		try (AppenderFixture fixture = AppenderFixture.configure(bound((a) -> {
			a.setSendTimeout(Duration.buildBySeconds(10));
			a.setShutdownTimeout(Duration.buildBySeconds(5));
		}))) {
			AppenderSettings.Validated validated = AppenderSettings.validate(fixture.appender);
			assertThat(validated.problems()).isEmpty();
			validated.settings().layouts().stop();
		}
	}

	private static Arguments problem(String name, Consumer<ZmqLogAppender> configuration, String option,
			String message) {
		return Arguments.of(name, configuration, option, message);
	}

	private static Consumer<ZmqLogAppender> bound(Consumer<ZmqLogAppender> configuration) {
		return ((Consumer<ZmqLogAppender>) (a) -> a.addBind(ANY_PORT)).andThen(configuration);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("problems")
	void eachProblemIsFoundNamingItsOption(String name, Consumer<ZmqLogAppender> configuration, String option,
			String message) {
		try (AppenderFixture fixture = AppenderFixture.configure(configuration)) {
			AppenderSettings.Validated validated = AppenderSettings.validate(fixture.appender);
			assertThat(validated.settings()).isNull();
			assertThat(validated.problems()).singleElement().satisfies((problem) -> {
				assertThat(problem.kind()).isEqualTo(Kind.INVALID);
				assertThat(problem.option()).isEqualTo(option);
				assertThat(problem.message()).contains(message);
			});
		}
	}

	@Test
	void everyProblemIsFoundAtOnceIncludingABadPattern() {
		try (AppenderFixture fixture = AppenderFixture.configure((a) -> {
			a.addConnect("tcp://127.0.0.1:*");
			a.setQueueSize(0);
			a.setLevelNames("nope");
			a.setLinger(new Duration(-5));
			a.setWarnPattern("%nosuchword");
		})) {
			AppenderSettings.Validated validated = AppenderSettings.validate(fixture.appender);
			assertThat(validated.settings()).isNull();
			assertThat(validated.problems()).extracting(ConfigurationProblem::option)
				.containsExactly("connect", "levelNames", "queueSize", "linger", "warnPattern");
		}
	}

	@Test
	void defaultsWithAnEndpointAreValidAndGiveThePublisherTheDefaults() {
		try (AppenderFixture fixture = AppenderFixture.configure((a) -> a.addBind(ANY_PORT))) {
			AppenderSettings settings = valid(fixture.appender);
			try {
				assertThat(settings.publisher())
					.isEqualTo(new PublisherSettings("zmq", List.of(ANY_PORT), List.of(),
							ZmqLogAppender.DEFAULT_QUEUE_SIZE, ZmqLogAppender.DEFAULT_MAX_QUEUED_BYTES,
							ZmqLogAppender.DEFAULT_OVERFLOW_POLICY,
							TimeUnit.MILLISECONDS.toNanos(ZmqLogAppender.DEFAULT_MAX_BLOCK_TIME_MILLIS),
							ZmqLogAppender.DEFAULT_SEND_HWM, false, (int) ZmqLogAppender.DEFAULT_SEND_TIMEOUT_MILLIS,
							(int) ZmqLogAppender.DEFAULT_LINGER_MILLIS,
							(int) ZmqLogAppender.DEFAULT_HEARTBEAT_TIMEOUT_MILLIS,
							ZmqLogAppender.DEFAULT_MAX_MESSAGE_BYTES, null, null,
							// On by default, served next to the bind (a '*' port: one of
							// its
							// own).
							new HistorySettings(HistoryConfiguration.DEFAULT_SIZE,
									HistoryConfiguration.DEFAULT_MAX_BYTES, List.of(ANY_PORT), true),
							SocketTuning.DEFAULT));
				assertThat(topic(settings, Level.WARN)).isEqualTo("WARN");
				assertThat(settings.subtopicSources().isEmpty()).isTrue();
				assertThat(settings.topicRule().delimiterLength())
					.isEqualTo(ZmqLogAppender.DEFAULT_SUBTOPIC_DELIMITER.length());
			}
			finally {
				settings.layouts().stop();
			}
		}
	}

	@Test
	void validatedValuesFollowTheOptions() {
		try (AppenderFixture fixture = AppenderFixture.configure((a) -> {
			a.addBind(ANY_PORT);
			a.setRootTopic("orders");
			a.setLevelNames("python");
			a.setOverflowPolicy(" block ");
			a.setMaxMessageSize(FileSize.valueOf("4 GB"));
			a.getSubtopic().setSplit(false);
			a.getSubtopic().setMdcKey("tenant");
		})) {
			AppenderSettings settings = valid(fixture.appender);
			try {
				assertThat(settings.publisher().overflowPolicy()).isEqualTo(OverflowPolicy.BLOCK);
				// One byte array holds a body: larger limits are the largest array.
				assertThat(settings.publisher().maxMessageBytes()).isEqualTo(Integer.MAX_VALUE);
				assertThat(topic(settings, Level.WARN)).isEqualTo("orders.WARNING");
				assertThat(settings.topicRule().delimiterLength()).isZero();
				assertThat(settings.subtopicSources().mdcKey()).isEqualTo("tenant");
			}
			finally {
				settings.layouts().stop();
			}
		}
	}

	@Test
	void anEncoderNeedsNoPatterns() {
		assertValidDespiteABadPattern((a) -> {
			PatternLayoutEncoder encoder = new PatternLayoutEncoder();
			encoder.setContext(a.getContext());
			encoder.setPattern("%msg");
			encoder.start();
			a.setEncoder(encoder);
		});
	}

	@Test
	void aLayoutNeedsNoPatterns() {
		assertValidDespiteABadPattern((a) -> {
			PatternLayout layout = new PatternLayout();
			layout.setContext(a.getContext());
			layout.setPattern("%msg");
			layout.start();
			a.setLayout(layout);
		});
	}

	private static void assertValidDespiteABadPattern(Consumer<ZmqLogAppender> body) {
		try (AppenderFixture fixture = AppenderFixture.configure(bound((a) -> a.setErrorPattern("%nosuchword")))) {
			body.accept(fixture.appender);
			valid(fixture.appender).layouts().stop();
		}
	}

	@Test
	void textOptionsAreParsedWhenSetAndShowTheirCanonicalName() {
		ZmqLogAppender appender = new ZmqLogAppender();
		appender.setLevelNames(" python ");
		appender.setOverflowPolicy("block");
		appender.setThreshold("warning");
		assertThat(appender.getLevelNames()).isEqualTo("PYTHON");
		assertThat(appender.levelNamesOption().value()).isEqualTo(LevelNames.PYTHON);
		assertThat(appender.getOverflowPolicy()).isEqualTo("BLOCK");
		assertThat(appender.overflowPolicyOption().value()).isEqualTo(OverflowPolicy.BLOCK);
		assertThat(appender.getThreshold()).isEqualTo("WARN");
		appender.setThreshold("fatal");
		assertThat(appender.getThreshold()).isEqualTo("ERROR");
		appender.setThreshold("all");
		assertThat(appender.getThreshold()).isEqualTo("TRACE");
	}

	@Test
	void textThatNamesNothingIsShownAsSetAndKeepsTheLastValidThreshold() {
		ZmqLogAppender appender = new ZmqLogAppender();
		appender.setThreshold("ERROR");
		appender.setThreshold(" loud ");
		appender.setOverflowPolicy(null);
		assertThat(appender.getThreshold()).isEqualTo("loud");
		assertThat(appender.thresholdOption().value()).isNull();
		assertThat(appender.getOverflowPolicy()).isEmpty();
		assertThat(appender.overflowPolicyOption().value()).isNull();
	}

	@Test
	void defaultsShowTheirCanonicalNames() {
		ZmqLogAppender appender = new ZmqLogAppender();
		assertThat(appender.getLevelNames()).isEqualTo(ZmqLogAppender.DEFAULT_LEVEL_NAMES.name());
		assertThat(appender.getOverflowPolicy()).isEqualTo(ZmqLogAppender.DEFAULT_OVERFLOW_POLICY.name());
		assertThat(appender.getThreshold()).isEqualTo("TRACE");
		assertThat(appender.getMaxMessageSize().getSize()).isEqualTo(ZmqLogAppender.DEFAULT_MAX_MESSAGE_BYTES);
	}

	private static AppenderSettings valid(ZmqLogAppender appender) {
		AppenderSettings.Validated validated = AppenderSettings.validate(appender);
		assertThat(validated.problems()).isEmpty();
		assertThat(validated.settings()).isNotNull();
		return validated.settings();
	}

	private static String topic(AppenderSettings settings, Level level) {
		return new String(settings.topicRule().topic(level, null), StandardCharsets.UTF_8);
	}

}

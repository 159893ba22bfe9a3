package io.github.zmqlog.logback.format;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.status.ErrorStatus;
import ch.qos.logback.core.status.Status;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import io.github.zmqlog.logback.LevelNames;
import io.github.zmqlog.logback.format.BodyFormat.InvalidPatternException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The body of each level: the bytes its pattern, layout or encoder gives, whether it
 * needs caller data, and the reused buffer giving the same bytes as a string would.
 */
class BodyFormatTests {

	/** The appender's default pattern for INFO. */
	private static final String INFO_PATTERN = "%msg%n";

	/** The appender's default pattern for the other levels. */
	private static final String PATTERN = "%level %file:%line - %msg%n";

	private static final String NEWLINE = System.lineSeparator();

	private static final String NON_ASCII = "caf\u00e9 \u2713 \u65e5\u672c \ud83d\ude00 \u00fcber";

	private final LoggerContext context = new LoggerContext();

	private final Logger logger;

	private @Nullable BodyFormat layouts;

	BodyFormatTests() {
		this.context.setName("test");
		this.context.setMDCAdapter(new LogbackMDCAdapter());
		this.logger = this.context.getLogger("com.example.Shop");
	}

	@AfterEach
	void stop() {
		if (this.layouts != null) {
			this.layouts.stop();
		}
		this.context.stop();
	}

	@Test
	void defaultPatternsGiveTheMessageForInfoAndTheCallerForTheOtherLevels() {
		BodyFormat layouts = ofPatterns(LevelNames.LOGBACK, PATTERN, PATTERN, INFO_PATTERN, PATTERN, PATTERN);
		for (Level level : LevelNames.LEVELS) {
			String expected = (level == Level.INFO) ? NON_ASCII + NEWLINE
					: level + " Shop.java:42 - " + NON_ASCII + NEWLINE;
			assertThat(layouts.format(event(level, NON_ASCII))).as("%s", level)
				.isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
		}
	}

	@Test
	void eachLevelGetsItsOwnPattern() {
		BodyFormat layouts = ofPatterns(LevelNames.LOGBACK, "trace %msg%n", "debug %msg%n", "info %msg%n",
				"warn %msg%n", "error %msg%n");
		for (Level level : LevelNames.LEVELS) {
			assertThat(text(layouts.format(event(level, "m"))))
				.isEqualTo(level.toString().toLowerCase() + " m" + NEWLINE);
		}
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "%file %msg", "%line %msg", "%F:%L %msg", "%method %msg", "%M", "%class %msg", "%C{0}",
			"%caller{1}%msg", "%-20(%file) %msg", "%replace(%method){'x', 'y'} %msg",
			"[%replace(%-8(%line)){'1', '2'}] %msg" })
	void callerDataIsNeededByThePatternsThatPrintIt(String pattern) {
		BodyFormat layouts = ofPatterns(LevelNames.LOGBACK, INFO_PATTERN, INFO_PATTERN, INFO_PATTERN, pattern,
				INFO_PATTERN);
		assertThat(callerData(layouts)).containsExactly(false, false, false, true, false);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "%msg%n", "%d{ISO8601} %-5level [%thread] %logger{36} %mdc %kvp - %msg%n%ex",
			"%replace(%msg){'file', 'line'}", "file:line method class caller" })
	void callerDataIsNotNeededByPatternsThatDoNotPrintIt(String pattern) {
		BodyFormat layouts = ofPatterns(LevelNames.LOGBACK, pattern, pattern, pattern, pattern, pattern);
		assertThat(callerData(layouts)).containsOnly(false);
	}

	@Test
	void forcedCallerDataIsCapturedForEveryLevel() {
		String[] patterns = new String[LevelNames.COUNT];
		Arrays.fill(patterns, INFO_PATTERN);
		this.layouts = BodyFormat.ofPatterns(patterns, LevelNames.LOGBACK, this.context, true);
		assertThat(callerData(this.layouts)).containsOnly(true);
	}

	@Test
	void layoutAndEncoderCaptureCallerDataAsTold() {
		PatternLayout callerLayout = startedLayout(PATTERN);
		assertThat(callerData(BodyFormat.ofLayout(callerLayout, false))).containsOnly(false);
		assertThat(callerData(BodyFormat.ofLayout(startedLayout(INFO_PATTERN), true))).containsOnly(true);
		PatternLayoutEncoder encoder = startedEncoder(INFO_PATTERN);
		assertThat(callerData(BodyFormat.ofEncoder(encoder, false))).containsOnly(false);
		assertThat(callerData(BodyFormat.ofEncoder(encoder, true))).containsOnly(true);
	}

	@Test
	void bufferGivesTheSameBytesAsAString() {
		BodyFormat layouts = ofPatterns(LevelNames.LOGBACK, PATTERN, PATTERN, INFO_PATTERN, PATTERN, PATTERN);
		BodyBuffer buffer = new BodyBuffer();
		// Longer than the buffer starts, then beyond what it keeps, then short again on
		// the grown buffer.
		String[] messages = { "short", NON_ASCII, "x".repeat(2_000), NON_ASCII.repeat(100), "y".repeat(100_000), "z",
				"" };
		for (String message : messages) {
			for (Level level : LevelNames.LEVELS) {
				ILoggingEvent event = event(level, message);
				assertThat(layouts.format(event, buffer)).as("%s, %d chars", level, message.length())
					.isEqualTo(layouts.format(event));
			}
		}
		assertThat(text(layouts.format(event(Level.WARN, "z"), buffer))).isEqualTo("WARN Shop.java:42 - z" + NEWLINE);
	}

	@Test
	void stackTraceFollowsAPatternThatDoesNotPrintOne() {
		BodyFormat layouts = ofPatterns(LevelNames.LOGBACK, PATTERN, PATTERN, INFO_PATTERN, PATTERN, PATTERN);
		IllegalStateException failure = new IllegalStateException("checkout failed",
				new IllegalArgumentException("no such item: " + NON_ASCII));
		for (Level level : LevelNames.LEVELS) {
			LoggingEvent event = event(level, "order 7");
			event.setThrowableProxy(new ThrowableProxy(failure));
			byte[] body = layouts.format(event);
			assertThat(text(body)).contains("order 7" + NEWLINE + "java.lang.IllegalStateException: checkout failed")
				.contains("\tat " + getClass().getName() + ".stackTraceFollowsAPatternThatDoesNotPrintOne(")
				.contains("Caused by: java.lang.IllegalArgumentException: no such item: " + NON_ASCII);
			assertThat(layouts.format(event, new BodyBuffer())).isEqualTo(body);
		}
	}

	@Test
	void layoutOfItsOwnerFormatsEveryLevel() {
		PatternLayout layout = startedLayout("%-5level [%logger{0}] %msg%n");
		BodyFormat layouts = BodyFormat.ofLayout(layout, false);
		BodyBuffer buffer = new BodyBuffer();
		for (Level level : LevelNames.LEVELS) {
			ILoggingEvent event = event(level, NON_ASCII);
			String expected = String.format("%-5s [Shop] %s%s", level, NON_ASCII, NEWLINE);
			assertThat(layouts.format(event)).isEqualTo(expected.getBytes(StandardCharsets.UTF_8))
				.isEqualTo(layout.doLayout(event).getBytes(StandardCharsets.UTF_8));
			assertThat(layouts.format(event, buffer)).isEqualTo(layouts.format(event));
		}
		layouts.stop();
		assertThat(layout.isStarted()).as("the owner's layout is the owner's to stop").isTrue();
	}

	@Test
	void patternLayoutEncoderWritesTheBody() {
		PatternLayoutEncoder encoder = startedEncoder("%level %logger: %msg%n");
		BodyFormat layouts = BodyFormat.ofEncoder(encoder, false);
		for (Level level : LevelNames.LEVELS) {
			ILoggingEvent event = event(level, NON_ASCII);
			assertThat(layouts.format(event))
				.isEqualTo((level + " com.example.Shop: " + NON_ASCII + NEWLINE).getBytes(StandardCharsets.UTF_8));
			assertThat(layouts.format(event, new BodyBuffer())).isEqualTo(layouts.format(event));
		}
	}

	@Test
	void encoderCharsetIsKept() {
		PatternLayoutEncoder encoder = new PatternLayoutEncoder();
		encoder.setContext(this.context);
		encoder.setPattern("%msg");
		encoder.setCharset(StandardCharsets.ISO_8859_1);
		encoder.start();
		assertThat(BodyFormat.ofEncoder(encoder, false).format(event(Level.INFO, "caf\u00e9"))).containsExactly('c',
				'a', 'f', 0xE9);
	}

	@Test
	void jsonEncoderWritesTheBody() {
		JsonEncoder encoder = new JsonEncoder();
		encoder.setContext(this.context);
		encoder.start();
		BodyFormat layouts = BodyFormat.ofEncoder(encoder, false);
		ILoggingEvent event = event(Level.WARN, NON_ASCII);
		byte[] body = layouts.format(event);
		assertThat(body).isEqualTo(encoder.encode(event));
		JsonNode json = new ObjectMapper().readTree(body);
		assertThat(json.get("level").asString()).isEqualTo("WARN");
		assertThat(json.get("loggerName").asString()).isEqualTo("com.example.Shop");
		assertThat(json.get("message").asString()).isEqualTo(NON_ASCII);
		assertThat(layouts.format(event, new BodyBuffer())).isEqualTo(body);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "%nosuchconverter", "%msg %nosuchconverter%n", "%replace(%msg", "%msg{" })
	void invalidPatternIsReportedWithItsLevel(String pattern) {
		int statusesBefore = this.context.getStatusManager().getCount();
		assertThatExceptionOfType(InvalidPatternException.class)
			.isThrownBy(() -> ofPatterns(LevelNames.LOGBACK, PATTERN, PATTERN, INFO_PATTERN, pattern, PATTERN))
			.satisfies((ex) -> {
				assertThat(ex.level()).isEqualTo(Level.WARN);
				assertThat(ex.pattern()).isEqualTo(pattern);
				assertThat(ex).hasMessage("The WARN body pattern '" + pattern + "' does not compile");
			});
		assertThat(this.context.getStatusManager()
			.getCopyOfStatusList()
			.subList(statusesBefore, this.context.getStatusManager().getCount()))
			.as("the compiler's reason, in the status")
			.anyMatch((status) -> status.getLevel() == Status.ERROR);
	}

	@Test
	void errorsReportedBeforeDoNotFailGoodPatterns() {
		this.context.getStatusManager().add(new ErrorStatus("an earlier, unrelated error", this));
		BodyFormat layouts = ofPatterns(LevelNames.LOGBACK, PATTERN, PATTERN, INFO_PATTERN, PATTERN, PATTERN);
		assertThat(text(layouts.format(event(Level.INFO, "fine")))).isEqualTo("fine" + NEWLINE);
	}

	@Test
	void pythonLevelNamesAreWrittenByEveryLevelWord() {
		String pattern = "%level|%le|%-8p|%msg%n";
		BodyFormat layouts = ofPatterns(LevelNames.PYTHON, pattern, pattern, pattern, pattern, pattern);
		BodyBuffer buffer = new BodyBuffer();
		String[] expected = { "DEBUG|DEBUG|DEBUG   |m", "DEBUG|DEBUG|DEBUG   |m", "INFO|INFO|INFO    |m",
				"WARNING|WARNING|WARNING |m", "ERROR|ERROR|ERROR   |m" };
		for (int i = 0; i < LevelNames.COUNT; i++) {
			ILoggingEvent event = event(LevelNames.LEVELS[i], "m");
			assertThat(text(layouts.format(event))).isEqualTo(expected[i] + NEWLINE);
			assertThat(layouts.format(event, buffer)).isEqualTo(layouts.format(event));
		}
	}

	@Test
	void theMessageAfterASubtopicIsWrittenWithoutCopyingIt() {
		BodyFormat layouts = ofPatterns(LevelNames.LOGBACK, "%msg", "%msg", "%msg", "%msg", "%msg");
		TopicRule rule = new TopicRule("app", LevelNames.LOGBACK, "::");
		BodyBuffer buffer = new BodyBuffer();
		String message = "Order 4711 done in 12 ms for customer-4711 in the shop's checkout";
		int events = 20_000;
		for (int round = 0; round < 2; round++) {
			// Frozen first (on a logging thread in the appender), then formatted: only
			// the
			// formatting is weighed, the second round after the first warmed it up.
			PublishableEvent[] frozen = new PublishableEvent[events];
			for (int i = 0; i < events; i++) {
				LoggingEvent event = new LoggingEvent(Logger.class.getName(), this.logger, Level.INFO,
						"orders.paid::Order {} done in 12 ms for customer-4711 in the shop's checkout", null,
						new Object[] { 4711 });
				frozen[i] = PublishableEvent.freeze(event, rule, layouts, SubtopicSources.NONE);
			}
			long before = allocatedBytes();
			for (PublishableEvent event : frozen) {
				if (layouts.format(event, buffer).length != message.length()) {
					throw new AssertionError("not the message: " + text(layouts.format(event, buffer)));
				}
			}
			long perEvent = (allocatedBytes() - before) / events;
			// The body's own array: a 16-byte header and the bytes, rounded up to 8.
			long body = 16 + ((message.length() + 7) / 8) * 8;
			if (round == 1) {
				assertThat(perEvent).as("bytes allocated per body, at most its own array (%d)", body)
					.isLessThanOrEqualTo(body);
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "%m", "%msg", "%message", "[%-12msg]", "[%12msg]", "[%.5msg]", "[%.-5msg]",
			"[%8.-3message]", "%replace(%msg){'o', '0'}" })
	void everyMessageWordWritesWhatLogbacksWould(String pattern) {
		BodyFormat layouts = ofPatterns(LevelNames.LOGBACK, pattern, pattern, pattern, pattern, pattern);
		PatternLayout logbacks = new PatternLayout();
		logbacks.setContext(this.context);
		logbacks.setPattern(pattern);
		logbacks.start();
		TopicRule rule = new TopicRule("app", LevelNames.LOGBACK, "::");
		BodyBuffer buffer = new BodyBuffer();
		String[][] templates = { { "plain {} message", "x" }, { "orders.paid::Order {} paid", "4711" },
				{ "orders.{}::Order {} paid", "4711" }, { "::", null }, { "a::", null }, { NON_ASCII + "::é {}", "ü" },
				{ null, null } };
		for (String[] template : templates) {
			Object[] arguments = (template[1] != null) ? new Object[] { template[1] } : null;
			LoggingEvent event = new LoggingEvent(Logger.class.getName(), this.logger, Level.INFO, template[0], null,
					arguments);
			PublishableEvent ours = PublishableEvent.freeze(event, rule, layouts, SubtopicSources.NONE);
			PublishableEvent theirs = PublishableEvent.freeze(event, rule, layouts, SubtopicSources.NONE);
			assertThat(text(layouts.format(ours, buffer))).as("%s with %s", pattern, template[0])
				.isEqualTo(logbacks.doLayout(theirs));
		}
		logbacks.stop();
	}

	private static long allocatedBytes() {
		return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
	}

	@Test
	void logbackLevelNamesAreLogbacksOwn() {
		BodyFormat layouts = ofPatterns(LevelNames.LOGBACK, PATTERN, PATTERN, INFO_PATTERN, "%level|%le|%-8p|%msg",
				PATTERN);
		assertThat(text(layouts.format(event(Level.WARN, "m")))).isEqualTo("WARN|WARN|WARN    |m");
		assertThat(text(layouts.format(event(Level.TRACE, "m")))).startsWith("TRACE ");
	}

	private BodyFormat ofPatterns(LevelNames levelNames, String... patterns) {
		this.layouts = BodyFormat.ofPatterns(patterns, levelNames, this.context, false);
		return this.layouts;
	}

	private PatternLayout startedLayout(String pattern) {
		PatternLayout layout = new PatternLayout();
		layout.setContext(this.context);
		layout.setPattern(pattern);
		layout.start();
		return layout;
	}

	private PatternLayoutEncoder startedEncoder(String pattern) {
		PatternLayoutEncoder encoder = new PatternLayoutEncoder();
		encoder.setContext(this.context);
		encoder.setPattern(pattern);
		encoder.setCharset(StandardCharsets.UTF_8);
		encoder.start();
		return encoder;
	}

	/** An event as the logger makes it, called from {@code Shop.checkout} at line 42. */
	private LoggingEvent event(Level level, String message) {
		LoggingEvent event = new LoggingEvent(Logger.class.getName(), this.logger, level, message, null, null);
		event.setCallerData(
				new StackTraceElement[] { new StackTraceElement("com.example.Shop", "checkout", "Shop.java", 42) });
		return event;
	}

	private static Boolean[] callerData(BodyFormat layouts) {
		return Arrays.stream(LevelNames.LEVELS).map(layouts::needCallerData).toArray(Boolean[]::new);
	}

	private static String text(byte[] body) {
		return new String(body, StandardCharsets.UTF_8);
	}

}

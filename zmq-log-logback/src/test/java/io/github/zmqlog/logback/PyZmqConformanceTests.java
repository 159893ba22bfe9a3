package io.github.zmqlog.logback;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.event.Level;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import io.github.zmqlog.testsupport.TestSubscriber;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conformance with PyZMQ's {@code PUBHandler}, driven by the wire vectors captured from
 * pyzmq 24.0.1 ({@code pyzmq-24.0.1-vectors.json}). For every case with a Java
 * counterpart, the appender's message, received by a real SUB, has the same topic frame
 * and the same body apart from {@code file:line}: exactly with {@code PYTHON} level
 * names, and with Logback's names swapped in with {@code LOGBACK}. Cases without a
 * counterpart are listed with the reason.
 */
@Timeout(120)
class PyZmqConformanceTests {

	private static final String VECTORS = "/pyzmq-24.0.1-vectors.json";

	/** The Python logger's name in the vectors, used as the Java logger's name too. */
	private static final String LOGGER_NAME = "zmqvectors";

	private static final Map<String, Consumer<Logger>> COUNTERPARTS = new LinkedHashMap<>();

	private static final Map<String, String> NO_COUNTERPART = new LinkedHashMap<>();

	/** Appender options a case needs besides the root topic (PyZMQ's setFormatter). */
	private static final Map<String, Consumer<ZmqLogAppender>> OPTIONS = Map.of("setFormatter_all",
			(appender) -> appender.setPattern("%logger > %msg"), "setFormatter_info_only",
			(appender) -> appender.setInfoPattern("[%level] %msg|"));

	static {
		COUNTERPARTS.put("info", (log) -> log.info("hello there"));
		COUNTERPARTS.put("warning", (log) -> log.warn("careful now"));
		COUNTERPARTS.put("error", (log) -> log.error("boom"));
		COUNTERPARTS.put("debug", (log) -> log.debug("some details"));
		COUNTERPARTS.put("warn_alias", (log) -> log.warn("warn alias"));
		COUNTERPARTS.put("log_level_30", (log) -> log.atLevel(Level.WARN).log("via log(30)"));
		COUNTERPARTS.put("empty_root_info", (log) -> log.info("hello"));
		COUNTERPARTS.put("empty_root_error", (log) -> log.error("bad"));
		COUNTERPARTS.put("empty_root_subtopic", (log) -> log.info("sub.topic::hello"));
		COUNTERPARTS.put("root_bytes", (log) -> log.info("bytes root"));
		COUNTERPARTS.put("root_with_dots", (log) -> log.info("dotted root"));
		COUNTERPARTS.put("root_trailing_dot", (log) -> log.info("trailing dot root"));
		COUNTERPARTS.put("root_unicode", (log) -> log.info("unicode root"));
		COUNTERPARTS.put("subtopic_info", (log) -> log.info("sub.topic::hello there"));
		COUNTERPARTS.put("subtopic_warning", (log) -> log.warn("sub.topic::hello there"));
		COUNTERPARTS.put("subtopic_error", (log) -> log.error("sub.topic::hello there"));
		COUNTERPARTS.put("two_delims", (log) -> log.info("a::b::c"));
		COUNTERPARTS.put("exactly_delim", (log) -> log.info("::"));
		COUNTERPARTS.put("starts_with_delim", (log) -> log.info("::hello"));
		COUNTERPARTS.put("ends_with_delim", (log) -> log.info("sub::"));
		COUNTERPARTS.put("triple_colon", (log) -> log.info("a:::b"));
		COUNTERPARTS.put("leading_triple_colon", (log) -> log.info(":::x"));
		COUNTERPARTS.put("single_colon", (log) -> log.info("key: value a:b"));
		COUNTERPARTS.put("incidental_ipv6", (log) -> log.info("connecting to [::1]:8080"));
		COUNTERPARTS.put("incidental_cpp", (log) -> log.info("std::vector overflow"));
		COUNTERPARTS.put("delim_in_args", (log) -> log.info("value={}", "a::b"));
		COUNTERPARTS.put("subtopic_with_args", (log) -> log.info("sub::count={}", 5));
		COUNTERPARTS.put("subtopic_spaces_in_topic", (log) -> log.info("My Sub Topic::x"));
		COUNTERPARTS.put("unicode", (log) -> log.info("héllo ✓"));
		COUNTERPARTS.put("unicode_subtopic", (log) -> log.info("tøpic::héllo ✓"));
		COUNTERPARTS.put("unicode_warning", (log) -> log.warn("héllo ✓ 日本"));
		COUNTERPARTS.put("multiline", (log) -> log.info("line1\nline2\nline3"));
		COUNTERPARTS.put("multiline_warning", (log) -> log.warn("line1\nline2"));
		COUNTERPARTS.put("multiline_delim_later", (log) -> log.info("line1\nsub::line2"));
		COUNTERPARTS.put("trailing_newline", (log) -> log.info("ends with newline\n"));
		COUNTERPARTS.put("empty_message", (log) -> log.info(""));
		COUNTERPARTS.put("crlf_tab_nul", (log) -> log.info("a\r\nb\tc\u0000d"));
		COUNTERPARTS.put("percent_literal", (log) -> log.info("100% done"));
		COUNTERPARTS.put("exception", (log) -> log.error("it failed", divisionByZero()));
		COUNTERPARTS.put("exception_subtopic", (log) -> log.error("db.pool::it failed", divisionByZero()));
		COUNTERPARTS.put("warning_exc_info", (log) -> log.warn("warning with exc_info", divisionByZero()));
		COUNTERPARTS.put("info_exc_info", (log) -> log.info("info with exc_info", divisionByZero()));
		COUNTERPARTS.put("setFormatter_all", (log) -> log.warn("sub::custom formatter for all levels"));
		COUNTERPARTS.put("setFormatter_info_only", (log) -> log.info("per-level formatter"));
		COUNTERPARTS.put("topiclogger_log", (log) -> log.info("sub.topic::hello {}", "world"));

		String critical = "Logback has no CRITICAL level (nor FATAL); ERROR is its highest";
		NO_COUNTERPART.put("critical", critical);
		NO_COUNTERPART.put("fatal_alias", critical);
		NO_COUNTERPART.put("critical_exc_info", critical);
		NO_COUNTERPART.put("custom_level_25", "Logback has no custom levels");
		NO_COUNTERPART.put("level_5", "Logback has no custom levels");
		String notString = "SLF4J messages are strings; PyZMQ raises on a non-str msg and sends nothing";
		NO_COUNTERPART.put("non_str_int", notString);
		NO_COUNTERPART.put("non_str_obj_delim", notString);
		NO_COUNTERPART.put("exception_object_as_msg", notString);
		NO_COUNTERPART.put("error_exc_info_false",
				"exc_info=False is Python-only; its ' - False' suffix has no Java meaning");
		String surrogate = "PyZMQ raises or drops on a lone surrogate; the appender publishes it replaced by '?'"
				+ " (tested in ZmqLogAppenderRoundTripTests)";
		NO_COUNTERPART.put("surrogate_in_subtopic", surrogate);
		NO_COUNTERPART.put("surrogate_in_message", surrogate);
		String topicLogger = "PyZMQ's TopicLogger.debug/info/error are broken in 24.0.1 and send nothing";
		NO_COUNTERPART.put("topiclogger_debug", topicLogger);
		NO_COUNTERPART.put("topiclogger_info", topicLogger);
		NO_COUNTERPART.put("topiclogger_error", topicLogger);
	}

	@Test
	void everyVectorHasACounterpartOrAReason() throws IOException {
		List<String> names = new ArrayList<>();
		vectors().forEach((vector) -> names.add(vector.get("name").asString()));
		assertThat(names).hasSize(59);
		Set<String> covered = new HashSet<>(COUNTERPARTS.keySet());
		covered.addAll(NO_COUNTERPART.keySet());
		assertThat(covered).containsExactlyInAnyOrderElementsOf(names);
		assertThat(COUNTERPARTS.keySet()).doesNotContainAnyElementsOf(NO_COUNTERPART.keySet());
	}

	static Stream<Arguments> cases() throws IOException {
		List<Arguments> arguments = new ArrayList<>();
		for (JsonNode vector : vectors()) {
			String name = vector.get("name").asString();
			if (COUNTERPARTS.containsKey(name)) {
				arguments.add(Arguments.of(name, LevelNames.PYTHON, vector));
				arguments.add(Arguments.of(name, LevelNames.LOGBACK, vector));
			}
		}
		return arguments.stream();
	}

	@ParameterizedTest(name = "{0} with {1} names")
	@MethodSource("cases")
	void messageMatchesPubHandler(String name, LevelNames levelNames, JsonNode vector) {
		String root = vector.get("root_topic").asString();
		JsonNode expected = vector.get("messages").get(0);
		assertThat(vector.get("messages").size()).isEqualTo(1);
		assertThat(expected.get("frames").asInt()).isEqualTo(2);
		try (AppenderFixture fixture = AppenderFixture.start(LOGGER_NAME, (appender) -> {
			appender.setRootTopic(root);
			appender.setLevelNames(levelNames.name());
			OPTIONS.getOrDefault(name, (unused) -> {
			}).accept(appender);
		}); TestSubscriber subscriber = new TestSubscriber(fixture.endpoint(), "")) {
			subscriber.awaitSubscribed(fixture.logger, root);
			COUNTERPARTS.get(name).accept(fixture.logger);
			TestSubscriber.Message message = subscriber.receive(Duration.ofSeconds(10));
			assertThat(message).as("message for %s", name).isNotNull();
			String expectedTopic = expected.get("topic").asString();
			String expectedBody = expected.get("body").asString();
			if (levelNames == LevelNames.LOGBACK) {
				expectedTopic = logbackTopic(expectedTopic, root);
				expectedBody = expectedBody.replaceFirst("^WARNING ", "WARN ");
			}
			assertThat(message.topic()).isEqualTo(expectedTopic);
			assertBody(message.body(), expectedBody);
			assertThat(subscriber.receive(Duration.ofMillis(100))).as("exactly one message").isNull();
		}
	}

	/**
	 * Compares bodies apart from {@code file:line}, and apart from the two documented
	 * differences: a plain ERROR does not end in {@code " - None"}, and an exception is
	 * followed by a Java stack trace instead of PyZMQ's exc_info tuple and Python
	 * traceback.
	 */
	private static void assertBody(String actual, String expected) {
		String actualBody = actual.replaceAll("PyZmqConformanceTests\\.java:\\d+ ", "FILE:LINE ");
		String expectedBody = expected.replaceAll("pyzmq_vectors\\.py:\\d+ ", "FILE:LINE ");
		int traceback = expectedBody.indexOf("\nTraceback (most recent call last):");
		if (traceback >= 0) {
			String firstLine = expectedBody.substring(0, traceback).replaceFirst(" - \\(<class '.*$", "");
			assertThat(actualBody).startsWith(firstLine + "\njava.lang.ArithmeticException: / by zero\n\tat ");
			return;
		}
		assertThat(actualBody).isEqualTo(expectedBody.replaceFirst(" - None\n$", "\n"));
	}

	private static String logbackTopic(String topic, String root) {
		String prefix = root.isEmpty() ? "" : root + ".";
		return topic.startsWith(prefix + "WARNING") ? prefix + "WARN" + topic.substring(prefix.length() + 7) : topic;
	}

	private static Throwable divisionByZero() {
		try {
			return new ArithmeticException(String.valueOf(1 / zero()));
		}
		catch (ArithmeticException ex) {
			return ex;
		}
	}

	private static int zero() {
		return 0;
	}

	private static Iterable<JsonNode> vectors() throws IOException {
		try (InputStream in = PyZmqConformanceTests.class.getResourceAsStream(VECTORS)) {
			assertThat(in).as(VECTORS).isNotNull();
			return new ObjectMapper().readTree(in).get("cases");
		}
	}

}

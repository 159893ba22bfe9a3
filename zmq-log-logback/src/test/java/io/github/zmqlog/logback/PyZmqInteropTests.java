package io.github.zmqlog.logback;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import io.github.zmqlog.testsupport.EnabledIfPyZmq;
import io.github.zmqlog.testsupport.PyZmq;
import io.github.zmqlog.testsupport.PyZmqJson;
import io.github.zmqlog.testsupport.TestSubscriber;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Against the real thing: a PyZMQ SUB receives the appender's messages, and with
 * {@code PYTHON} level names and the default formats they equal what PyZMQ's own
 * {@code PUBHandler} sends for the same records, generated live by running it, apart from
 * {@code file:line}.
 */
@Timeout(90)
@EnabledIfPyZmq
class PyZmqInteropTests {

	private static final ObjectMapper json = new ObjectMapper();

	/** The Java counterparts of the records {@code pubhandler.py capture} logs. */
	private static final Map<String, Consumer<Logger>> CASES = new LinkedHashMap<>();

	static {
		CASES.put("info", (log) -> log.info("hello there"));
		CASES.put("warning", (log) -> log.warn("careful now"));
		CASES.put("error", (log) -> log.error("boom"));
		CASES.put("debug", (log) -> log.debug("some details"));
		CASES.put("subtopic", (log) -> log.info("sub.topic::hello there"));
		CASES.put("subtopic_warning", (log) -> log.warn("db.pool::pool exhausted"));
		CASES.put("delim_in_args", (log) -> log.info("value={}", "a::b"));
		CASES.put("subtopic_with_args", (log) -> log.info("sub::count={}", 5));
		CASES.put("unicode", (log) -> log.warn("h\u00e9llo \u2713 \u65e5\u672c"));
		CASES.put("multiline", (log) -> log.info("line1\nline2\nline3"));
		CASES.put("trailing_newline", (log) -> log.info("ends with newline\n"));
		CASES.put("empty", (log) -> log.info(""));
		CASES.put("two_delims", (log) -> log.info("a::b::c"));
	}

	@Test
	void pyzmqSubscriberReceivesTheAppendersMessages() throws Exception {
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> {
			appender.setRootTopic("app");
			appender.setLevelNames("PYTHON");
		})) {
			Process python = PyZmq.script("sub.py", fixture.endpoint(), "app", "30");
			try {
				BlockingQueue<JsonNode> received = PyZmqJson.lines(python);
				// The slow joiner: ping until PyZMQ reports one.
				JsonNode first = null;
				for (int i = 0; first == null && i < 200; i++) {
					fixture.logger.info("sync::ping");
					first = received.poll(100, TimeUnit.MILLISECONDS);
				}
				assertThat(first).as("a message at PyZMQ within 20 s").isNotNull();
				while (received.poll(300, TimeUnit.MILLISECONDS) != null) {
					// late pings
				}
				fixture.logger.warn("db.pool::h\u00e9llo \u2713 {}", "\u65e5\u672c");
				fixture.logger.error("multi\nline", new IllegalStateException("failed"));
				JsonNode warning = received.poll(10, TimeUnit.SECONDS);
				assertThat(warning.get("frames").asInt()).isEqualTo(2);
				assertThat(warning.get("topic").asString()).isEqualTo("app.WARNING.db.pool");
				assertThat(PyZmqJson.body(warning))
					.matches("WARNING PyZmqInteropTests\\.java:\\d+ - h\u00e9llo \u2713 \u65e5\u672c\n");
				JsonNode error = received.poll(10, TimeUnit.SECONDS);
				assertThat(error.get("topic").asString()).isEqualTo("app.ERROR");
				assertThat(PyZmqJson.body(error)).startsWith("ERROR ")
					.contains(" - multi\nline\njava.lang.IllegalStateException: failed\n");
			}
			finally {
				python.destroy();
			}
		}
	}

	@Test
	void defaultFormatsEqualPubHandlersLiveOutput() throws Exception {
		Process python = PyZmq.script("pubhandler.py", "capture", "myprogram");
		Map<String, JsonNode> expected = new LinkedHashMap<>();
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = out.readLine()) != null) {
				JsonNode node = json.readTree(line);
				expected.put(node.get("name").asString(), node);
			}
		}
		assertThat(python.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(expected.keySet()).containsExactlyElementsOf(CASES.keySet());
		try (AppenderFixture fixture = AppenderFixture.start("pyzmq-interop", (appender) -> {
			appender.setRootTopic("myprogram");
			appender.setLevelNames("PYTHON");
		}); TestSubscriber subscriber = new TestSubscriber(fixture.endpoint(), "")) {
			subscriber.awaitSubscribed(fixture.logger, "myprogram");
			for (Map.Entry<String, Consumer<Logger>> entry : CASES.entrySet()) {
				entry.getValue().accept(fixture.logger);
				TestSubscriber.Message message = subscriber.receive(java.time.Duration.ofSeconds(10));
				JsonNode python3 = expected.get(entry.getKey());
				assertThat(message.topic()).as(entry.getKey()).isEqualTo(python3.get("topic").asString());
				String pythonBody = PyZmqJson.body(python3)
					.replaceAll("\\S+\\.py:\\d+ ", "FILE:LINE ")
					.replaceFirst(" - None\n$", "\n");
				String javaBody = message.body().replaceAll("PyZmqInteropTests\\.java:\\d+ ", "FILE:LINE ");
				assertThat(javaBody).as(entry.getKey()).isEqualTo(pythonBody);
			}
		}
	}

}

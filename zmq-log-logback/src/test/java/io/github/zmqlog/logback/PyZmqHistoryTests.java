package io.github.zmqlog.logback;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.zmqlog.testsupport.EnabledIfPyZmq;
import io.github.zmqlog.testsupport.PyZmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Any ZeroMQ client can ask for history: the README's PyZMQ script, run with
 * {@code /usr/bin/python3}, gets the last events, then a live one.
 */
@Timeout(60)
@EnabledIfPyZmq
class PyZmqHistoryTests {

	@Test
	void readmeScriptReceivesTheHistoryThenLive() throws Exception {
		try (AppenderFixture fixture = AppenderFixture.start("app", HistoryTests.history("tcp://127.0.0.1:*"))) {
			fixture.appender.setRootTopic("py");
			for (int i = 1; i <= 5; i++) {
				fixture.logger.info("orders::order " + i);
				fixture.logger.warn("other " + i);
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> fixture.appender.getStats().counts().sent() == 10);
			Process python = PyZmq.script("history.py", fixture.appender.getHistoryEndpoints().get(0), "3",
					"py.INFO.orders");
			List<String> lines = new ArrayList<>();
			try (BufferedReader out = new BufferedReader(
					new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = out.readLine()) != null) {
					lines.add(line);
					if (line.equals("LIVE")) {
						fixture.logger.info("orders::order 6");
					}
				}
			}
			assertThat(python.waitFor(20, TimeUnit.SECONDS)).isTrue();
			assertThat(lines).hasSize(5);
			assertThat(lines.subList(0, 3)).allMatch((l) -> l.matches("\\d+ py\\.INFO\\.orders \\| order [345]"));
			assertThat(lines.get(3)).isEqualTo("LIVE");
			assertThat(lines.get(4)).matches("\\d+ py\\.INFO\\.orders \\| order 6");
			assertThat(lines).extracting((l) -> l.replaceAll("^\\d+ ", ""))
				.containsExactly("py.INFO.orders | order 3", "py.INFO.orders | order 4", "py.INFO.orders | order 5",
						"LIVE", "py.INFO.orders | order 6");
		}
	}

}

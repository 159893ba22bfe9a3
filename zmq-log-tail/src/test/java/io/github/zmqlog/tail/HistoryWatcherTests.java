package io.github.zmqlog.tail;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.zmqlog.logback.ZmqLogAppender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * {@code zmq-log-tail -n N}: the command line, and the watcher printing the last events
 * of a real appender, then the live ones.
 */
@Timeout(60)
class HistoryWatcherTests {

	private final LoggerContext logback = new LoggerContext();

	private final ZmqLogAppender appender = new ZmqLogAppender();

	private final Logger logger = this.logback.getLogger("tail");

	private final ByteArrayOutputStream output = new ByteArrayOutputStream();

	@AfterEach
	void close() {
		this.appender.stop();
		this.logback.stop();
	}

	@Test
	void printsTheLastMatchingEventsThenLiveOnes() throws Exception {
		start();
		for (int i = 1; i <= 10; i++) {
			this.logger.info("e" + i);
			this.logger.warn("w" + i);
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.appender.getStats().counts().sent() == 20);
		Watcher watcher = watcher("-n", "3", "-t", "app.INFO", "--count", "5", "--history",
				this.appender.getHistoryEndpoints().get(0), this.appender.getStats().socket().boundEndpoints().get(0));
		CompletableFuture<Long> run = CompletableFuture.supplyAsync(watcher::run);
		await().atMost(Duration.ofSeconds(10)).until(() -> lines().size() == 3);
		this.logger.warn("not this one");
		this.logger.info("live1");
		this.logger.info("live2");
		assertThat(run.get(10, TimeUnit.SECONDS)).isEqualTo(5);
		assertThat(lines()).containsExactly("app.INFO | e8", "app.INFO | e9", "app.INFO | e10", "app.INFO | live1",
				"app.INFO | live2");
	}

	@Test
	void commandLineProcessPrintsTheHistoryThenLiveAndExits() throws Exception {
		start();
		for (int i = 1; i <= 5; i++) {
			this.logger.info("e" + i);
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.appender.getStats().counts().sent() == 5);
		Process process = ZmqLogTailProcessTests.start("-n", "3", "--count", "4", "--history",
				this.appender.getHistoryEndpoints().get(0), this.appender.getStats().socket().boundEndpoints().get(0));
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			List<String> lines = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				lines.add(out.readLine());
			}
			// The history is printed: the watcher follows from here.
			this.logger.info("live");
			lines.add(out.readLine());
			assertThat(lines).containsExactly("app.INFO | e3", "app.INFO | e4", "app.INFO | e5", "app.INFO | live");
			assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).isZero();
		}
		finally {
			process.destroy();
		}
	}

	@Test
	void missedEventsAreAMarkedLineInTextAndAnObjectInJson() {
		assertThat(Watcher.missedLine(12, false)).isEqualTo("[missed 12 events]");
		assertThat(Watcher.missedLine(1, false)).isEqualTo("[missed 1 event]");
		assertThat(Watcher.missedLine(12, true)).isEqualTo("{\"missed\":12}");
	}

	@Test
	void historyEndpointIsTheTcpPortPlusOneUnlessGiven() {
		TailOptions derived = TailOptions.parse(Map.of(), "-n", "20", "tcp://127.0.0.1:5556");
		assertThat(derived.history()).isEqualTo(20);
		assertThat(derived.historyEndpoint()).isEqualTo("tcp://127.0.0.1:5557");
		TailOptions given = TailOptions.parse(Map.of(), "-n", "0", "--history", "tcp://10.0.0.1:7000",
				"tcp://127.0.0.1:5556");
		assertThat(given.historyEndpoint()).isEqualTo("tcp://10.0.0.1:7000");
		assertThat(TailOptions.parse(Map.of(), "tcp://127.0.0.1:5556").history()).isNull();
	}

	@Test
	void sinceTakesADurationAndImpliesEverythingKept() {
		TailOptions options = TailOptions.parse(Map.of(), "--since", "10m", "tcp://127.0.0.1:5556");
		assertThat(options.since()).isEqualTo(Duration.ofMinutes(10));
		assertThat(options.history()).isEqualTo(Integer.MAX_VALUE);
		assertThat(TailOptions.parse(Map.of(), "--since", "90s", "-n", "5", "tcp://127.0.0.1:5556").since())
			.isEqualTo(Duration.ofSeconds(90));
	}

	@Test
	void wrongHistoryArgumentsAreExplained() {
		assertThatIllegalArgumentException().isThrownBy(() -> TailOptions.parse(Map.of(), "-n", "-1", "tcp://h:1"))
			.withMessage("-n takes a whole number, 0 or more, not '-1'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TailOptions.parse(Map.of(), "--since", "soon", "tcp://h:1"))
			.withMessage("--since takes a duration such as 30s, 10m or 2h, not 'soon'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TailOptions.parse(Map.of(), "-n", "5", "--bind", "tcp://127.0.0.1:5556"))
			.withMessageStartingWith("-n works with a connecting watcher only");
		assertThatIllegalArgumentException().isThrownBy(() -> TailOptions.parse(Map.of(), "-n", "5", "tcp://h:*"))
			.withMessageStartingWith("no history endpoint follows from tcp://h:*: give --history ENDPOINT");
	}

	private void start() {
		this.logback.setName("tail-test");
		this.logback.setMDCAdapter(new LogbackMDCAdapter());
		this.logger.setLevel(Level.TRACE);
		this.logger.setAdditive(false);
		this.appender.setContext(this.logback);
		this.appender.setName("zmq");
		this.appender.setRootTopic("app");
		this.appender.addBind("tcp://127.0.0.1:*");
		this.appender.getHistory().setEndpoint("tcp://127.0.0.1:*");
		this.appender.start();
		assertThat(this.appender.isStarted()).isTrue();
		this.logger.addAppender(this.appender);
	}

	private Watcher watcher(String... args) {
		return new Watcher(TailOptions.parse(Map.of(), args),
				new PrintStream(this.output, true, StandardCharsets.UTF_8), false);
	}

	private List<String> lines() {
		String text = this.output.toString(StandardCharsets.UTF_8);
		return text.isEmpty() ? List.of() : List.of(text.split("\n"));
	}

}

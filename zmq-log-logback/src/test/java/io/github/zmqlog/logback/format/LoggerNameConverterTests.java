package io.github.zmqlog.logback.format;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.pattern.LoggerConverter;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.zmqlog.logback.LevelNames;
import io.github.zmqlog.logback.format.BodyFormat.InvalidPatternException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code %logger} ({@code %c}, {@code %lo}) in the appender's own layouts: the same text
 * as Logback's converter for any name and length, and no monitor for the threads that
 * format at the same time to wait on. The names are random, from one seed that every
 * failure names; {@code -Dzmqlog.seed=N} runs that seed again.
 */
class LoggerNameConverterTests {

	/** The benchmarks' pattern, as an application would write it. */
	private static final String PATTERN = "%d %-5level [%thread] %logger{36} - %msg%n";

	/** More names than the converter's table holds, so that entries are replaced. */
	private static final int NAMES = 3 * LoggerNameConverter.SLOTS;

	/**
	 * Names are drawn from this seed, which every failure names; -Dzmqlog.seed=N repeats
	 * it.
	 */
	private static final long SEED = Long.getLong("zmqlog.seed", new Random().nextLong());

	private static final String SEGMENT_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789$_\u00e9\u65e5";

	private static final int THREADS = 4;

	private static final int EVENTS_PER_THREAD = 200_000;

	private final LoggerContext context = new LoggerContext();

	LoggerNameConverterTests() {
		this.context.setName("test");
		this.context.setMDCAdapter(new LogbackMDCAdapter());
	}

	@AfterEach
	void stop() {
		this.context.stop();
	}

	@ParameterizedTest(name = "%logger'{'{0}'}'")
	@NullSource
	@ValueSource(strings = { "-5", "-1", "0", "1", "2", "3", "4", "5", "6", "7", "8", "10", "12", "15", "16", "20",
			"24", "25", "30", "36", "40", "50", "64", "100" })
	void givesLogbacksTextForAnyNameAtAnyLength(String length) {
		List<String> options = (length != null) ? List.of(length) : null;
		LoggerConverter logbacks = new LoggerConverter();
		LoggerNameConverter ours = new LoggerNameConverter();
		logbacks.setOptionList(options);
		ours.setOptionList(options);
		logbacks.setContext(this.context);
		ours.setContext(this.context);
		logbacks.start();
		ours.start();
		List<String> names = names(new Random(SEED + ((length != null) ? length.hashCode() : 0)));
		List<String> differences = new ArrayList<>();
		// Twice: the second round reads what the first left in the table, or replaced.
		for (int round = 0; round < 2; round++) {
			for (String name : names) {
				LoggingEvent event = event(name, "m");
				String expected = logbacks.convert(event);
				String actual = ours.convert(event);
				if (!expected.equals(actual)) {
					differences.add("'" + name + "': Logback '" + expected + "', ours '" + actual + "'");
				}
			}
		}
		assertThat(differences).as("seed %d", SEED).isEmpty();
	}

	@Test
	void everyConversionWordAndFormatGivesLogbacksText() {
		String pattern = "%logger|%c{0}|%lo{5}|%logger{36}|%-20.20logger{10}|%c{-1}|%.-8lo{1}%n";
		String[] patterns = new String[LevelNames.COUNT];
		Arrays.fill(patterns, pattern);
		BodyFormat layouts = BodyFormat.ofPatterns(patterns, LevelNames.LOGBACK, this.context, false);
		PatternLayout logbacks = new PatternLayout();
		logbacks.setContext(this.context);
		logbacks.setPattern(pattern);
		logbacks.start();
		try {
			BodyBuffer buffer = new BodyBuffer();
			for (String name : names(new Random(SEED)).subList(0, 500)) {
				LoggingEvent event = event(name, "m");
				assertThat(new String(layouts.format(event, buffer), StandardCharsets.UTF_8))
					.as("seed %d, '%s'", SEED, name)
					.isEqualTo(logbacks.doLayout(event));
			}
		}
		finally {
			layouts.stop();
			logbacks.stop();
		}
	}

	@Test
	void aLengthThatIsNoNumberIsRefusedAsLogbacksConverterRefusesIt() {
		String[] patterns = new String[LevelNames.COUNT];
		Arrays.fill(patterns, "%logger{short} %msg");
		assertThatExceptionOfType(InvalidPatternException.class)
			.isThrownBy(() -> BodyFormat.ofPatterns(patterns, LevelNames.LOGBACK, this.context, false));
	}

	@Test
	@Timeout(120)
	void threadsFormattingAtOnceNeverBlockOnAMonitor() throws Exception {
		String[] patterns = new String[LevelNames.COUNT];
		Arrays.fill(patterns, PATTERN);
		BodyFormat layouts = BodyFormat.ofPatterns(patterns, LevelNames.LOGBACK, this.context, false);
		try {
			List<LoggingEvent> events = new ArrayList<>();
			for (int i = 0; i < 64; i++) {
				events.add(event("com.example.service" + (i % 8) + ".orders.OrderService" + i, "order " + i));
			}
			// Classes load and the caches fill on one thread first: a class loading lock
			// is not what this test looks for.
			BodyBuffer warm = new BodyBuffer();
			events.forEach((event) -> layouts.format(event, warm));
			ThreadMXBean threads = ManagementFactory.getThreadMXBean();
			AtomicLongArray blocked = new AtomicLongArray(THREADS);
			AtomicReference<Throwable> failure = new AtomicReference<>();
			CyclicBarrier start = new CyclicBarrier(THREADS);
			List<Thread> workers = new ArrayList<>();
			for (int t = 0; t < THREADS; t++) {
				int index = t;
				Thread worker = new Thread(() -> {
					try {
						BodyBuffer buffer = new BodyBuffer();
						start.await(30, TimeUnit.SECONDS);
						long before = threads.getThreadInfo(Thread.currentThread().getId()).getBlockedCount();
						for (int i = 0; i < EVENTS_PER_THREAD; i++) {
							layouts.format(events.get((i + index) & 63), buffer);
						}
						blocked.set(index,
								threads.getThreadInfo(Thread.currentThread().getId()).getBlockedCount() - before);
					}
					catch (Throwable ex) {
						failure.set(ex);
					}
				}, "formatter-" + t);
				workers.add(worker);
				worker.start();
			}
			for (Thread worker : workers) {
				worker.join();
			}
			assertThat(failure.get()).isNull();
			assertThat(blocked.toString()).as("times each formatting thread blocked on a monitor")
				.isEqualTo(new AtomicLongArray(THREADS).toString());
			assertThat(new String(layouts.format(events.get(9), warm), StandardCharsets.UTF_8))
				.contains(" c.e.service1.orders.OrderService9 - order 9");
		}
		finally {
			layouts.stop();
		}
	}

	/**
	 * Logger names of every shape: a few well-formed ones, one segment, empty segments,
	 * leading and trailing dots, long and short segments, characters outside ASCII.
	 */
	private static List<String> names(Random random) {
		List<String> names = new ArrayList<>(List.of("", ".", "..", "a", "a.", ".a", "ROOT", "a.b.c",
				"com.example.Shop", "io.github.zmqlog.benchmarks.Workload",
				"org.springframework.boot.autoconfigure.logging.ConditionEvaluationReportLogger"));
		while (names.size() < NAMES) {
			StringBuilder name = new StringBuilder();
			int segments = 1 + random.nextInt(9);
			for (int s = 0; s < segments; s++) {
				if (s > 0) {
					name.append('.');
				}
				int length = (random.nextInt(10) == 0) ? 0 : 1 + random.nextInt((random.nextInt(4) == 0) ? 30 : 9);
				for (int c = 0; c < length; c++) {
					name.append(SEGMENT_CHARS.charAt(random.nextInt(SEGMENT_CHARS.length())));
				}
			}
			names.add(name.toString());
		}
		return names;
	}

	private static LoggingEvent event(String loggerName, String message) {
		LoggingEvent event = new LoggingEvent();
		event.setLoggerName(loggerName);
		event.setLevel(Level.INFO);
		event.setMessage(message);
		event.setThreadName("main");
		event.setTimeStamp(System.currentTimeMillis());
		return event;
	}

}

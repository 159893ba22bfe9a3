package io.github.zmqlog.tail;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.zmqlog.logback.ZmqLogAppender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The web view's history source against a real appender: a page's feed that falls behind
 * gets a {@code [missed N events]} marker from the history client's numbering, and
 * without a history server a page still gets live lines.
 */
@Timeout(120)
class HistorySourceTests {

	private final LoggerContext logback = new LoggerContext();

	private final ZmqLogAppender appender = new ZmqLogAppender();

	private final Logger logger = this.logback.getLogger("history");

	private HistorySource source;

	@AfterEach
	void close() {
		if (this.source != null) {
			this.source.close();
		}
		this.appender.stop();
		this.logback.stop();
	}

	@Test
	void aFeedThatFallsBehindSendsTheGapAsAMissedMarker() throws Exception {
		start(true);
		String history = this.appender.getHistoryEndpoints().get(0);
		TailOptions options = TailOptions.parse(Map.of(), "-t", "INFO.gap", "--rcvhwm", "10", "-n", "0", "--history",
				history, this.appender.getStats().socket().boundEndpoints().get(0));
		this.source = new HistorySource(options, 5000, HistorySource.NO_ANSWER, System.err);
		CountDownLatch held = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		List<WebEvent.Missed> missed = new CopyOnWriteArrayList<>();
		AtomicLong lines = new AtomicLong();
		CountDownLatch last = new CountDownLatch(1);
		CountDownLatch historySent = new CountDownLatch(1);
		WebEventSource.Feed feed = this.source.open(List.of("INFO.gap"), (event) -> {
			if (event instanceof WebEvent.History) {
				historySent.countDown();
			}
			else if (event instanceof WebEvent.Missed gap) {
				missed.add(gap);
			}
			else if (event instanceof WebEvent.Line line) {
				if (line.message().startsWith("hold")) {
					// the feed's thread stops reading, as a stalled source would
					held.countDown();
					awaitQuietly(release);
				}
				else if (line.message().startsWith("last")) {
					last.countDown();
				}
				else {
					lines.incrementAndGet();
				}
			}
			return true;
		});
		assertThat(historySent.await(15, TimeUnit.SECONDS)).as("the (empty) history batch, then live").isTrue();
		this.logger.info("gap::hold");
		assertThat(held.await(15, TimeUnit.SECONDS)).isTrue();
		// Far more than the publisher's queue for this feed, its own and loopback TCP's
		// buffers hold (as in HistoryClientTests).
		String filler = "x".repeat(4000);
		int blast = 20_000;
		long sentBefore = this.appender.getStats().counts().sent();
		for (int i = 1; i <= blast; i++) {
			this.logger.info("gap::" + i + " " + filler);
		}
		await().atMost(Duration.ofSeconds(60)).until(() -> this.appender.getStats().queue().depth() == 0);
		long sent = this.appender.getStats().counts().sent() - sentBefore;
		release.countDown();
		// Drain what the queues held (a second without a line), then one more event tells
		// the rest of the gap.
		AtomicLong seen = new AtomicLong(-1);
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> seen.getAndSet(lines.get()) == lines.get());
		this.logger.info("gap::last");
		assertThat(last.await(30, TimeUnit.SECONDS)).isTrue();
		feed.close();
		System.out.printf("[reliability] web history feed held while %,d were sent: %,d lines, %d markers"
				+ " totalling %,d missed%n", sent, lines.get(), missed.size(), sum(missed));
		assertThat(missed).as("the gap, as markers").isNotEmpty();
		assertThat(lines.get() + sum(missed)).as("lines shown and missed: what the publisher sent").isEqualTo(sent);
	}

	@Test
	void withoutAHistoryServerAPageGetsLiveLinesOnly() throws Exception {
		start(false);
		String endpoint = this.appender.getStats().socket().boundEndpoints().get(0);
		TailOptions options = TailOptions.parse(Map.of(), "-n", "10", "--history", "tcp://127.0.0.1:1", endpoint);
		java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
		this.source = new HistorySource(options, 5000, Duration.ofMillis(500),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		List<String> messages = new CopyOnWriteArrayList<>();
		this.source.open(List.of(), (event) -> {
			if (event instanceof WebEvent.Line line) {
				messages.add(line.message());
			}
			return true;
		});
		await().atMost(Duration.ofSeconds(15)).until(() -> {
			this.logger.info("ping");
			return messages.contains("ping");
		});
		assertThat(err.toString(StandardCharsets.UTF_8))
			.contains("no history server answered at tcp://127.0.0.1:1 within 500 ms: pages get live events only");
	}

	private static long sum(List<WebEvent.Missed> missed) {
		return missed.stream().mapToLong(WebEvent.Missed::count).sum();
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(60, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void start(boolean history) {
		this.logback.setName("history-source-test");
		this.logback.setMDCAdapter(new LogbackMDCAdapter());
		this.logger.setLevel(Level.TRACE);
		this.logger.setAdditive(false);
		this.appender.setContext(this.logback);
		this.appender.setName("zmq");
		this.appender.addBind("tcp://127.0.0.1:*");
		if (history) {
			this.appender.getHistory().setEndpoint("tcp://127.0.0.1:*");
			this.appender.setOverflowPolicy("BLOCK");
		}
		this.appender.start();
		assertThat(this.appender.isStarted()).as("appender started: %s", this.appender.getProblems()).isTrue();
		this.logger.addAppender(this.appender);
	}

}

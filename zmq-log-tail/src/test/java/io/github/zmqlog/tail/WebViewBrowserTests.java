package io.github.zmqlog.tail;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;

import io.github.zmqlog.logback.ZmqLogAppender;
import io.github.zmqlog.testsupport.EnabledIfChromium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The web view in a real headless Chromium, fed by a real publisher (the appender on
 * JeroMQ): live lines coloured by level, the topic filter applied at the publisher,
 * pause, search, the bound on lines, hostile text shown as text, the access token beyond
 * loopback, and the history and marker events a source with history would send.
 */
@EnabledIfChromium
@Timeout(120)
class WebViewBrowserTests {

	private static final String TOKEN = "browser-test-token-0123456789";

	@RegisterExtension
	final Browser browser = new Browser();

	private final LoggerContext logging = new LoggerContext();

	private final ZmqLogAppender appender = new ZmqLogAppender();

	private final Logger log = this.logging.getLogger("web.test");

	private WebServer server;

	@BeforeEach
	void startPublisher() {
		this.logging.setName("web");
		this.logging.setMDCAdapter(new LogbackMDCAdapter());
		this.appender.setContext(this.logging);
		this.appender.setName("zmq");
		this.appender.setRootTopic("app");
		this.appender.setPattern("%msg%n");
		this.appender.addBind("tcp://127.0.0.1:*");
		this.appender.getHistory().setEndpoint("tcp://127.0.0.1:*");
		this.appender.start();
		assertThat(this.appender.isStarted()).isTrue();
		this.log.addAppender(this.appender);
		this.log.setAdditive(false);
	}

	@AfterEach
	void stop() throws InterruptedException {
		if (this.server != null) {
			assertThat(this.server.stop(Duration.ofSeconds(5))).isTrue();
		}
		this.appender.stop();
	}

	@Test
	void liveLinesAppearColouredByLevelWithTheRate() {
		open(start());
		this.log.info("hello from info");
		this.log.warn("careful: warn");
		this.log.error("broken: error");
		awaitLine("broken: error");
		assertThat(lineClass("hello from info")).contains("lvl-info");
		assertThat(lineClass("careful: warn")).contains("lvl-warn");
		assertThat(lineClass("broken: error")).contains("lvl-error");
		assertThat(text("#lines")).contains("app.WARN");
		await().atMost(Duration.ofSeconds(5)).until(() -> text("#rate").matches("[1-9]\\d* ev/s"));
		assertThat(text("#status")).isEqualTo("live");
	}

	@Test
	void theFilterChangesWhatThePublisherSends() {
		open(start());
		new Actions(driver()).sendKeys("f").perform();
		assertThat(js("return document.activeElement.id")).isEqualTo("filter");
		new Actions(driver()).sendKeys("app.ERROR" + Keys.ENTER).perform();
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(this.appender.getStats().socket().subscriptions())
				.as("the publisher holds the page's prefix only")
				.isEqualTo(Map.of("app.ERROR", 1)));
		this.log.info("after the filter: info");
		this.log.error("after the filter: error");
		awaitLine("after the filter: error");
		assertThat(lines()).noneMatch((line) -> line.contains("after the filter: info"));
	}

	@Test
	void pauseHoldsWhatArrivesAndCountsIt() {
		open(start());
		this.log.info("before the pause");
		awaitLine("before the pause");
		new Actions(driver()).sendKeys("p").perform();
		assertThat(text("#held")).isEqualTo("paused: 0 new");
		for (int i = 0; i < 5; i++) {
			this.log.info("held {}", i);
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> text("#held").equals("paused: 5 new"));
		assertThat(lines()).noneMatch((line) -> line.contains("held "));
		new Actions(driver()).sendKeys("p").perform();
		awaitLine("held 4");
		assertThat(lines()).filteredOn((line) -> line.contains("held ")).hasSize(5);
		assertThat(text("#held")).isEmpty();
	}

	@Test
	void hostileTextIsShownAsTextAndNothingRuns() {
		open(start());
		String script = "<script>window.xss = 1</script>";
		String image = "<img src=x onerror=\"window.xss = 2\">";
		String terminal = "\u001b[31mred\u001b[0m \u001b]0;retitled\u0007";
		this.log.error(script);
		this.log.error(image);
		this.log.error(terminal);
		this.log.info("hostile done");
		awaitLine("hostile done");
		assertThat(lines()).anyMatch((line) -> line.contains(script))
			.anyMatch((line) -> line.contains(image))
			.anyMatch((line) -> line.contains("\\x1b[31mred\\x1b[0m \\x1b]0;retitled\\x07")
					&& line.contains("[escaped]"));
		assertThat(js("return document.querySelectorAll('#lines script, #lines img').length")).isEqualTo(0L);
		assertThat(js("return document.querySelectorAll('#lines .msg *').length")).isEqualTo(0L);
		assertThat(js("return typeof window.xss")).isEqualTo("undefined");
	}

	@Test
	void searchHighlightsAndCanHideTheRest() {
		open(start());
		this.log.info("a needle in the haystack");
		this.log.info("only hay");
		awaitLine("only hay");
		new Actions(driver()).sendKeys("/").perform();
		new Actions(driver()).sendKeys("NEEDLE").perform();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> js("return Array.from(document.querySelectorAll('#lines mark')).map(m => m.textContent)")
				.equals(List.of("needle")));
		assertThat(text("#matches")).isEqualTo("1 matching");
		driver().findElement(By.id("only-matches")).click();
		assertThat(js("return Array.from(document.querySelectorAll('#lines .line'))"
				+ ".filter(l => l.offsetParent !== null).map(l => l.textContent)"))
			.asString()
			.contains("needle")
			.doesNotContain("only hay");
	}

	@Test
	void keepsTheNewestLinesOnly() {
		open(start("--keep", "20"));
		for (int i = 0; i < 50; i++) {
			this.log.info("numbered {}", i);
		}
		awaitLine("numbered 49");
		List<String> lines = lines();
		assertThat(lines).hasSize(20);
		assertThat(lines.get(0)).contains("numbered 30");
		assertThat(text("#kept")).isEqualTo("keeps the last 20 lines");
	}

	@Test
	void beyondLoopbackThePageAndStreamNeedTheToken() throws Exception {
		String address = start(Map.of(WebOptions.TOKEN_ENV, TOKEN), "--listen", "0.0.0.0:0");
		String host = nonLoopbackAddress();
		String base = "http://" + host + ":" + URI.create(address).getPort() + "/";
		driver().get(base);
		assertThat(driver().findElement(By.tagName("body")).getText()).contains("needs its access token")
			.doesNotContain(TOKEN);
		assertThat(driver().findElements(By.id("lines"))).isEmpty();
		driver().get(base + "?token=not-the-token-but-long-enough");
		assertThat(driver().findElements(By.id("lines"))).isEmpty();
		assertThat(js("return fetch('/events').then(r => r.status)")).isEqualTo(401L);
		driver().get(base + "?token=" + TOKEN);
		assertThat(driver().getCurrentUrl()).as("the token leaves the address bar").isEqualTo(base);
		awaitSubscribed("");
		this.log.info("seen with the token");
		awaitLine("seen with the token");
	}

	@Test
	void withHistoryTheLastEventsShowOnOpenThenLiveOnesWithoutADuplicateAtTheSeam() throws Exception {
		for (int i = 1; i <= 30; i++) {
			this.log.info("n={}", i);
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.appender.getStats().counts().sent() >= 30);
		AtomicBoolean producing = new AtomicBoolean(true);
		AtomicLong produced = new AtomicLong(30);
		Thread producer = new Thread(() -> {
			// one event every two milliseconds while the page opens: some fall on the
			// seam
			while (producing.get() && produced.get() < 10_000) {
				this.log.info("n={}", produced.incrementAndGet());
				LockSupport.parkNanos(2_000_000);
			}
		}, "seam-producer");
		String address = start("-n", "10", "--history", this.appender.getHistoryEndpoints().get(0));
		producer.start();
		try {
			driver().get(address);
			await().atMost(Duration.ofSeconds(20))
				.until(() -> lines().stream().filter((line) -> line.startsWith("history above")).count() == 1
						&& lines().size() > 40);
		}
		finally {
			producing.set(false);
			producer.join(5000);
		}
		awaitLine("n=" + produced.get());
		List<String> lines = lines();
		int seam = lines.indexOf("history above (10), live below");
		assertThat(seam).as("the seam after ten history lines: %s", lines.subList(0, 12)).isEqualTo(10);
		assertThat(js("return document.querySelectorAll('#lines .line.history').length")).isEqualTo(10L);
		List<Long> numbers = new ArrayList<>();
		for (String line : lines) {
			Matcher n = Pattern.compile("n=(\\d+)").matcher(line);
			if (n.find()) {
				numbers.add(Long.parseLong(n.group(1)));
			}
		}
		System.out.printf(
				"[reliability] web history on open: history n=%d..%d, live to n=%d, %d lines, none"
						+ " missing or twice%n",
				numbers.get(0), numbers.get(9), numbers.get(numbers.size() - 1), numbers.size());
		assertThat(numbers.get(0)).as("the history: the last ten before the request").isGreaterThanOrEqualTo(21);
		for (int i = 1; i < numbers.size(); i++) {
			assertThat(numbers.get(i)).as("line %d after %d: no gap, no duplicate", i, numbers.get(i - 1))
				.isEqualTo(numbers.get(i - 1) + 1);
		}
		assertThat(numbers.get(numbers.size() - 1)).isEqualTo(produced.get());
		assertThat(text("#missed")).isEmpty();
	}

	@Test
	void historyBatchesAndMissedAndDroppedCountsAreShown() throws Exception {
		ScriptedSource source = new ScriptedSource(500);
		this.server = new WebServer(WebOptions.parse(Map.of(), "--listen", "127.0.0.1:0", "tcp://127.0.0.1:1"), source,
				10);
		CompletableFuture.runAsync(this.server::run);
		driver().get(this.server.awaitReady(Duration.ofSeconds(10)));
		awaitLine("burst 499");
		List<String> lines = lines();
		assertThat(lines.subList(0, 4)).containsExactly("historyapp.INFOfirst of history",
				"historyapp.WARNsecond of history", "history above (2), live below", "[missed 12 events]");
		assertThat(js("return document.querySelectorAll('#lines .line.history').length")).isEqualTo(2L);
		assertThat(text("#missed")).isEqualTo("12 missed at the source");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> text("#dropped").equals(source.refused() + " dropped by the server (page too slow)"));
		assertThat(source.refused()).isPositive();
		assertThat(lines.stream().filter((line) -> line.contains("burst ")).count()).as("lines the queue took")
			.isEqualTo(source.accepted())
			.isLessThan(500);
	}

	@Test
	void aPageStaysBoundedAfterAHundredThousandEvents() throws Exception {
		int count = 100_000;
		WebEventSource flood = new WebEventSource() {

			@Override
			public Feed open(List<String> prefixes, Predicate<WebEvent> sink) {
				Thread thread = new Thread(() -> {
					for (int i = 0; i < count; i++) {
						WebEvent.Line line = WebEvent.Line
							.of(List.of(("app." + ((i % 10 == 0) ? "WARN" : "INFO") + ".http").getBytes(),
									("GET /api/orders/" + i + " 200 12ms user=alice").getBytes()));
						while (!sink.test(line)) {
							Thread.yield(); // every event reaches the page: none is
											// dropped here
						}
					}
				});
				thread.setDaemon(true);
				thread.start();
				return () -> {
				};
			}

			@Override
			public void close() {
			}

		};
		this.server = new WebServer(WebOptions.parse(Map.of(), "--listen", "127.0.0.1:0", "tcp://127.0.0.1:1"), flood);
		CompletableFuture.runAsync(this.server::run);
		driver().get(this.server.awaitReady(Duration.ofSeconds(10)));
		long start = System.nanoTime();
		await().atMost(Duration.ofSeconds(90)).until(() -> js("return window.zmqlogWeb.received").equals((long) count));
		long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
		awaitLine("GET /api/orders/" + (count - 1) + " ");
		long lines = (Long) js("return document.querySelectorAll('#lines .line').length");
		long heap = (Long) js("return performance.memory.usedJSHeapSize");
		long nodes = (Long) js("return document.getElementsByTagName('*').length");
		System.out.printf("[reliability] web page after %,d events in %,d ms: %,d lines kept, %,d elements,"
				+ " JS heap %,d bytes%n", count, millis, lines, nodes, heap);
		assertThat(lines).isEqualTo(WebOptions.DEFAULT_LINES);
		assertThat(heap).as("the JS heap, bytes").isLessThan(64L * 1024 * 1024);
	}

	/**
	 * Not a test of its own: the README's screenshot, taken in passing.
	 */
	@Test
	void screenshotForTheReadme() throws Exception {
		open(start());
		this.log.info("Starting SampleApplication using Java 17 with PID 4242");
		this.log.debug("Running with Spring Boot v4.1.2");
		this.log.info("Tomcat initialized with port 8080 (http)");
		this.log.warn("db.pool::connection pool at 90% (18 of 20)");
		this.log.error("orders::payment declined for order 1017");
		this.log.info("Started SampleApplication in 1.9 seconds");
		awaitLine("Started SampleApplication");
		this.browser.save(Path.of("target", "browser", "web-view.png"));
	}

	private String start(String... args) {
		return start(Map.of(), args);
	}

	private String start(Map<String, String> environment, String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		if (!all.contains("--listen")) {
			all.addAll(List.of("--listen", "127.0.0.1:0"));
		}
		all.add(this.appender.getStats().socket().boundEndpoints().get(0));
		WebOptions options = WebOptions.parse(environment, all.toArray(String[]::new));
		try {
			this.server = new WebServer(options, ZmqLogTail.startSource(options, Duration.ofSeconds(10)).source());
			CompletableFuture.runAsync(this.server::run);
			String address = this.server.awaitReady(Duration.ofSeconds(10));
			assertThat(address).isNotNull();
			return address;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private void open(String address) {
		driver().get(address);
		awaitSubscribed("");
		await().atMost(Duration.ofSeconds(10)).until(() -> text("#status").equals("live"));
	}

	private void awaitSubscribed(String prefix) {
		await().atMost(Duration.ofSeconds(15))
			.until(() -> this.appender.getStats().socket().subscriptions().containsKey(prefix));
	}

	private static String nonLoopbackAddress() throws Exception {
		for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
			if (nic.isUp() && !nic.isLoopback()) {
				for (InetAddress address : Collections.list(nic.getInetAddresses())) {
					if (address instanceof Inet4Address) {
						return address.getHostAddress();
					}
				}
			}
		}
		return "127.0.0.1"; // no other interface: 0.0.0.0 still listens beyond loopback
	}

	private WebDriver driver() {
		return this.browser.driver();
	}

	private Object js(String script) {
		return ((JavascriptExecutor) driver()).executeScript(script);
	}

	private String text(String selector) {
		return (String) js("return document.querySelector('" + selector + "').textContent");
	}

	@SuppressWarnings("unchecked")
	private List<String> lines() {
		return (List<String>) js(
				"return Array.from(document.querySelectorAll('#lines .line')).map(l => l.textContent)");
	}

	private String lineClass(String text) {
		return (String) js("return Array.from(document.querySelectorAll('#lines .line'))"
				+ ".find(l => l.textContent.includes(arguments[0])).className", text);
	}

	private Object js(String script, Object argument) {
		return ((JavascriptExecutor) driver()).executeScript(script, argument);
	}

	private void awaitLine(String text) {
		Predicate<List<String>> shown = (lines) -> lines.stream().anyMatch((line) -> line.contains(text));
		await().atMost(Duration.ofSeconds(15)).until(this::lines, shown);
	}

	/**
	 * A source as one with history would behave: a history batch, a gap marker, then a
	 * burst of live lines faster than a page's queue of ten takes them.
	 */
	private static final class ScriptedSource implements WebEventSource {

		private final int burst;

		private volatile long refused;

		private volatile long accepted;

		ScriptedSource(int burst) {
			this.burst = burst;
		}

		@Override
		public Feed open(List<String> prefixes, Predicate<WebEvent> sink) {
			Thread thread = new Thread(() -> {
				sink.test(new WebEvent.History(
						List.of(line("app.INFO", "first of history"), line("app.WARN", "second of history"))));
				sink.test(new WebEvent.Missed(12));
				long refusedHere = 0;
				long acceptedHere = 0;
				for (int i = 0; i < this.burst; i++) {
					boolean last = i == this.burst - 1;
					// the last one waits for room, so that the test knows when all are in
					WebEvent.Line line = line("app.INFO", "burst " + i);
					boolean accepted = sink.test(line);
					while (!accepted) {
						refusedHere++;
						if (!last) {
							break;
						}
						Thread.yield();
						accepted = sink.test(line);
					}
					acceptedHere += accepted ? 1 : 0;
				}
				this.accepted = acceptedHere;
				this.refused = refusedHere;
			});
			thread.start();
			return () -> {
			};
		}

		private static WebEvent.Line line(String topic, String message) {
			return WebEvent.Line.of(List.of(topic.getBytes(), message.getBytes()));
		}

		long refused() {
			return this.refused;
		}

		long accepted() {
			return this.accepted;
		}

		@Override
		public void close() {
		}

	}

}

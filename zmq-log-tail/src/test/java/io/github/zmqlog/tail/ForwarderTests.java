package io.github.zmqlog.tail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.zmqlog.logback.ZmqLogAppender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A fleet: two applications' appenders connect to the forwarder's frontend, one watcher
 * connects to its backend, and its subscriptions reach the appenders upstream.
 */
@Timeout(60)
class ForwarderTests {

	private final Forwarder forwarder = new Forwarder("tcp://127.0.0.1:*", "tcp://127.0.0.1:*");

	private String frontend;

	private String backend;

	@BeforeEach
	void start() throws InterruptedException {
		CompletableFuture.runAsync(this.forwarder::run);
		String[] endpoints = this.forwarder.awaitReady(Duration.ofSeconds(10));
		this.frontend = endpoints[0];
		this.backend = endpoints[1];
	}

	@AfterEach
	void stop() throws InterruptedException {
		assertThat(this.forwarder.stop(Duration.ofSeconds(5))).isTrue();
	}

	@Test
	void oneWatcherReceivesEveryInstance() throws Exception {
		try (Instance orders = new Instance("orders", this.frontend);
				Instance billing = new Instance("billing", this.frontend)) {
			List<String> lines = watch(List.of(orders, billing), "--count", "2");
			assertThat(lines).containsExactlyInAnyOrder("orders.INFO | hello from orders",
					"billing.INFO | hello from billing");
		}
	}

	@Test
	void prefixSubscriptionFiltersInstances() throws Exception {
		try (Instance orders = new Instance("orders", this.frontend);
				Instance billing = new Instance("billing", this.frontend)) {
			List<String> lines = watch(List.of(orders, billing), "-t", "billing", "--count", "1", "--seconds", "30");
			assertThat(lines).containsExactly("billing.INFO | hello from billing");
		}
	}

	/**
	 * Runs a watcher on the backend, waits until its subscriptions reached the instances
	 * that match (through the forwarder), then has every instance log once.
	 */
	private List<String> watch(List<Instance> instances, String... args) throws Exception {
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		String[] all = new String[args.length + 1];
		System.arraycopy(args, 0, all, 0, args.length);
		all[args.length] = this.backend;
		TailOptions options = TailOptions.parse(all);
		Watcher watcher = new Watcher(options, new PrintStream(output, true, StandardCharsets.UTF_8), false);
		CompletableFuture<Long> run = CompletableFuture.supplyAsync(watcher::run);
		String prefix = options.prefixes().isEmpty() ? "" : options.prefixes().get(0);
		for (Instance instance : instances) {
			if (instance.name.startsWith(prefix)) {
				await().atMost(Duration.ofSeconds(20))
					.until(() -> instance.appender.getStats().socket().subscriptions().containsKey(prefix));
			}
		}
		for (Instance instance : instances) {
			instance.logger.info("hello from {}", instance.name);
		}
		run.get();
		return output.toString(StandardCharsets.UTF_8).lines().toList();
	}

	/** An application instance: its own Logback context and an appender that connects. */
	private static final class Instance implements AutoCloseable {

		final String name;

		final LoggerContext context = new LoggerContext();

		final ZmqLogAppender appender = new ZmqLogAppender();

		final Logger logger;

		Instance(String name, String frontend) {
			this.name = name;
			this.context.setMDCAdapter(new LogbackMDCAdapter());
			this.appender.setContext(this.context);
			this.appender.setName(name);
			this.appender.setRootTopic(name);
			this.appender.addConnect(frontend);
			this.appender.start();
			assertThat(this.appender.isStarted()).isTrue();
			this.logger = this.context.getLogger("app");
			this.logger.addAppender(this.appender);
		}

		@Override
		public void close() {
			this.appender.stop();
			this.context.stop();
		}

	}

}

package io.github.zmqlog.tail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.ZContext;

import io.github.zmqlog.logback.ZmqLogAppender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The forwarder with {@code --history}: a watcher of the forwarder gets the instances'
 * recent events, then live ones.
 */
@Timeout(60)
class ForwarderHistoryTests {

	private final Forwarder forwarder = new Forwarder("tcp://127.0.0.1:*", "tcp://127.0.0.1:*", "tcp://127.0.0.1:*",
			100);

	private final LoggerContext logback = new LoggerContext();

	private final ZmqLogAppender appender = new ZmqLogAppender();

	private final ZContext zmq = new ZContext(1);

	@AfterEach
	void stop() throws InterruptedException {
		this.appender.stop();
		this.logback.stop();
		this.zmq.close();
		assertThat(this.forwarder.stop(Duration.ofSeconds(5))).isTrue();
	}

	@Test
	void aWatcherOfTheForwarderGetsTheInstancesRecentEventsThenLive() throws Exception {
		CompletableFuture.runAsync(this.forwarder::run);
		String[] endpoints = this.forwarder.awaitReady(Duration.ofSeconds(10));
		String history = this.forwarder.historyEndpoint();
		assertThat(history).startsWith("tcp://127.0.0.1:");
		this.logback.setMDCAdapter(new LogbackMDCAdapter());
		Logger logger = this.logback.getLogger("fleet");
		logger.setLevel(Level.INFO);
		logger.setAdditive(false);
		this.appender.setContext(this.logback);
		this.appender.setName("zmq");
		this.appender.setRootTopic("orders");
		this.appender.addConnect(endpoints[0]);
		this.appender.start();
		logger.addAppender(this.appender);
		// The forwarder subscribes to everything upstream: ping until its ring holds one.
		try (HistoryClient follower = new HistoryClient(this.zmq, history, 0, null, List.of(), null, 1000)) {
			await().atMost(Duration.ofSeconds(20)).until(() -> {
				logger.info("sync::ping");
				HistoryClient.Received received = follower.poll();
				return received != null && received.body() != null;
			});
		}
		for (int i = 1; i <= 3; i++) {
			logger.info("order " + i);
		}
		try (HistoryClient watcher = new HistoryClient(this.zmq, history, 3, null, List.of("orders.INFO"), null,
				1000)) {
			List<String> bodies = new ArrayList<>();
			boolean[] liveSent = { false };
			await().atMost(Duration.ofSeconds(20)).until(() -> {
				HistoryClient.Received received = watcher.poll();
				if (received != null && received.body() != null) {
					bodies.add(new String(received.body(), StandardCharsets.UTF_8));
				}
				if (watcher.isLive() && !liveSent[0] && bodies.contains("order 3\n")) {
					logger.info("order 4");
					liveSent[0] = true;
				}
				return bodies.contains("order 4\n");
			});
			assertThat(bodies).containsSubsequence("order 1\n", "order 2\n", "order 3\n", "order 4\n");
			assertThat(bodies.subList(bodies.size() - 4, bodies.size())).containsExactly("order 1\n", "order 2\n",
					"order 3\n", "order 4\n");
			assertThat(watcher.missed()).isZero();
		}
	}

}

package io.github.zmqlog.tail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import io.github.zmqlog.logback.ZmqLogAppender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The history client against a real appender: the seam between history and live events, a
 * forced gap, and CURVE.
 */
@Timeout(90)
class HistoryClientTests {

	private final LoggerContext logback = new LoggerContext();

	private final ZmqLogAppender appender = new ZmqLogAppender();

	private final Logger logger = this.logback.getLogger("history");

	private final ZContext zmq = new ZContext(1);

	@AfterEach
	void close() {
		this.appender.stop();
		this.logback.stop();
		this.zmq.close();
	}

	@Test
	void everyJoinIsGapFreeAndDuplicateFreeAcrossTheSeam() throws Exception {
		start((a) -> {
		});
		AtomicBoolean producing = new AtomicBoolean(true);
		AtomicLong produced = new AtomicLong();
		Thread producer = new Thread(() -> {
			// 20 events a millisecond: 20,000 a second.
			long next = System.nanoTime();
			while (producing.get()) {
				for (int i = 0; i < 20; i++) {
					this.logger.info("n=" + produced.incrementAndGet());
				}
				next += 1_000_000;
				LockSupport.parkNanos(next - System.nanoTime());
			}
		}, "seam-producer");
		long startNanos = System.nanoTime();
		producer.start();
		String endpoint = this.appender.getHistoryEndpoints().get(0);
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> produced.get() > 2000);
			for (int join = 0; join < 30; join++) {
				try (HistoryClient client = new HistoryClient(this.zmq, endpoint, 200, null, List.of(), null,
						100_000)) {
					List<Long> numbers = new ArrayList<>();
					int liveSeen = 0;
					long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
					while (liveSeen < 1000 && System.nanoTime() < deadline) {
						HistoryClient.Received received = client.poll();
						if (received != null && received.body() != null) {
							numbers.add(number(received.body()));
							if (client.isLive()) {
								liveSeen++;
							}
						}
					}
					assertThat(client.isLive()).as("join %d went live", join).isTrue();
					assertThat(liveSeen).as("join %d live events", join).isEqualTo(1000);
					assertThat(numbers.size()).as("join %d: 200 history + 1000 live", join).isEqualTo(1200);
					for (int i = 1; i < numbers.size(); i++) {
						assertThat(numbers.get(i)).as("join %d, event %d after %d", join, i, numbers.get(i - 1))
							.isEqualTo(numbers.get(i - 1) + 1);
					}
					assertThat(client.missed()).isZero();
				}
			}
		}
		finally {
			producing.set(false);
			producer.join();
		}
		double perSecond = produced.get() / ((System.nanoTime() - startNanos) / 1e9);
		assertThat(perSecond).as("events a second").isGreaterThanOrEqualTo(10_000);
		assertThat(this.appender.getStats().counts().droppedTotal()).isZero();
	}

	@Test
	void aFollowerThatStopsReadingIsToldHowManyItMissed() throws Exception {
		start((a) -> a.setOverflowPolicy("BLOCK"));
		String endpoint = this.appender.getHistoryEndpoints().get(0);
		try (HistoryClient client = new HistoryClient(this.zmq, endpoint, 0, null, List.of("INFO.gap"), null, 10)) {
			await().atMost(Duration.ofSeconds(10)).until(() -> {
				client.poll();
				return client.isLive();
			});
			// Not read: far more than the publisher's queue for it, this client's queue
			// and
			// loopback TCP's buffers (up to tens of MB) hold.
			String filler = "x".repeat(4000);
			int blast = 20_000;
			long sentBefore = this.appender.getStats().counts().sent();
			for (int i = 1; i <= blast; i++) {
				this.logger.info("gap::" + i + " " + filler);
			}
			await().atMost(Duration.ofSeconds(60)).until(() -> this.appender.getStats().queue().depth() == 0);
			// What the queue could not take never reached the publisher: count what it
			// sent.
			long sent = this.appender.getStats().counts().sent() - sentBefore;
			long received = 0;
			long reported = 0;
			// Drain what the queues held (a second without an event), then one more event
			// tells the rest of the gap.
			for (int quiet = 0; quiet < 10;) {
				HistoryClient.Received next = client.poll();
				quiet = (next != null) ? 0 : quiet + 1;
				if (next != null) {
					reported += next.missedBefore();
					received += (next.body() != null) ? 1 : 0;
				}
			}
			this.logger.info("gap::last");
			HistoryClient.Received next;
			do {
				next = client.poll();
				if (next != null) {
					reported += next.missedBefore();
					received += (next.body() != null) ? 1 : 0;
				}
			}
			while (next == null || next.body() == null
					|| !new String(next.body(), StandardCharsets.UTF_8).startsWith("last"));
			assertThat(client.missed()).isPositive();
			assertThat(received + client.missed()).as("received and missed: what the publisher sent")
				.isEqualTo(sent + 1);
			assertThat(reported).as("the gaps reported one by one").isEqualTo(client.missed());
		}
	}

	@Test
	void curveHistoryGoesOnlyToAllowedClients() {
		ZMQ.Curve.KeyPair server = ZMQ.Curve.generateKeyPair();
		ZMQ.Curve.KeyPair allowed = ZMQ.Curve.generateKeyPair();
		ZMQ.Curve.KeyPair other = ZMQ.Curve.generateKeyPair();
		start((a) -> {
			a.getCurve().setServerSecretKey(server.secretKey);
			a.getCurve().setServerPublicKey(server.publicKey);
			a.getCurve().addAllowedClientKey(allowed.publicKey);
		});
		for (int i = 1; i <= 5; i++) {
			this.logger.info("secret " + i);
		}
		String endpoint = this.appender.getHistoryEndpoints().get(0);
		try (HistoryClient refused = new HistoryClient(this.zmq, endpoint, 5, null, List.of(),
				new CurveClientKeys(server.publicKey, other.publicKey, other.secretKey), 1000);
				HistoryClient admitted = new HistoryClient(this.zmq, endpoint, 5, null, List.of(),
						new CurveClientKeys(server.publicKey, allowed.publicKey, allowed.secretKey), 1000)) {
			List<String> bodies = new ArrayList<>();
			await().atMost(Duration.ofSeconds(20)).until(() -> {
				HistoryClient.Received received = admitted.poll();
				if (received != null && received.body() != null) {
					bodies.add(new String(received.body(), StandardCharsets.UTF_8));
				}
				return admitted.isLive() && bodies.size() == 5;
			});
			assertThat(bodies).containsExactly("secret 1\n", "secret 2\n", "secret 3\n", "secret 4\n", "secret 5\n");
			await().atMost(Duration.ofSeconds(20)).until(() -> this.appender.getStats().curve().refusedClients() > 0);
			for (int i = 0; i < 10; i++) {
				assertThat(refused.poll()).isNull();
			}
			assertThat(refused.isLive()).isFalse();
		}
	}

	private void start(Consumer<ZmqLogAppender> configuration) {
		this.logback.setName("history-test");
		this.logback.setMDCAdapter(new LogbackMDCAdapter());
		this.logger.setLevel(Level.TRACE);
		this.logger.setAdditive(false);
		this.appender.setContext(this.logback);
		this.appender.setName("zmq");
		this.appender.addBind("tcp://127.0.0.1:*");
		this.appender.getHistory().setEndpoint("tcp://127.0.0.1:*");
		configuration.accept(this.appender);
		this.appender.start();
		assertThat(this.appender.isStarted()).as("appender started: %s", this.appender.getProblems()).isTrue();
		this.logger.addAppender(this.appender);
	}

	private static long number(byte[] body) {
		String text = new String(body, StandardCharsets.UTF_8).strip();
		return Long.parseLong(text.substring(2));
	}

}

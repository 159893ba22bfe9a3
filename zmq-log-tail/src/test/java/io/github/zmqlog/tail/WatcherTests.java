package io.github.zmqlog.tail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The watcher against real sockets: a test XPUB publishes crafted messages once it has
 * seen the watcher's subscription.
 */
@Timeout(60)
class WatcherTests {

	private final ZContext zmq = new ZContext(1);

	private final ByteArrayOutputStream output = new ByteArrayOutputStream();

	@AfterEach
	void close() {
		this.zmq.close();
	}

	@Test
	void printsNormalMultiLineNonUtf8AndThreeFrameMessages() throws Exception {
		ZMQ.Socket publisher = publisher();
		Watcher watcher = watcher("--count", "4", publisher.getLastEndpoint());
		CompletableFuture<Long> run = CompletableFuture.supplyAsync(watcher::run);
		awaitSubscription(publisher);
		send(publisher, "app.INFO.db".getBytes(StandardCharsets.UTF_8),
				"slow query\n".getBytes(StandardCharsets.UTF_8));
		send(publisher, "app.ERROR".getBytes(StandardCharsets.UTF_8),
				"boom\n\tat A.b(A.java:1)\n".getBytes(StandardCharsets.UTF_8));
		send(publisher, "app.WARN".getBytes(StandardCharsets.UTF_8), new byte[] { 'x', (byte) 0xff });
		send(publisher, "app.INFO".getBytes(StandardCharsets.UTF_8), "one".getBytes(StandardCharsets.UTF_8),
				"two".getBytes(StandardCharsets.UTF_8));
		assertThat(run.get()).isEqualTo(4);
		assertThat(lines()).containsExactly("app.INFO.db | slow query", "app.ERROR | boom", "\tat A.b(A.java:1)",
				"app.WARN | x\\xff [not UTF-8]", "app.INFO | one | two [3 frames]");
	}

	@Test
	void subscribesToPrefixesOnly() throws Exception {
		ZMQ.Socket publisher = publisher();
		Watcher watcher = watcher("-t", "app.ERROR", "-t", "app.WARN.db", "--count", "2", "--json",
				publisher.getLastEndpoint());
		CompletableFuture<Long> run = CompletableFuture.supplyAsync(watcher::run);
		awaitSubscription(publisher);
		awaitSubscription(publisher);
		for (String topic : new String[] { "app.INFO", "app.WARN.http", "app.WARN.db.pool", "app.ERROR" }) {
			send(publisher, topic.getBytes(StandardCharsets.UTF_8), "m".getBytes(StandardCharsets.UTF_8));
		}
		assertThat(run.get()).isEqualTo(2);
		assertThat(lines()).containsExactly(
				"{\"topic\":\"app.WARN.db.pool\",\"message\":\"m\",\"frames\":2,\"utf8\":true}",
				"{\"topic\":\"app.ERROR\",\"message\":\"m\",\"frames\":2,\"utf8\":true}");
	}

	@Test
	void bindsWhenAskedAndPublishersConnect() throws Exception {
		Watcher watcher = watcher("--bind", "--count", "1", "tcp://127.0.0.1:*");
		CompletableFuture<Long> run = CompletableFuture.supplyAsync(watcher::run);
		String endpoint = watcher.awaitReady(Duration.ofSeconds(10));
		assertThat(endpoint).startsWith("tcp://127.0.0.1:");
		ZMQ.Socket publisher = this.zmq.createSocket(SocketType.XPUB);
		publisher.setHandshakeIvl(1000);
		publisher.connect(endpoint);
		awaitSubscription(publisher);
		send(publisher, "fleet.INFO".getBytes(StandardCharsets.UTF_8), "hello\n".getBytes(StandardCharsets.UTF_8));
		assertThat(run.get()).isEqualTo(1);
		assertThat(lines()).containsExactly("fleet.INFO | hello");
	}

	@Test
	void stopsAfterSecondsAndOnStop() throws Exception {
		ZMQ.Socket publisher = publisher();
		long start = System.nanoTime();
		assertThat(watcher("--seconds", "0.5", publisher.getLastEndpoint()).run()).isZero();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		Watcher endless = watcher(publisher.getLastEndpoint());
		CompletableFuture<Long> run = CompletableFuture.supplyAsync(endless::run);
		endless.awaitReady(Duration.ofSeconds(10));
		assertThat(endless.stop(Duration.ofSeconds(2))).isTrue();
		assertThat(run.get()).isZero();
	}

	@Test
	void receiveHighWaterMarkIsApplied() {
		try (ZContext context = new ZContext(1)) {
			assertThat(Watcher.subscriber(context, TailOptions.parse("tcp://127.0.0.1:1")).getRcvHWM())
				.isEqualTo(TailOptions.DEFAULT_RCVHWM);
			assertThat(
					Watcher.subscriber(context, TailOptions.parse("tcp://127.0.0.1:1", "--rcvhwm", "50")).getRcvHWM())
				.isEqualTo(50);
		}
	}

	/**
	 * With its stdout stalled, the watcher stops taking messages once it holds
	 * {@code --rcvhwm}: a no-drop publisher then finds no room once its own high-water
	 * mark is full too. Large messages keep what loopback TCP buffers hold (at most
	 * {@code tcp_rmem} plus {@code tcp_wmem}, 36 MB here) to a few hundred at most.
	 */
	@Test
	void stalledOutputHoldsAtMostTheReceiveHighWaterMark() throws Exception {
		ZMQ.Socket publisher = publisher();
		publisher.setSndHWM(10);
		publisher.setXpubNoDrop(true);
		publisher.setSendTimeOut(1000);
		CountDownLatch release = new CountDownLatch(1);
		PrintStream stalled = new PrintStream(new OutputStream() {
			@Override
			public void write(int b) throws IOException {
				try {
					release.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new InterruptedIOException();
				}
			}
		});
		Watcher watcher = new Watcher(TailOptions.parse("--rcvhwm", "50", publisher.getLastEndpoint()), stalled, false);
		CompletableFuture<Long> run = CompletableFuture.supplyAsync(watcher::run);
		awaitSubscription(publisher);
		byte[] body = new byte[100_000];
		int sent = 0;
		// Unbounded (the old rcvhwm 0), every send would find room.
		while (sent < 1000 && publisher.send("app.INFO".getBytes(StandardCharsets.UTF_8), ZMQ.SNDMORE)) {
			publisher.send(body, 0);
			sent++;
		}
		release.countDown();
		assertThat(watcher.stop(Duration.ofSeconds(10))).isTrue();
		run.get();
		assertThat(sent).as("messages the publisher could queue before a send waited 1 s for room")
			.isGreaterThanOrEqualTo(10 + 50)
			.isLessThan(10 + 50 + 400);
	}

	private ZMQ.Socket publisher() {
		ZMQ.Socket publisher = this.zmq.createSocket(SocketType.XPUB);
		publisher.setHandshakeIvl(1000);
		publisher.bind("tcp://127.0.0.1:*");
		return publisher;
	}

	/** The slow joiner: wait until the watcher's subscription reached the publisher. */
	static void awaitSubscription(ZMQ.Socket xpub) {
		xpub.setReceiveTimeOut(20_000);
		byte[] subscription = xpub.recv();
		assertThat(subscription).as("a subscription within 20 s").isNotNull();
		assertThat(subscription[0]).isEqualTo((byte) 1);
	}

	private static void send(ZMQ.Socket publisher, byte[]... frames) {
		for (int i = 0; i < frames.length; i++) {
			publisher.send(frames[i], (i < frames.length - 1) ? ZMQ.SNDMORE : 0);
		}
	}

	private Watcher watcher(String... args) {
		return new Watcher(TailOptions.parse(args), new PrintStream(this.output, true, StandardCharsets.UTF_8), false);
	}

	private java.util.List<String> lines() {
		await().until(() -> !this.output.toString(StandardCharsets.UTF_8).isEmpty());
		return this.output.toString(StandardCharsets.UTF_8).lines().toList();
	}

}

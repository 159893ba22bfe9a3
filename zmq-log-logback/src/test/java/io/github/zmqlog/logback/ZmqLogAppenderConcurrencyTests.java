package io.github.zmqlog.logback;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.ZMQ;

import io.github.zmqlog.testsupport.TestSubscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many threads logging at once to a connected subscriber: nothing is lost without a
 * count.
 */
@Timeout(120)
class ZmqLogAppenderConcurrencyTests {

	private static final int THREADS = 8;

	private static final int EVENTS_PER_THREAD = 50_000;

	@Test
	void everyEventIsReceivedOrCountedAsDropped() throws Exception {
		try (AppenderFixture fixture = AppenderFixture.start("load", (appender) -> {
			appender.setRootTopic("load");
			// Without noDrop, a subscriber that falls behind loses messages silently:
			// JeroMQ checks
			// the send HWM against reads reported every (hwm + 1) / 2 messages, so a fast
			// burst can
			// hit it. With noDrop every such loss is counted, which is what this test
			// checks.
			appender.setNoDrop(true);
		}); TestSubscriber subscriber = new TestSubscriber(fixture.endpoint(), "load")) {
			subscriber.awaitSubscribed(fixture.logger, "load");
			// The publisher counts a message just after sending it: let the last ping's
			// count land.
			await().atMost(Duration.ofSeconds(10)).until(() -> {
				ZmqLogStats.Counts counts = fixture.appender.getStats().counts();
				return counts.sent() == counts.enqueued();
			});
			ZmqLogStats.Counts before = fixture.appender.getStats().counts();
			ExecutorService receiver = Executors.newSingleThreadExecutor();
			AtomicLong expected = new AtomicLong(-1);
			Future<long[]> counts = receiver.submit(() -> receive(subscriber.socket(), expected));
			long started = System.nanoTime();
			ExecutorService loggers = Executors.newFixedThreadPool(THREADS);
			CountDownLatch go = new CountDownLatch(1);
			List<Future<?>> done = new ArrayList<>();
			for (int t = 0; t < THREADS; t++) {
				int thread = t;
				done.add(loggers.submit(() -> {
					go.await();
					for (int i = 0; i < EVENTS_PER_THREAD; i++) {
						fixture.logger.info("t{}::event {} of thread {}", thread, i, thread);
					}
					return null;
				}));
			}
			go.countDown();
			for (Future<?> future : done) {
				future.get(90, TimeUnit.SECONDS);
			}
			long loggedNanos = System.nanoTime() - started;
			loggers.shutdown();
			long logged = (long) THREADS * EVENTS_PER_THREAD;
			// Every event sent or dropped: the subscriber then waits for exactly what was
			// sent.
			await().atMost(Duration.ofSeconds(60)).until(() -> {
				ZmqLogStats.Counts now = fixture.appender.getStats().counts();
				return (now.sent() - before.sent()) + (now.droppedTotal() - before.droppedTotal()) == logged;
			});
			expected.set(fixture.appender.getStats().counts().sent() - before.sent());
			long[] received = counts.get(90, TimeUnit.SECONDS);
			receiver.shutdown();
			ZmqLogStats.Counts after = fixture.appender.getStats().counts();
			long sent = after.sent() - before.sent();
			long dropped = after.droppedTotal() - before.droppedTotal();
			System.out.printf(
					"concurrency: logged=%d received=%d sent=%d dropped=%d %s twoFrameMessages=%d"
							+ " loggingTime=%d ms%n",
					logged, received[0], sent, dropped, after.dropped(), received[1],
					TimeUnit.NANOSECONDS.toMillis(loggedNanos));
			assertThat(received[1]).as("messages of exactly two frames").isEqualTo(received[0]);
			assertThat(sent + dropped).as("sent + dropped").isEqualTo(logged);
			assertThat(received[0] + dropped).as("received + dropped").isEqualTo(logged);
		}
	}

	/**
	 * Receives until as many messages as the publisher sent have arrived:
	 * {@code expected} is set once the appender has sent or dropped every event; until
	 * then, and for at most 90 s, it keeps reading.
	 * @param socket the subscriber's socket
	 * @param expected how many messages were sent, or -1 while not known yet
	 * @return messages received, and how many of them had exactly two frames
	 */
	private static long[] receive(ZMQ.Socket socket, AtomicLong expected) {
		socket.setReceiveTimeOut(100);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
		long messages = 0;
		long twoFrames = 0;
		while ((expected.get() < 0 || messages < expected.get()) && System.nanoTime() < deadline) {
			if (socket.recv() == null) {
				continue;
			}
			int frames = 1;
			while (socket.hasReceiveMore()) {
				socket.recv();
				frames++;
			}
			messages++;
			if (frames == 2) {
				twoFrames++;
			}
		}
		return new long[] { messages, twoFrames };
	}

}

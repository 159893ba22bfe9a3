package io.github.zmqlog.logback;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import io.github.zmqlog.testsupport.ChildJvm;
import io.github.zmqlog.testsupport.CountingSubscriber;
import io.github.zmqlog.testsupport.Faults;
import io.github.zmqlog.testsupport.TestSubscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults around the appender, with real processes and sockets: load with a subscriber
 * process, a subscriber killed with {@code SIGKILL}, a subscriber that reads nothing, a
 * publishing application restarted under a waiting subscriber, and shutdown under load.
 * Each test prints its figures as one {@code [reliability]} line (RELIABILITY.md).
 */
@Timeout(180)
class ZmqLogFaultTests {

	private static final Duration PROCESSED = Duration.ofSeconds(120);

	/**
	 * 16 threads × 100,000 events, a subscriber in another process. With {@code noDrop}
	 * the socket cannot lose a message silently, so what the subscriber receives plus
	 * what the appender counted as dropped is exactly what was logged.
	 */
	@Test
	void loadWithASubscriberProcessLosesNothingUncounted() throws Exception {
		int threads = 16;
		int perThread = 100_000;
		try (AppenderFixture fixture = AppenderFixture.start("load", (appender) -> {
			appender.setRootTopic("load");
			appender.setNoDrop(true);
		}); ChildJvm subscriber = ChildJvm.start(CountingSubscriber.class, fixture.endpoint(), "load")) {
			Faults.sync(subscriber, fixture.logger);
			ZmqLogStats.Counts before = AppenderStats.settled(fixture.appender);
			long started = System.nanoTime();
			runThreads(threads, (thread) -> {
				for (int i = 0; i < perThread; i++) {
					fixture.logger.info("t{}::event {} of thread {}", thread, i, thread);
				}
			});
			long loggingMillis = millisSince(started);
			long logged = (long) threads * perThread;
			ZmqLogStats.Counts after = AppenderStats.processed(fixture.appender, before, logged, PROCESSED);
			long processedMillis = millisSince(started);
			String[] end = Faults.end(subscriber, fixture.logger);
			long received = Long.parseLong(end[0]);
			long dropped = after.droppedTotal() - before.droppedTotal();
			Faults.report("load", "threads=" + threads + " logged=" + logged + " received=" + received + " sent="
					+ (after.sent() - before.sent()) + " dropped=" + dropped + " [" + AppenderStats.drops(before, after)
					+ "] loggingTime=" + loggingMillis + "ms processedTime=" + processedMillis + "ms");
			assertThat(Long.parseLong(end[1])).as("messages of exactly two frames").isEqualTo(received);
			assertThat(received).as("received").isEqualTo(after.sent() - before.sent());
			assertThat(received + dropped).as("received + dropped").isEqualTo(logged);
		}
	}

	/**
	 * Two subscriber processes; one is killed with {@code SIGKILL} while the application
	 * logs. The application's calls never wait and never fail, the publisher stays up,
	 * and the other subscriber receives every event the appender did not count as
	 * dropped: exactly, since with {@code noDrop} the socket cannot lose a message
	 * silently.
	 */
	@Test
	void killedSubscriberAffectsNeitherTheApplicationNorTheOtherSubscriber() throws Exception {
		int events = 20_000;
		try (AppenderFixture fixture = AppenderFixture.start("kill", (appender) -> {
			appender.setRootTopic("kill");
			appender.setNoDrop(true);
		});
				ChildJvm killed = ChildJvm.start(CountingSubscriber.class, fixture.endpoint(), "kill");
				ChildJvm survivor = ChildJvm.start(CountingSubscriber.class, fixture.endpoint(), "kill")) {
			Faults.sync(killed, fixture.logger);
			Faults.sync(survivor, fixture.logger);
			await().atMost(Duration.ofSeconds(10)).until(() -> fixture.appender.getStats().socket().subscribers() == 2);
			ZmqLogStats.Counts before = AppenderStats.settled(fixture.appender);
			CountDownLatch third = new CountDownLatch(1);
			ExecutorService killer = Executors.newSingleThreadExecutor();
			Future<Long> killedAt = killer.submit(() -> {
				third.await();
				long start = System.nanoTime();
				killed.kill();
				return millisSince(start);
			});
			long slowestNanos = 0;
			long waits = 0;
			long started = System.nanoTime();
			for (int i = 0; i < events; i++) {
				if (i == events / 3) {
					third.countDown();
				}
				int event = i;
				long call = System.nanoTime();
				waits += ThreadWaits.during(() -> fixture.logger.info("event {}", event));
				slowestNanos = Math.max(slowestNanos, System.nanoTime() - call);
				if (i % 20 == 19) {
					// An application's pace, about 10,000 events a second, through the
					// kill.
					LockSupport.parkNanos(1_000_000);
				}
			}
			long loggingMillis = millisSince(started);
			long killMillis = killedAt.get(30, TimeUnit.SECONDS);
			killer.shutdown();
			ZmqLogStats.Counts after = AppenderStats.processed(fixture.appender, before, events, PROCESSED);
			await().atMost(Duration.ofSeconds(10)).until(() -> fixture.appender.getStats().socket().subscribers() == 1);
			String[] end = Faults.end(survivor, fixture.logger);
			long received = Long.parseLong(end[0]);
			long sent = after.sent() - before.sent();
			long dropped = after.droppedTotal() - before.droppedTotal();
			Faults.report("kill-subscriber",
					"logged=" + events + " received=" + received + " sent=" + sent + " dropped=" + dropped + " ["
							+ AppenderStats.drops(before, after) + "] slowestCall="
							+ TimeUnit.NANOSECONDS.toMicros(slowestNanos) + "us callerWaits=" + waits + " loggingTime="
							+ loggingMillis + "ms kill=" + killMillis + "ms");
			assertThat(fixture.appender.getStats().publisher().alive()).isTrue();
			assertThat(fixture.errors()).isEmpty();
			assertThat(waits).as("times a logging call parked, waited or blocked").isZero();
			assertThat(sent + dropped).as("sent + dropped").isEqualTo(events);
			assertThat(received + dropped).as("received by the survivor + dropped").isEqualTo(events);
		}
	}

	/**
	 * A subscriber that reads nothing, and a subscriber process that reads all the time,
	 * without {@code noDrop} and with a send high-water mark of 1000: the logging calls
	 * never wait, and what either subscriber loses by falling 1000 messages behind is
	 * lost silently (the socket accepted, and {@code sent} counts, what it never gets).
	 */
	@Test
	void slowSubscriberWithoutNoDropLosesSilentlyButNeverBlocks() throws Exception {
		SlowSubscriberRun run = slowSubscriberRun(false);
		assertThat(run.slowReceived).as("the slow subscriber got less than was sent").isLessThan(run.sent);
		assertThat(run.subscriberFull).isZero();
	}

	/**
	 * The same with {@code noDrop}: still no wait in a logging call, and now every event
	 * is received by both subscribers or counted as dropped; the price is that the
	 * reading subscriber loses what the slow one could not take.
	 */
	@Test
	void slowSubscriberWithNoDropHasEveryLossCounted() throws Exception {
		SlowSubscriberRun run = slowSubscriberRun(true);
		assertThat(run.subscriberFull).isPositive();
		assertThat(run.slowReceived + run.droppedTotal).as("slow subscriber: received + dropped").isEqualTo(run.logged);
		assertThat(run.readingReceived + run.droppedTotal).as("reading subscriber: received + dropped")
			.isEqualTo(run.logged);
	}

	private SlowSubscriberRun slowSubscriberRun(boolean noDrop) throws Exception {
		int events = 50_000;
		String body = "x".repeat(200);
		String name = noDrop ? "slow-subscriber-no-drop" : "slow-subscriber";
		try (AppenderFixture fixture = AppenderFixture.start("slow", (appender) -> {
			appender.setRootTopic("slow");
			appender.setSendHwm(1000);
			appender.setNoDrop(noDrop);
			appender.setSendTimeout(ch.qos.logback.core.util.Duration.buildByMilliseconds(200));
		});
				TestSubscriber slow = new TestSubscriber(1, fixture.endpoint(), "slow");
				ChildJvm reading = ChildJvm.start(CountingSubscriber.class, fixture.endpoint(), "slow")) {
			slow.awaitSubscribed(fixture.logger, "slow");
			Faults.sync(reading, fixture.logger);
			ZmqLogStats.Counts before = AppenderStats.settled(fixture.appender);
			long slowestNanos = 0;
			ThreadWaits waitsBefore = ThreadWaits.ofCurrentThread();
			long started = System.nanoTime();
			for (int i = 0; i < events; i++) {
				long call = System.nanoTime();
				fixture.logger.info("event {} {}", i, body);
				slowestNanos = Math.max(slowestNanos, System.nanoTime() - call);
			}
			long loggingMillis = millisSince(started);
			long waits = ThreadWaits.ofCurrentThread().count() - waitsBefore.count();
			ZmqLogStats.Counts after = AppenderStats.processed(fixture.appender, before, events, PROCESSED);
			long processedMillis = millisSince(started);
			// Now the slow subscriber reads: everything the socket still holds for it,
			// until the end marker.
			ExecutorService reader = Executors.newSingleThreadExecutor();
			AtomicBoolean endSeen = new AtomicBoolean();
			Future<Long> slowCount = reader.submit(() -> countUntilEnd(slow.socket(), endSeen));
			String[] end = Faults.end(reading, fixture.logger);
			// Without noDrop, end markers sent while its pipe was still full never reach
			// it: send more.
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
				fixture.logger.info(CountingSubscriber.END + "::end");
				return endSeen.get();
			});
			SlowSubscriberRun run = new SlowSubscriberRun(events, after.sent() - before.sent(),
					after.droppedTotal() - before.droppedTotal(),
					after.dropped(DropReason.SUBSCRIBER_FULL) - before.dropped(DropReason.SUBSCRIBER_FULL),
					Long.parseLong(end[0]), slowCount.get(30, TimeUnit.SECONDS));
			reader.shutdown();
			Faults.report(name,
					"logged=" + events + " sent=" + run.sent + " receivedReading=" + run.readingReceived
							+ " receivedSlow=" + run.slowReceived + " dropped=" + run.droppedTotal + " ["
							+ AppenderStats.drops(before, after) + "] silentlyLostSlow=" + (run.sent - run.slowReceived)
							+ " silentlyLostReading=" + (run.sent - run.readingReceived) + " slowestCall="
							+ TimeUnit.NANOSECONDS.toMicros(slowestNanos) + "us callerWaits=" + waits + " loggingTime="
							+ loggingMillis + "ms processedTime=" + processedMillis + "ms");
			assertThat(waits).as("times a logging call parked, waited or blocked").isZero();
			assertThat(run.sent + run.droppedTotal).as("sent + dropped").isEqualTo(events);
			return run;
		}
	}

	private static long countUntilEnd(ZMQ.Socket socket, AtomicBoolean endSeen) {
		socket.setReceiveTimeOut(100);
		long count = 0;
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline) {
			byte[] topic = socket.recv();
			if (topic == null) {
				continue;
			}
			while (socket.hasReceiveMore()) {
				socket.recv();
			}
			String text = new String(topic, StandardCharsets.UTF_8);
			if (text.endsWith(CountingSubscriber.END)) {
				endSeen.set(true);
				return count;
			}
			if (!text.endsWith(CountingSubscriber.SYNC)) {
				count++;
			}
		}
		return count;
	}

	/**
	 * A publishing application in another process is killed with {@code SIGKILL}, started
	 * again on the same port, stopped with {@code SIGTERM} and started once more, while
	 * one subscriber stays connected and reading: it receives each new run without being
	 * restarted.
	 */
	@Test
	void restartedApplicationIsReceivedAgainByTheSameSubscriber() throws Exception {
		String endpoint = "tcp://127.0.0.1:" + Faults.freePort();
		try (ZContext context = new ZContext(1)) {
			ZMQ.Socket subscriber = context.createSocket(SocketType.SUB);
			subscriber.setHandshakeIvl(1000);
			subscriber.subscribe("restart.INFO.tick".getBytes(StandardCharsets.UTF_8));
			subscriber.connect(endpoint);
			StringBuilder figures = new StringBuilder();
			for (int run = 1; run <= 3; run++) {
				try (ChildJvm app = ChildJvm.start(PublishingApp.class, endpoint, "restart", "run-" + run, "20")) {
					String started = app.awaitLine((line) -> line.startsWith("started ") || line.startsWith("failed "),
							Duration.ofSeconds(30));
					assertThat(started).isEqualTo("started " + endpoint);
					long start = System.nanoTime();
					String first = awaitBody(subscriber, "run run-" + run + " ", Duration.ofSeconds(30));
					figures.append(" run").append(run).append("FirstReceived=").append(millisSince(start)).append("ms");
					assertThat(first).startsWith("run run-" + run + " tick ");
					if (run == 1) {
						app.kill();
					}
					else if (run == 2) {
						assertThat(app.terminate(Duration.ofSeconds(20))).as("ended on SIGTERM").isTrue();
					}
				}
			}
			Faults.report("restart-application", "runs=3 (SIGKILL, SIGTERM, then the last run)" + figures);
		}
	}

	private static String awaitBody(ZMQ.Socket subscriber, String prefix, Duration timeout) {
		subscriber.setReceiveTimeOut(100);
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			byte[] topic = subscriber.recv();
			if (topic != null) {
				String body = subscriber.recvStr();
				if (body.startsWith(prefix)) {
					return body;
				}
			}
		}
		throw new AssertionError("Nothing starting with '" + prefix + "' within " + timeout.toMillis() + " ms");
	}

	/**
	 * Four threads log without pause while the appender is stopped: {@code stop()}
	 * returns within {@code shutdownTimeout}, and every event is sent or counted (events
	 * logged after the stop as {@code NOT_STARTED}). The subscriber keeps reading, and
	 * the linger (30 s here, longer than {@code shutdownTimeout}: the publisher thread
	 * goes on delivering after {@code stop()} gave up) leaves it time to catch up. Most
	 * runs receive every event sent; under heavy load one CI run received 1,342 of 60,220
	 * fewer, with {@code stop()} back in 469 ms, so not at the end of the linger: what
	 * the socket had already handed on was lost as the connection closed (cause not yet
	 * proven; the 3 s heartbeat timeout that lost more before is fixed, see
	 * {@code ZmqLogLingerTests}). So the shortfall is reported, and received never
	 * exceeds sent.
	 */
	@Test
	void shutdownUnderLoadReturnsInTimeAndCountsEverythingItDidNotSend() throws Exception {
		Duration shutdownTimeout = Duration.ofSeconds(5);
		try (AppenderFixture fixture = AppenderFixture.start("shutdown", (appender) -> {
			appender.setRootTopic("shutdown");
			appender.setNoDrop(true);
			appender
				.setShutdownTimeout(ch.qos.logback.core.util.Duration.buildByMilliseconds(shutdownTimeout.toMillis()));
			// Long enough for a subscriber process starved of CPU (this test loads both
			// cores) to catch up after the close: with the default 1 s it was 7,135
			// messages behind when the linger ended, and those were lost, as documented.
			appender.setLinger(ch.qos.logback.core.util.Duration.buildBySeconds(30));
		}); ChildJvm subscriber = ChildJvm.start(CountingSubscriber.class, fixture.endpoint(), "shutdown")) {
			Faults.sync(subscriber, fixture.logger);
			ZmqLogStats.Counts before = AppenderStats.settled(fixture.appender);
			AtomicBoolean running = new AtomicBoolean(true);
			AtomicLong logged = new AtomicLong();
			ExecutorService loggers = Executors.newFixedThreadPool(4);
			List<Future<?>> done = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				done.add(loggers.submit(() -> {
					long mine = 0;
					while (running.get()) {
						fixture.logger.info("event {}", mine++);
					}
					logged.addAndGet(mine);
				}));
			}
			await().atMost(Duration.ofSeconds(30))
				.until(() -> fixture.appender.getCounters().sent() - before.sent() > 50_000);
			long start = System.nanoTime();
			fixture.appender.stop();
			long stopMillis = millisSince(start);
			// The application keeps logging for a moment after the stop.
			await().atMost(Duration.ofSeconds(30))
				.until(() -> fixture.appender.getCounters().dropped(DropReason.NOT_STARTED)
						- before.dropped(DropReason.NOT_STARTED) > 1000);
			running.set(false);
			for (Future<?> future : done) {
				future.get(30, TimeUnit.SECONDS);
			}
			loggers.shutdown();
			await().atMost(Duration.ofSeconds(60)).until(() -> !fixture.appender.getStats().publisher().alive());
			ZmqLogStats.Counts after = fixture.appender.getStats().counts();
			long sent = after.sent() - before.sent();
			long received = awaitCount(subscriber, sent, Duration.ofSeconds(60));
			long dropped = after.droppedTotal() - before.droppedTotal();
			Faults.report("shutdown-under-load",
					"logged=" + logged.get() + " received=" + received + " sent=" + sent + " lostAtClose="
							+ (sent - received) + " dropped=" + dropped + " [" + AppenderStats.drops(before, after)
							+ "] stop=" + stopMillis + "ms shutdownTimeout=" + shutdownTimeout.toMillis() + "ms");
			assertThat(Duration.ofMillis(stopMillis)).as("stop()").isLessThanOrEqualTo(shutdownTimeout.plusMillis(500));
			assertThat(sent + dropped).as("sent + dropped").isEqualTo(logged.get());
			assertThat(received).as("received (%d accepted by the socket missed it at close)", sent - received)
				.isLessThanOrEqualTo(sent)
				.isPositive();
		}
	}

	/**
	 * Waits until a subscriber process reports a count, or returns the last count it
	 * reported.
	 */
	private static long awaitCount(ChildJvm subscriber, long expected, Duration timeout) throws InterruptedException {
		long last = 0;
		long deadline = System.nanoTime() + timeout.toNanos();
		while (last != expected && System.nanoTime() < deadline) {
			String line = subscriber.pollLine((text) -> text.startsWith("count "), Duration.ofMillis(500));
			if (line != null) {
				last = Long.parseLong(line.split(" ")[1]);
			}
		}
		return last;
	}

	/**
	 * With and without {@code noDrop}, a subscriber process that keeps up receives every
	 * event and nothing is dropped: a burst, then 20,000 events a second for one second,
	 * both under {@code BLOCK} (nothing is dropped for a full queue), both below half the
	 * send high-water mark (nothing lost silently). What either mode costs, throughput
	 * and latency from the logging call to the subscriber, is printed for RELIABILITY.md,
	 * not asserted: on a shared machine it is mostly noise.
	 */
	@Test
	void subscriberThatKeepsUpReceivesEveryEventWithAndWithoutNoDrop() throws Exception {
		// Alternating, so that neither mode has the JIT's warm-up to itself.
		for (int round = 1; round <= 2; round++) {
			measureCost(false, round);
			measureCost(true, round);
		}
	}

	private void measureCost(boolean noDrop, int round) throws Exception {
		// Half the send HWM: JeroMQ checks the HWM against the reads the I/O thread
		// reports every (hwm + 1) / 2 messages, so a burst of sendHwm messages can lose
		// some silently (without noDrop) even to a subscriber that keeps up; half of it
		// never can.
		int burst = ZmqLogAppender.DEFAULT_SEND_HWM / 2;
		try (AppenderFixture fixture = AppenderFixture.start("cost", (appender) -> {
			appender.setRootTopic("cost");
			appender.setNoDrop(noDrop);
			appender.setOverflowPolicy("BLOCK");
			appender.setMaxBlockTime(ch.qos.logback.core.util.Duration.buildBySeconds(30));
		}); ChildJvm subscriber = ChildJvm.start(CountingSubscriber.class, fixture.endpoint(), "cost")) {
			Faults.sync(subscriber, fixture.logger);
			ZmqLogStats.Counts before = AppenderStats.settled(fixture.appender);
			long started = System.nanoTime();
			for (int i = 0; i < burst; i++) {
				fixture.logger.info("event {}", i);
			}
			ZmqLogStats.Counts after = AppenderStats.processed(fixture.appender, before, burst, PROCESSED);
			long burstMillis = millisSince(started);
			long received = awaitCount(subscriber, burst, Duration.ofSeconds(60));
			long receivedMillis = millisSince(started);
			Faults.report("no-drop-cost-throughput",
					"round=" + round + " noDrop=" + noDrop + " logged=" + burst + " received=" + received + " dropped="
							+ (after.droppedTotal() - before.droppedTotal()) + " [" + AppenderStats.drops(before, after)
							+ "] sentIn=" + burstMillis + "ms receivedIn=" + receivedMillis + "ms rate="
							+ (burst * 1000L / Math.max(1, receivedMillis)) + "/s");
			assertThat(after.droppedTotal() - before.droppedTotal()).isZero();
			assertThat(received).isEqualTo(burst);
		}
		int paced = 20_000;
		try (AppenderFixture fixture = AppenderFixture.start("latency", (appender) -> {
			appender.setRootTopic("latency");
			appender.setNoDrop(noDrop);
			appender.setOverflowPolicy("BLOCK");
			appender.setMaxBlockTime(ch.qos.logback.core.util.Duration.buildBySeconds(30));
		});
				ChildJvm subscriber = ChildJvm.start(CountingSubscriber.class, fixture.endpoint(), "latency",
						"--latency")) {
			Faults.sync(subscriber, fixture.logger);
			ZmqLogStats.Counts before = AppenderStats.settled(fixture.appender);
			long started = System.nanoTime();
			for (int i = 0; i < paced; i++) {
				fixture.logger.info("event {} t={}", i, System.nanoTime());
				if (i % 20 == 19) {
					// 20 events a millisecond
					LockSupport.parkNanos(started + (i + 1) * 50_000L - System.nanoTime());
				}
			}
			ZmqLogStats.Counts after = AppenderStats.processed(fixture.appender, before, paced, PROCESSED);
			String[] end = Faults.end(subscriber, fixture.logger);
			Faults.report("no-drop-cost-latency",
					"round=" + round + " noDrop=" + noDrop + " logged=" + paced + " received=" + end[0] + " dropped="
							+ (after.droppedTotal() - before.droppedTotal()) + " latencyMicros " + end[2] + " " + end[3]
							+ " " + end[4] + " time=" + millisSince(started) + "ms");
			assertThat(after.droppedTotal() - before.droppedTotal()).isZero();
			assertThat(Long.parseLong(end[0])).isEqualTo(paced);
		}
	}

	private static void runThreads(int threads, ThreadBody body) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch go = new CountDownLatch(1);
			List<Future<?>> done = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				done.add(pool.submit(() -> {
					go.await();
					body.run(thread);
					return null;
				}));
			}
			go.countDown();
			for (Future<?> future : done) {
				future.get(PROCESSED.toSeconds(), TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static long millisSince(long startNanos) {
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
	}

	@FunctionalInterface
	private interface ThreadBody {

		void run(int thread) throws Exception;

	}

	private record SlowSubscriberRun(long logged, long sent, long droppedTotal, long subscriberFull,
			long readingReceived, long slowReceived) {
	}

}

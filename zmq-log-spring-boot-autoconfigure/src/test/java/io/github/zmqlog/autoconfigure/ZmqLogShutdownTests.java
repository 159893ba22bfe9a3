package io.github.zmqlog.autoconfigure;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.structured.StructuredLogFormatter;
import org.springframework.context.ConfigurableApplicationContext;
import org.zeromq.ZContext;

import io.github.zmqlog.actuate.endpoint.ZmqLogEndpoint;
import io.github.zmqlog.logback.DropReason;
import io.github.zmqlog.logback.RootLoggerAttacher;
import io.github.zmqlog.logback.ZmqLogAppender;
import io.github.zmqlog.logback.ZmqLogStats;
import io.github.zmqlog.testsupport.PublisherHold;
import io.github.zmqlog.testsupport.TestSubscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.awaitility.Awaitility.await;

/**
 * Closing the application: what beans log while being destroyed is still published, the
 * publisher stops last, and closing takes bounded time.
 */
@Timeout(60)
class ZmqLogShutdownTests {

	@Test
	void eventsLoggedInPreDestroyReachTheSubscriber() {
		ConfigurableApplicationContext context = TestApplication.run("zmqlog.root-topic=app",
				"zmqlog.shutdown-timeout=2s");
		ZmqLogAppender appender = context.getBean(ZmqLogAppender.class);
		try (TestSubscriber subscriber = new TestSubscriber(RootLoggerReattachTests.endpoint(appender),
				"app.INFO.closing")) {
			subscriber.awaitSubscribed(LoggerFactory.getLogger(ZmqLogShutdownTests.class), "app");
			long start = System.nanoTime();
			context.close();
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			TestSubscriber.Message message = subscriber.receive(Duration.ofSeconds(10));
			assertThat(message).isNotNull();
			assertThat(message.topic()).isEqualTo("app.INFO.closing");
			assertThat(message.body()).isEqualTo("goodbye from @PreDestroy\n");
			assertThat(took).isLessThan(Duration.ofSeconds(2));
			assertThat(appender.isStarted()).isFalse();
			assertThat(appender.getCounters().droppedTotal()).isZero();
			assertThat(RootLoggerAttacher.isAttached(appender)).isFalse();
		}
	}

	@Test
	void eventsLoggedWhileThePublisherStopsAreCounted() throws Exception {
		ConfigurableApplicationContext context = runHolding("zmqlog.shutdown-timeout=30s");
		ZmqLogAppender appender = context.getBean(ZmqLogAppender.class);
		Logger root = ((LoggerContext) appender.getContext()).getLogger(Logger.ROOT_LOGGER_NAME);
		CountingAppender logged = new CountingAppender();
		logged.setContext(appender.getContext());
		logged.start();
		root.addAppender(logged);
		Thread closing = new Thread(context::close, "closing");
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> idle(appender.getStats().counts()));
			long accountedBefore = accounted(appender.getStats().counts());
			long loggedBefore = logged.count.get();
			org.slf4j.Logger log = LoggerFactory.getLogger(ZmqLogShutdownTests.class);
			log.info(HoldingFormatter.HOLD);
			HoldingFormatter.awaitHeld();
			// stop() now waits for the held publisher thread: the appender is stopped,
			// and this is what other threads log meanwhile.
			closing.start();
			await().atMost(Duration.ofSeconds(10)).until(() -> !appender.isStarted());
			for (int i = 0; i < 10; i++) {
				log.info("while stopping {}", i);
			}
			HoldingFormatter.release();
			closing.join(TimeUnit.SECONDS.toMillis(30));
			assertThat(closing.isAlive()).isFalse();
			ZmqLogStats.Counts counts = appender.getStats().counts();
			assertThat(counts.dropped(DropReason.NOT_STARTED)).isEqualTo(10);
			assertThat(accounted(counts) - accountedBefore).as("sent + dropped, against what was logged")
				.isEqualTo(logged.count.get() - loggedBefore);
			assertThat(RootLoggerAttacher.isAttached(appender)).isFalse();
		}
		finally {
			HoldingFormatter.release();
			root.detachAppender(logged);
			context.close();
		}
	}

	@Test
	void theSharedContextIsNotClosedUnderAPublisherThatOutlivedStop() throws Exception {
		ConfigurableApplicationContext context = runHolding("zmqlog.shutdown-timeout=500ms", "zmqlog.linger=200ms");
		ZmqLogAppender appender = context.getBean(ZmqLogAppender.class);
		ZContext zContext = context.getBean(ZContext.class);
		try {
			LoggerFactory.getLogger(ZmqLogShutdownTests.class).info(HoldingFormatter.HOLD);
			HoldingFormatter.awaitHeld();
			// The publisher thread is held past shutdown-timeout and the linger: stop()
			// gives up, and the thread still owns sockets of the shared context.
			context.close();
			assertThat(appender.getStats().publisher().alive()).as("publisher still held").isTrue();
			assertThat(zContext.isClosed()).as("the shared context, closed under a running publisher").isFalse();
			HoldingFormatter.release();
			await().atMost(Duration.ofSeconds(10)).until(() -> !appender.getStats().publisher().alive());
		}
		finally {
			HoldingFormatter.release();
			context.close();
			zContext.close();
		}
	}

	@Test
	void theActuatorWriteDoesNotWaitForAStopHeldByThePublisher() throws Exception {
		ConfigurableApplicationContext context = runHolding("zmqlog.shutdown-timeout=30s");
		ZmqLogAppender appender = context.getBean(ZmqLogAppender.class);
		ZmqLogEndpoint endpoint = new ZmqLogEndpoint(Map.of("zmq", appender));
		Thread closing = new Thread(context::close, "closing");
		try {
			LoggerFactory.getLogger(ZmqLogShutdownTests.class).info(HoldingFormatter.HOLD);
			HoldingFormatter.awaitHeld();
			closing.start();
			// stop() now holds the appender's lifecycle lock, waiting for the publisher.
			await().atMost(Duration.ofSeconds(10)).until(() -> !appender.isStarted());
			CompletableFuture<Object> write = CompletableFuture
				.supplyAsync(() -> endpoint.configure("renamed", null, null));
			assertThatNoException().as("the write returns while stop() waits")
				.isThrownBy(() -> write.get(2, TimeUnit.SECONDS));
			assertThat(appender.getRootTopic()).isEqualTo("renamed");
			assertThat(closing.isAlive()).as("stop() still waiting").isTrue();
		}
		finally {
			HoldingFormatter.release();
			closing.join(TimeUnit.SECONDS.toMillis(30));
			context.close();
		}
	}

	/**
	 * Runs the application with root topic {@code app} and the {@link HoldingFormatter},
	 * armed.
	 */
	private static ConfigurableApplicationContext runHolding(String... properties) {
		HoldingFormatter.reset();
		String[] all = Stream
			.concat(Stream.of("zmqlog.root-topic=app", "zmqlog.format=" + HoldingFormatter.class.getName()),
					Arrays.stream(properties))
			.toArray(String[]::new);
		return TestApplication.run(all);
	}

	private static boolean idle(ZmqLogStats.Counts counts) {
		return counts.enqueued() == counts.sent() && counts.droppedTotal() == 0;
	}

	private static long accounted(ZmqLogStats.Counts counts) {
		return counts.sent() + counts.droppedTotal();
	}

	/** Counts the events logged to the root logger. */
	static final class CountingAppender extends AppenderBase<ILoggingEvent> {

		final AtomicLong count = new AtomicLong();

		@Override
		protected void append(ILoggingEvent event) {
			this.count.incrementAndGet();
		}

	}

	/**
	 * A body format that holds the publisher thread inside the event {@link #HOLD} until
	 * released, so that {@code stop()} waits for it; {@link #reset} arms it again for the
	 * next test.
	 */
	public static final class HoldingFormatter implements StructuredLogFormatter<ILoggingEvent> {

		static final String HOLD = PublisherHold.HOLD;

		@Override
		public String format(ILoggingEvent event) {
			PublisherHold.holdIf(event.getFormattedMessage());
			return event.getFormattedMessage() + "\n";
		}

		static void reset() {
			PublisherHold.reset();
		}

		static void awaitHeld() throws InterruptedException {
			PublisherHold.awaitHeld();
		}

		static void release() {
			PublisherHold.release();
		}

	}

}

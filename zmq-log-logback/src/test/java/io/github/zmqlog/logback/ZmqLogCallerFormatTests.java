package io.github.zmqlog.logback;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.pattern.DynamicConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.zmqlog.testsupport.TestSubscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A publisher thread that has fallen behind: the logging threads format their own events'
 * bodies (the appender's own pattern layouts only), and nothing else changes: the same
 * bytes on the wire, two frames a message, each thread's order, exact counts.
 */
@Timeout(120)
class ZmqLogCallerFormatTests {

	private static final int THREADS = 4;

	private static final int EVENTS_PER_THREAD = 500;

	/** Who formatted each event, by its message. */
	private static final Map<String, String> formattedBy = new ConcurrentHashMap<>();

	private static volatile CountDownLatch stalled = new CountDownLatch(1);

	private static volatile CountDownLatch release = new CountDownLatch(1);

	@Test
	void loggingThreadsFormatTheirOwnEventsOnceThePublisherFallsBehind() throws Exception {
		formattedBy.clear();
		stalled = new CountDownLatch(1);
		release = new CountDownLatch(1);
		try (AppenderFixture fixture = AppenderFixture.start("callers", (appender) -> {
			registerRecorder(appender);
			appender.setRootTopic("callers");
			appender.setPattern("%recordFormatter%msg [%thread]%n");
		}); TestSubscriber subscriber = new TestSubscriber(fixture.endpoint(), "callers")) {
			subscriber.awaitSubscribed(fixture.logger, "callers");
			await().atMost(Duration.ofSeconds(10)).until(() -> {
				ZmqLogStats.Counts counts = fixture.appender.getStats().counts();
				return counts.sent() == counts.enqueued();
			});
			ZmqLogStats.Counts before = fixture.appender.getStats().counts();
			// The publisher stops in the layout of this event until released.
			fixture.logger.info("stall");
			assertThat(stalled.await(10, TimeUnit.SECONDS)).as("publisher reached the stalling event").isTrue();
			ExecutorService loggers = Executors.newFixedThreadPool(THREADS, (task) -> {
				Thread thread = new Thread(task);
				thread.setName("caller-" + thread.getId());
				return thread;
			});
			List<Future<String>> done = new ArrayList<>();
			for (int t = 0; t < THREADS; t++) {
				int thread = t;
				done.add(loggers.submit(() -> {
					for (int i = 0; i < EVENTS_PER_THREAD; i++) {
						fixture.logger.info("t{} e{}", thread, i);
					}
					return Thread.currentThread().getName();
				}));
			}
			List<String> callerNames = new ArrayList<>();
			for (Future<String> future : done) {
				callerNames.add(future.get(60, TimeUnit.SECONDS));
			}
			loggers.shutdown();
			release.countDown();
			int logged = 1 + THREADS * EVENTS_PER_THREAD;
			List<TestSubscriber.Message> messages = receiveFrom(subscriber, "stall", logged);
			await().atMost(Duration.ofSeconds(10)).until(() -> {
				ZmqLogStats.Counts now = fixture.appender.getStats().counts();
				return now.sent() + now.droppedTotal() == now.enqueued();
			});
			ZmqLogStats.Counts after = fixture.appender.getStats().counts();
			assertThat(after.enqueued() - before.enqueued()).as("enqueued").isEqualTo(logged);
			assertThat(after.sent() - before.sent()).as("sent").isEqualTo(logged);
			assertThat(after.droppedTotal() - before.droppedTotal()).as("dropped").isZero();
			assertThat(messages).hasSize(logged);
			// Each thread's events arrive in its order, with the body its pattern makes.
			Map<Integer, Integer> next = new HashMap<>();
			for (TestSubscriber.Message message : messages.subList(1, messages.size())) {
				assertThat(message.topic()).isEqualTo("callers.INFO");
				String body = message.body();
				int thread = Integer.parseInt(body.substring(1, body.indexOf(' ')));
				int index = next.merge(thread, 1, Integer::sum) - 1;
				assertThat(body).isEqualTo("t" + thread + " e" + index + " [" + callerNames.get(thread) + "]\n");
			}
			long onCallers = formattedBy.entrySet()
				.stream()
				.filter((entry) -> !entry.getKey().equals("stall"))
				.filter((entry) -> entry.getValue().startsWith("caller-"))
				.count();
			long onPublisher = formattedBy.values()
				.stream()
				.filter((name) -> name.startsWith("zmqlog-publisher"))
				.count();
			// The first events wait behind the stalled one below the depth: the publisher
			// formats them; the rest were formatted by their own threads.
			assertThat(onCallers).as("events formatted on their logging threads")
				.isGreaterThanOrEqualTo((THREADS * EVENTS_PER_THREAD - 512) / 2);
			assertThat(onPublisher).as("events formatted on the publisher thread").isPositive();
		}
	}

	@Test
	void aLayoutFromTheConfigurationStaysOnThePublisherThread() throws Exception {
		RecordingLayout layout = new RecordingLayout();
		try (AppenderFixture fixture = AppenderFixture.start("callers", (appender) -> {
			appender.setRootTopic("callers");
			appender.setLayout(layout);
		}); TestSubscriber subscriber = new TestSubscriber(fixture.endpoint(), "callers")) {
			subscriber.awaitSubscribed(fixture.logger, "callers");
			layout.stallOn = "stall";
			fixture.logger.info("stall");
			assertThat(layout.stalled.await(10, TimeUnit.SECONDS)).isTrue();
			for (int i = 0; i < 2000; i++) {
				fixture.logger.info("e{}", i);
			}
			layout.release.countDown();
			List<TestSubscriber.Message> messages = receiveFrom(subscriber, "stall", 2001);
			assertThat(messages).hasSize(2001);
			assertThat(layout.threads).allMatch((name) -> name.startsWith("zmqlog-publisher"));
		}
	}

	/**
	 * Receives messages, skipping those before the first whose body starts with a text (a
	 * ping of the subscription wait can still be on its way).
	 * @param subscriber the subscriber
	 * @param first how the first message to keep starts
	 * @param count how many to keep
	 * @return the messages, the first one included
	 */
	private static List<TestSubscriber.Message> receiveFrom(TestSubscriber subscriber, String first, int count) {
		List<TestSubscriber.Message> messages = new ArrayList<>();
		TestSubscriber.Message message;
		do {
			message = subscriber.receive(Duration.ofSeconds(30));
			assertThat(message).as("a message starting with " + first).isNotNull();
		}
		while (!message.body().startsWith(first));
		messages.add(message);
		messages.addAll(subscriber.receive(count - 1, Duration.ofSeconds(30)));
		return messages;
	}

	@SuppressWarnings("unchecked")
	private static void registerRecorder(ZmqLogAppender appender) {
		Map<String, Supplier<DynamicConverter<?>>> rules = (Map<String, Supplier<DynamicConverter<?>>>) appender
			.getContext()
			.getObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS);
		if (rules == null) {
			rules = new HashMap<>();
			appender.getContext().putObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, rules);
		}
		rules.put("recordFormatter", RecordingConverter::new);
	}

	/**
	 * {@code %recordFormatter}: writes nothing, records which thread formats each event,
	 * and holds the thread that formats the message {@code stall} until released.
	 */
	static final class RecordingConverter extends ClassicConverter {

		@Override
		public String convert(ILoggingEvent event) {
			String message = event.getFormattedMessage();
			formattedBy.put(message, Thread.currentThread().getName());
			if (message.equals("stall")) {
				stalled.countDown();
				try {
					release.await(60, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			return "";
		}

	}

	/**
	 * A layout of the configuration's own: records the threads that call it.
	 */
	static final class RecordingLayout extends LayoutBase<ILoggingEvent> {

		final List<String> threads = java.util.Collections.synchronizedList(new ArrayList<>());

		final CountDownLatch stalled = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		volatile String stallOn = "";

		RecordingLayout() {
			start();
		}

		@Override
		public String doLayout(ILoggingEvent event) {
			this.threads.add(Thread.currentThread().getName());
			if (event.getFormattedMessage().equals(this.stallOn)) {
				this.stalled.countDown();
				try {
					this.release.await(60, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			return event.getFormattedMessage() + "\n";
		}

	}

}

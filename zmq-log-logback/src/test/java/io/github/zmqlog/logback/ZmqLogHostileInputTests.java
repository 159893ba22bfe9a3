package io.github.zmqlog.logback;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.spi.MDCAdapter;

import io.github.zmqlog.testsupport.TestSubscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hostile input: each event is published (as checked on the wire) or counted, and no
 * exception reaches the application from the appender. Where Logback itself throws before
 * the appender runs, the test says so. Lone surrogates in topic and body, {@code {}} in
 * the subtopic and a topic longer than {@code maxMessageSize} are covered by
 * {@link ZmqLogAppenderRoundTripTests}.
 */
@Timeout(60)
class ZmqLogHostileInputTests {

	private static final Duration RECEIVE = Duration.ofSeconds(10);

	@Test
	void tenMegabyteMessageIsTruncatedToMaxMessageBytesWithAMarkerAndCounted() {
		String huge = "y".repeat(10 * 1024 * 1024);
		published((logger) -> logger.info(huge), (message, stats) -> {
			assertThat(message.topic()).isEqualTo("app.INFO");
			assertThat(message.bodyBytes()).hasSizeLessThanOrEqualTo(ZmqLogAppender.DEFAULT_MAX_MESSAGE_BYTES);
			assertThat(message.body()).startsWith("yyyy").endsWith("yyy...[truncated from 10485761 bytes]\n");
			assertThat(stats.truncated()).isEqualTo(1);
		});
	}

	@Test
	void loneSurrogatesInArgumentsAndMdcAreReplaced() {
		published((logger) -> {
			MDCAdapter mdc = ((Logger) logger).getLoggerContext().getMDCAdapter();
			mdc.put("tenant", "t\uD800");
			try {
				logger.info("a {} b", "\uDFFFx\uD83D");
			}
			finally {
				mdc.remove("tenant");
			}
		}, (appender) -> appender.setInfoPattern("%msg %X{tenant}%n"),
				(message, stats) -> assertThat(message.body()).isEqualTo("a ?x? b t?\n"));
	}

	@Test
	void nulAndControlCharactersArePublishedAsTheyAre() {
		String controls = "a\u0000b\u0001c\u0007\u001b[31mred\u001b[0m\u007f\r\t";
		published((logger) -> logger.info("sub\u0000topic\u0007::" + controls), (message, stats) -> {
			assertThat(message.topicBytes())
				.isEqualTo("app.INFO.sub\u0000topic\u0007".getBytes(StandardCharsets.UTF_8));
			assertThat(message.bodyBytes()).isEqualTo((controls + "\n").getBytes(StandardCharsets.UTF_8));
		});
	}

	@Test
	void tenThousandCharacterSubtopicIsPublished() {
		String subtopic = "s".repeat(10_000);
		published((logger) -> logger.info(subtopic + "::long topic"), (message, stats) -> {
			assertThat(message.topic()).isEqualTo("app.INFO." + subtopic);
			assertThat(message.body()).isEqualTo("long topic\n");
		});
	}

	@Test
	void subtopicWithNewlinesIsPublishedAsItIs() {
		published((logger) -> logger.info("line one\nline two::message"), (message, stats) -> {
			assertThat(message.topic()).isEqualTo("app.INFO.line one\nline two");
			assertThat(message.body()).isEqualTo("message\n");
		});
	}

	@Test
	void nullMessageIsPublished() {
		published((logger) -> logger.info((String) null), (message, stats) -> {
			assertThat(message.topic()).isEqualTo("app.INFO");
			assertThat(message.body()).isEqualTo("null\n");
		});
	}

	@Test
	void nullMessageWithArgumentsIsPublished() {
		published((logger) -> logger.info((String) null, "argument", 42),
				(message, stats) -> assertThat(message.body()).isEqualTo("null\n"));
	}

	@Test
	void nullArgumentsArePublished() {
		published((logger) -> logger.info("sub::a {} b {}", null, null), (message, stats) -> {
			assertThat(message.topic()).isEqualTo("app.INFO.sub");
			assertThat(message.body()).isEqualTo("a null b null\n");
		});
	}

	@Test
	void nullArgumentArrayIsPublished() {
		published((logger) -> logger.info("sub::a {}", (Object[]) null),
				(message, stats) -> assertThat(message.body()).isEqualTo("a {}\n"));
	}

	@Test
	void argumentWhoseToStringThrowsIsPublishedWithSlf4jsMarker() {
		Object hostile = new Object() {
			@Override
			public String toString() {
				throw new IllegalStateException("no toString for you");
			}
		};
		published((logger) -> logger.info("sub::value {}", hostile),
				(message, stats) -> assertThat(message.body()).isEqualTo("value [FAILED toString()]\n"));
	}

	@Test
	void argumentWhoseToStringLogsIsPublishedAfterTheEventItLogs() {
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> appender.setRootTopic("app"));
				TestSubscriber subscriber = new TestSubscriber(fixture.endpoint(), "app.INFO")) {
			subscriber.awaitSubscribed(fixture.logger, "app");
			ZmqLogStats.Counts before = AppenderStats.settled(fixture.appender);
			Object chatty = new Object() {
				@Override
				public String toString() {
					fixture.logger.info("inner::formatted on the logging thread");
					return "chatty";
				}
			};
			assertThatNoException().isThrownBy(() -> fixture.logger.info("outer::value {}", chatty));
			// Logback 1.5's appenders have no re-entry guard: the inner event is appended
			// (and
			// queued) while the outer one is being frozen, so it goes out first.
			List<TestSubscriber.Message> messages = subscriber.receive(2, RECEIVE);
			assertThat(messages).extracting(TestSubscriber.Message::topic)
				.containsExactly("app.INFO.inner", "app.INFO.outer");
			assertThat(messages.get(1).body()).isEqualTo("value chatty\n");
			ZmqLogStats.Counts after = AppenderStats.settled(fixture.appender);
			assertThat(after.sent() - before.sent()).isEqualTo(2);
			assertThat(after.droppedTotal() - before.droppedTotal()).isZero();
		}
	}

	@Test
	void cyclicCauseChainIsPublishedWithLogbacksCircularReferenceMarker() {
		IllegalStateException a = new IllegalStateException("A");
		IllegalArgumentException b = new IllegalArgumentException("B", a);
		a.initCause(b);
		published((logger) -> logger.error("cycle", a), (message, stats) -> {
			assertThat(message.topic()).isEqualTo("app.ERROR");
			assertThat(message.body()).contains("cycle\njava.lang.IllegalStateException: A")
				.contains("Caused by: java.lang.IllegalArgumentException: B")
				.contains("[CIRCULAR REFERENCE: java.lang.IllegalStateException: A]");
		});
	}

	@Test
	void exceptionWhoseToStringThrowsOnlyOffTheLoggingThreadIsPublished() {
		Thread logging = Thread.currentThread();
		RuntimeException hostile = new RuntimeException("moody") {
			@Override
			public String getMessage() {
				check();
				return super.getMessage();
			}

			@Override
			public String toString() {
				check();
				return super.toString();
			}

			private void check() {
				if (Thread.currentThread() != logging) {
					throw new IllegalStateException("not on this thread");
				}
			}
		};
		published((logger) -> logger.error("moody", hostile),
				(message, stats) -> assertThat(message.body()).contains("moody\n").contains("moody").contains("\tat "));
	}

	/**
	 * Logback 1.5 calls {@code getMessage()} and {@code toString()} while it creates the
	 * event, in the caller's thread: when they throw, Logback throws into the application
	 * before any appender runs. The appender never sees the event and cannot count it; it
	 * goes on publishing.
	 */
	@Test
	void exceptionWhoseToStringThrowsFailsInLogbackBeforeTheAppender() {
		RuntimeException hostile = new RuntimeException() {
			@Override
			public String toString() {
				throw new IllegalStateException("no toString for you");
			}
		};
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> appender.setRootTopic("app"));
				TestSubscriber subscriber = new TestSubscriber(fixture.endpoint(), "app.ERROR")) {
			subscriber.awaitSubscribed(fixture.logger, "app");
			ZmqLogStats.Counts before = AppenderStats.settled(fixture.appender);
			assertThatThrownBy(() -> fixture.logger.error("never built", hostile))
				.isInstanceOf(IllegalStateException.class)
				.hasMessage("no toString for you")
				.satisfies((ex) -> assertThat(ex.getStackTrace()).anySatisfy((frame) -> assertThat(frame.getClassName())
					.isEqualTo("ch.qos.logback.classic.spi.ThrowableProxy")));
			fixture.logger.error("after");
			assertThat(subscriber.receive(RECEIVE).body()).contains("after");
			ZmqLogStats.Counts after = fixture.appender.getStats().counts();
			assertThat(after.enqueued() - before.enqueued()).as("only 'after' reached the appender").isEqualTo(1);
			assertThat(after.droppedTotal()).isEqualTo(before.droppedTotal());
		}
	}

	@Test
	void layoutThatThrowsAnErrorEndsThePublisherWithEveryEventSentOrCounted() {
		LayoutBase<ILoggingEvent> fatal = failingAt(10);
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> appender.setLayout(fatal))) {
			// A burst, so that the publisher holds formatted and unformatted events when
			// it dies.
			for (int i = 0; i < 500; i++) {
				fixture.logger.info("event {}", i);
			}
			awaitPublisherDeath(fixture.appender);
			ZmqLogStats stats = fixture.appender.getStats();
			assertThat(stats.publisher().alive()).isFalse();
			assertThat(stats.counts().sent() + stats.counts().droppedTotal()).isEqualTo(500);
			// The failing event and those of its batch not sent yet; the rest of the
			// queue.
			assertThat(stats.counts().dropped(DropReason.SEND_FAILED)).isPositive();
			assertThat(stats.counts().dropped(DropReason.SEND_FAILED)
					+ stats.counts().dropped(DropReason.PUBLISHER_FAILED))
				.isEqualTo(500 - stats.counts().sent());
		}
	}

	@Test
	void afterThePublisherDiedEventsAreCountedAsPublisherFailedWithoutEnteringTheQueue() {
		LayoutBase<ILoggingEvent> fatal = failingAt(1);
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> appender.setLayout(fatal))) {
			fixture.logger.info("the last one");
			awaitPublisherDeath(fixture.appender);
			ZmqLogStats died = fixture.appender.getStats();
			assertThat(died.publisher().alive()).isFalse();
			assertThat(died.publisher().failure()).contains("publisher thread failed");
			for (int i = 0; i < 1000; i++) {
				fixture.logger.info("after the failure {}", i);
			}
			ZmqLogStats.Counts after = fixture.appender.getStats().counts();
			// Counted on the caller's thread before the queue: no drain under the queue's
			// lock.
			assertThat(after.enqueued()).isEqualTo(died.counts().enqueued());
			assertThat(after.dropped(DropReason.PUBLISHER_FAILED) - died.counts().dropped(DropReason.PUBLISHER_FAILED))
				.isEqualTo(1000);
			assertThat(after.dropped(DropReason.NOT_STARTED)).isZero();
			assertThat(after.sent() + after.droppedTotal()).isEqualTo(1001);
		}
	}

	@Test
	void layoutThatThrowsIsCountedAndTheNextEventPublished() {
		LayoutBase<ILoggingEvent> picky = new LayoutBase<>() {
			@Override
			public String doLayout(ILoggingEvent event) {
				if (event.getFormattedMessage().equals("unformattable")) {
					throw new IllegalArgumentException("cannot format this one");
				}
				return event.getFormattedMessage() + "\n";
			}
		};
		picky.start();
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> {
			appender.setRootTopic("app");
			appender.setLayout(picky);
		}); TestSubscriber subscriber = new TestSubscriber(fixture.endpoint(), "app.INFO")) {
			subscriber.awaitSubscribed(fixture.logger, "app");
			ZmqLogStats.Counts before = AppenderStats.settled(fixture.appender);
			assertThatNoException().isThrownBy(() -> fixture.logger.info("unformattable"));
			fixture.logger.info("after");
			assertThat(subscriber.receive(RECEIVE).body()).isEqualTo("after\n");
			ZmqLogStats.Counts after = AppenderStats.settled(fixture.appender);
			assertThat(after.dropped(DropReason.SEND_FAILED) - before.dropped(DropReason.SEND_FAILED)).isEqualTo(1);
			assertThat(after.sent() - before.sent()).isEqualTo(1);
			assertThat(fixture.appender.getStats().publisher().alive()).isTrue();
		}
	}

	/**
	 * Returns a started layout that throws an {@code OutOfMemoryError} on the n-th event
	 * it formats, which ends the publisher thread.
	 * @param n which event fails, from 1
	 * @return the layout
	 */
	private static LayoutBase<ILoggingEvent> failingAt(int n) {
		AtomicInteger formatted = new AtomicInteger();
		LayoutBase<ILoggingEvent> fatal = new LayoutBase<>() {
			@Override
			public String doLayout(ILoggingEvent event) {
				if (formatted.incrementAndGet() == n) {
					throw new OutOfMemoryError("simulated");
				}
				return event.getFormattedMessage() + "\n";
			}
		};
		fatal.start();
		return fatal;
	}

	private static void awaitPublisherDeath(ZmqLogAppender appender) {
		Instant deadline = Instant.now().plusSeconds(10);
		while (appender.getStats().publisher().alive() && Instant.now().isBefore(deadline)) {
			Thread.onSpinWait();
		}
	}

	private static void published(Consumer<org.slf4j.Logger> log, Check check) {
		published(log, (appender) -> {
		}, check);
	}

	/**
	 * Logs through an appender with a subscriber connected and asserts that the one event
	 * was published and nothing was dropped, with no exception into the caller.
	 */
	private static void published(Consumer<org.slf4j.Logger> log, Consumer<ZmqLogAppender> configuration, Check check) {
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> {
			appender.setRootTopic("app");
			configuration.accept(appender);
		}); TestSubscriber subscriber = new TestSubscriber(fixture.endpoint(), "app.INFO", "app.ERROR")) {
			subscriber.awaitSubscribed(fixture.logger, "app");
			ZmqLogStats.Counts before = AppenderStats.settled(fixture.appender);
			assertThatNoException().isThrownBy(() -> log.accept(fixture.logger));
			TestSubscriber.Message message = subscriber.receive(RECEIVE);
			assertThat(message).as("the event on the wire").isNotNull();
			ZmqLogStats.Counts after = AppenderStats.settled(fixture.appender);
			check.accept(message, after);
			assertThat(after.sent() - before.sent()).as("sent").isEqualTo(1);
			assertThat(after.droppedTotal() - before.droppedTotal()).as("dropped").isZero();
			assertThat(fixture.errors()).isEmpty();
		}
	}

	@FunctionalInterface
	private interface Check {

		void accept(TestSubscriber.Message message, ZmqLogStats.Counts counts);

	}

}

package io.github.zmqlog.logback;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.zmqlog.testsupport.TestSubscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * An interrupt delivered to the publisher thread by someone else (a container cleaning up
 * its threads, say): the appender never interrupts it, but must survive it.
 */
@Timeout(60)
class ZmqLogPublisherInterruptTests {

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	@Test
	void anInterruptedIdlePublisherNeitherSpinsNorStopsPublishing() {
		assumeThat(THREADS.isCurrentThreadCpuTimeSupported()).as("thread CPU time is measurable here").isTrue();
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> appender.setRootTopic("app"));
				TestSubscriber subscriber = new TestSubscriber(fixture.endpoint(), "app.INFO")) {
			subscriber.awaitSubscribed(fixture.logger, "app");
			Thread publisher = publisherThread("zmqlog-publisher-" + fixture.appender.getName());
			publisher.interrupt();
			long cpuBefore = THREADS.getThreadCpuTime(publisher.getId());
			// An idle publisher that parks uses next to no CPU; one whose park returns at
			// once spins a core: the CPU it used since the interrupt stays small for 1 s.
			await().during(Duration.ofSeconds(1))
				.atMost(Duration.ofSeconds(5))
				.until(() -> TimeUnit.NANOSECONDS.toMillis(THREADS.getThreadCpuTime(publisher.getId()) - cpuBefore),
						(millis) -> millis < 100);
			fixture.logger.info("after the interrupt");
			assertThat(subscriber.receive(Duration.ofSeconds(10)).body()).isEqualTo("after the interrupt\n");
			assertThat(fixture.appender.getStats().publisher().alive()).isTrue();
		}
	}

	/**
	 * An interrupt that lands while the publisher is inside JeroMQ (writing to a
	 * mailbox's pipe, say) makes the JDK close that channel, and a closed mailbox pipe
	 * silences the context for good. Interrupts delivered while it sends must change
	 * nothing.
	 */
	@Test
	void interruptsWhileThePublisherSendsChangeNothing() throws InterruptedException {
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> appender.setRootTopic("app"));
				TestSubscriber subscriber = new TestSubscriber(fixture.endpoint(), "app.INFO")) {
			subscriber.awaitSubscribed(fixture.logger, "app");
			Thread publisher = publisherThread("zmqlog-publisher-" + fixture.appender.getName());
			AtomicBoolean running = new AtomicBoolean(true);
			Thread logging = new Thread(() -> {
				while (running.get()) {
					fixture.logger.info("load");
				}
			});
			logging.start();
			long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
			long interrupts = 0;
			while (System.nanoTime() < until) {
				publisher.interrupt();
				interrupts++;
				Thread.onSpinWait();
			}
			running.set(false);
			logging.join();
			// The flood filled the queue and the subscriber's pipe: once the queue is
			// empty,
			// log the line until one gets through (one logged into a full pipe is
			// counted).
			AppenderStats.settled(fixture.appender);
			long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			boolean arrived = false;
			while (!arrived && System.nanoTime() < deadline) {
				fixture.logger.info("after the interrupts");
				TestSubscriber.Message message;
				while (!arrived && (message = subscriber.receive(Duration.ofMillis(100))) != null) {
					arrived = message.body().equals("after the interrupts\n");
				}
			}
			assertThat(arrived).as("a line logged after %d interrupts arrives", interrupts).isTrue();
			assertThat(fixture.appender.getStats().publisher().alive()).isTrue();
			assertThat(fixture.context.getStatusManager().getCopyOfStatusList())
				.anySatisfy((status) -> assertThat(status.getMessage()).contains("publisher thread was interrupted"));
		}
	}

	private static Thread publisherThread(String name) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no thread named " + name));
	}

}

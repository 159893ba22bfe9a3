package io.github.zmqlog.logback;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.zmqlog.testsupport.TestSubscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * An interrupt delivered to the publisher thread by someone else (a container cleaning up
 * its threads, say): the appender never interrupts it, but must survive it.
 */
@Timeout(60)
class ZmqLogPublisherInterruptTests {

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	@Test
	void anInterruptedIdlePublisherNeitherSpinsNorStopsPublishing() throws InterruptedException {
		assumeThat(THREADS.isCurrentThreadCpuTimeSupported()).as("thread CPU time is measurable here").isTrue();
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> appender.setRootTopic("app"));
				TestSubscriber subscriber = new TestSubscriber(fixture.endpoint(), "app.INFO")) {
			subscriber.awaitSubscribed(fixture.logger, "app");
			Thread publisher = publisherThread("zmqlog-publisher-" + fixture.appender.getName());
			publisher.interrupt();
			long cpuBefore = THREADS.getThreadCpuTime(publisher.getId());
			// A window to measure in, not a wait for something: an idle publisher that
			// parks uses next to no CPU; one whose park returns at once spins a core.
			Thread.sleep(1000);
			long cpu = THREADS.getThreadCpuTime(publisher.getId()) - cpuBefore;
			assertThat(TimeUnit.NANOSECONDS.toMillis(cpu)).as("publisher CPU time in 1 s after the interrupt, ms")
				.isLessThan(100);
			fixture.logger.info("after the interrupt");
			assertThat(subscriber.receive(Duration.ofSeconds(10)).body()).isEqualTo("after the interrupt\n");
			assertThat(fixture.appender.getStats().publisher().alive()).isTrue();
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

package io.github.zmqlog.logback;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.zmqlog.testsupport.ChildJvm;
import io.github.zmqlog.testsupport.CountingSubscriber;
import io.github.zmqlog.testsupport.Faults;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 60 s soak: 5,000 events a second with a subscriber process; the heap after a full GC
 * stays flat, and every event is received or counted. Each sample is the used heap right
 * after {@code System.gc()}, a full collection with the JVM's default (G1) collector.
 */
@Timeout(180)
class ZmqLogSoakTests {

	private static final int SECONDS = 60;

	private static final int EVENTS_PER_SECOND = 5_000;

	/**
	 * Largest growth allowed from the lowest sample (one every 5 s, each after a full GC)
	 * to the last. The lowest, not the first: garbage of the tests that ran before in
	 * this JVM can still be held during the first samples (RELIABILITY.md). The
	 * appender's queue, at most 8192 events, is near empty at this rate; 275,000 events
	 * follow the first sample, so a leak of about 31 bytes per event goes over it (more
	 * if the lowest sample comes later), while samples without a leak differ by tens of
	 * kilobytes.
	 */
	private static final long MAX_GROWTH_BYTES = 8L * 1024 * 1024;

	@Test
	void heapStaysFlatAndNothingIsLostUncounted() throws Exception {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		try (AppenderFixture fixture = AppenderFixture.start("soak", (appender) -> appender.setRootTopic("soak"));
				ChildJvm subscriber = ChildJvm.start(CountingSubscriber.class, fixture.endpoint(), "soak")) {
			Faults.sync(subscriber, fixture.logger);
			ZmqLogStats.Counts before = AppenderStats.settled(fixture.appender);
			List<Long> samples = new ArrayList<>();
			long batchNanos = TimeUnit.MILLISECONDS.toNanos(10);
			int perBatch = EVENTS_PER_SECOND / 100;
			long logged = 0;
			long started = System.nanoTime();
			for (int batch = 1; batch <= SECONDS * 100; batch++) {
				for (int i = 0; i < perBatch; i++) {
					fixture.logger.info("soak::event {} of batch {} with a body of some length", i, batch);
				}
				logged += perBatch;
				if (batch % 500 == 0) {
					samples.add(usedAfterGc(memory));
				}
				// Keep the pace: 5,000 events a second, whatever the batch took.
				LockSupport.parkNanos(started + batch * batchNanos - System.nanoTime());
			}
			long soakMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
			ZmqLogStats.Counts after = AppenderStats.processed(fixture.appender, before, logged,
					java.time.Duration.ofSeconds(60));
			String[] end = Faults.end(subscriber, fixture.logger);
			long received = Long.parseLong(end[0]);
			long dropped = after.droppedTotal() - before.droppedTotal();
			long lowest = samples.stream().mapToLong(Long::longValue).min().getAsLong();
			long growth = samples.get(samples.size() - 1) - lowest;
			Faults.report("soak",
					"logged=" + logged + " received=" + received + " dropped=" + dropped + " ["
							+ AppenderStats.drops(before, after) + "] time=" + soakMillis + "ms heapAfterGcKiB="
							+ samples.stream().map((bytes) -> String.valueOf(bytes / 1024)).toList()
							+ " growthFromLowestKiB=" + growth / 1024);
			assertThat(received + dropped).as("received + dropped").isEqualTo(logged);
			assertThat(growth).as("heap growth from the lowest sample to the last, bytes").isLessThan(MAX_GROWTH_BYTES);
		}
	}

	private static long usedAfterGc(MemoryMXBean memory) {
		System.gc();
		return memory.getHeapMemoryUsage().getUsed();
	}

}

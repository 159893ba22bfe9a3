package io.github.zmqlog.logback.transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.zmqlog.logback.DropReason;
import io.github.zmqlog.logback.OverflowPolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The hand-off from logging threads to the publisher thread: its overflow policies,
 * waking the consumer, and counting every event, also after the consumer has closed.
 */
@Timeout(60)
class HandoffTests {

	private static final long LONG_WAIT_NANOS = TimeUnit.SECONDS.toNanos(60);

	private final DeliveryCounters counters = new DeliveryCounters();

	private final StatusRecorder status = new StatusRecorder();

	/** A consumer that never runs: unparking it does nothing. */
	private final Thread absentConsumer = new Thread(() -> {
	});

	@Test
	void dropCountsEveryEventAFullQueueTurnsAwayAndWarnsOnce() {
		Handoff<String> handoff = handoff(2, OverflowPolicy.DROP, 0, this.absentConsumer);
		assertThat(handoff.dropIfFull(Level.INFO)).isFalse();
		handoff.submit("a", Level.INFO);
		handoff.submit("b", Level.INFO);
		assertThat(handoff.dropIfFull(Level.ERROR)).isTrue();
		handoff.submit("c", Level.WARN);
		assertThat(this.counters.enqueued.sum()).isEqualTo(2);
		assertThat(this.counters.dropped(DropReason.QUEUE_FULL)).isEqualTo(2);
		assertThat(this.counters.dropped(DropReason.QUEUE_FULL, DeliveryCounters.levelIndex(Level.ERROR))).isEqualTo(1);
		assertThat(this.counters.dropped(DropReason.QUEUE_FULL, DeliveryCounters.levelIndex(Level.WARN))).isEqualTo(1);
		assertThat(this.counters.droppedTotal()).isEqualTo(2);
		assertThat(handoff.size()).isEqualTo(2);
		assertThat(handoff.capacity()).isEqualTo(2);
		assertThat(this.status.warnings()).singleElement()
			.isEqualTo("Queue of 2 events is full: dropping events (each drop is counted in the stats)");
	}

	@Test
	void blockDoesNotDropBeforeWaiting() {
		Handoff<String> handoff = handoff(1, OverflowPolicy.BLOCK, 0, this.absentConsumer);
		handoff.submit("a", Level.INFO);
		assertThat(handoff.dropIfFull(Level.INFO)).isFalse();
		assertThat(this.counters.droppedTotal()).isZero();
	}

	@Test
	void blockWaitsAtMostTheMaximumBlockTimeThenDrops() {
		long maxBlockNanos = TimeUnit.MILLISECONDS.toNanos(100);
		Handoff<String> handoff = handoff(1, OverflowPolicy.BLOCK, maxBlockNanos, this.absentConsumer);
		handoff.submit("a", Level.INFO);
		long start = System.nanoTime();
		handoff.submit("b", Level.INFO);
		long waited = System.nanoTime() - start;
		assertThat(waited).isGreaterThanOrEqualTo(maxBlockNanos).isLessThan(TimeUnit.SECONDS.toNanos(5));
		assertThat(this.counters.enqueued.sum()).isEqualTo(1);
		assertThat(this.counters.dropped(DropReason.QUEUE_FULL)).isEqualTo(1);
	}

	@Test
	void blockQueuesOnceTheConsumerMakesRoom() throws Exception {
		Handoff<String> handoff = handoff(1, OverflowPolicy.BLOCK, LONG_WAIT_NANOS, Thread.currentThread());
		handoff.submit("a", Level.INFO);
		Thread producer = new Thread(() -> handoff.submit("b", Level.INFO));
		producer.start();
		await().until(() -> producer.getState() == Thread.State.TIMED_WAITING);
		List<String> taken = new ArrayList<>();
		assertThat(handoff.drainTo(taken, 1)).isEqualTo(1);
		producer.join(TimeUnit.SECONDS.toMillis(10));
		assertThat(producer.isAlive()).isFalse();
		assertThat(handoff.drainTo(taken, 1)).isEqualTo(1);
		assertThat(taken).containsExactly("a", "b");
		assertThat(this.counters.enqueued.sum()).isEqualTo(2);
		assertThat(this.counters.droppedTotal()).isZero();
	}

	@Test
	void afterTheConsumerFailedProducersCountWithoutQueueing() {
		Handoff<String> handoff = handoff(4, OverflowPolicy.DROP, 0, this.absentConsumer);
		handoff.close(DropReason.PUBLISHER_FAILED);
		assertThat(handoff.dropIfFull(Level.INFO)).isTrue();
		assertThat(this.counters.dropped(DropReason.PUBLISHER_FAILED)).isEqualTo(1);
		assertThat(this.counters.enqueued.sum()).isZero();
		assertThat(handoff.size()).isZero();
	}

	@Test
	void blockGivesUpAtOnceWhenTheConsumerHasClosed() {
		Handoff<String> handoff = handoff(1, OverflowPolicy.BLOCK, LONG_WAIT_NANOS, this.absentConsumer);
		handoff.submit("a", Level.INFO);
		handoff.close(DropReason.NOT_STARTED);
		long start = System.nanoTime();
		handoff.submit("b", Level.INFO);
		assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(10));
		assertThat(this.counters.dropped(DropReason.QUEUE_FULL)).isEqualTo(1);
	}

	@Test
	void aQueuedEventWakesAParkedConsumer() throws Exception {
		AtomicReference<Handoff<String>> handoff = new AtomicReference<>();
		Thread consumer = new Thread(() -> handoff.get().awaitEvent(LONG_WAIT_NANOS));
		handoff.set(handoff(4, OverflowPolicy.DROP, 0, consumer));
		consumer.start();
		await().until(() -> consumer.getState() == Thread.State.TIMED_WAITING);
		handoff.get().submit("a", Level.INFO);
		consumer.join(TimeUnit.SECONDS.toMillis(10));
		assertThat(consumer.isAlive()).isFalse();
	}

	@Test
	void theConsumerDoesNotParkWhileSomethingIsQueued() {
		Handoff<String> handoff = handoff(4, OverflowPolicy.DROP, 0, Thread.currentThread());
		handoff.submit("a", Level.INFO);
		long start = System.nanoTime();
		handoff.awaitEvent(LONG_WAIT_NANOS);
		assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(10));
	}

	@Test
	void anEventQueuedAfterTheCloseIsCountedByItsProducer() {
		Handoff<String> handoff = handoff(4, OverflowPolicy.DROP, 0, this.absentConsumer);
		handoff.close(DropReason.NOT_STARTED);
		handoff.submit("late", Level.INFO);
		assertThat(this.counters.enqueued.sum()).isEqualTo(1);
		assertThat(this.counters.dropped(DropReason.NOT_STARTED)).isEqualTo(1);
		assertThat(handoff.size()).isZero();
	}

	@Test
	void everyEventIsTakenOrCountedOnceWhenTheConsumerClosesUnderLoad() throws Exception {
		int producers = 4;
		int perProducer = 50_000;
		AtomicReference<Handoff<Integer>> handoff = new AtomicReference<>();
		long[] consumed = new long[1];
		CountDownLatch go = new CountDownLatch(1);
		CountDownLatch producing = new CountDownLatch(producers);
		Thread consumer = new Thread(() -> {
			List<Integer> batch = new ArrayList<>();
			// Closes while the producers still run, unless they are all done first.
			while (consumed[0] < 1000 && producing.getCount() > 0) {
				consumed[0] += handoff.get().drainTo(batch, 256);
				batch.clear();
			}
			handoff.get().close(DropReason.NOT_STARTED);
			consumed[0] += handoff.get().drainAfterClose().size();
		});
		handoff.set(handoff(64, OverflowPolicy.DROP, 0, consumer));
		List<Thread> threads = new ArrayList<>();
		for (int p = 0; p < producers; p++) {
			Thread producer = new Thread(() -> {
				awaitQuietly(go);
				for (int i = 0; i < perProducer; i++) {
					handoff.get().submit(i, Level.INFO);
				}
				producing.countDown();
			});
			producer.start();
			threads.add(producer);
		}
		consumer.start();
		go.countDown();
		for (Thread thread : threads) {
			thread.join();
		}
		consumer.join();
		long enqueued = this.counters.enqueued.sum();
		assertThat(enqueued + this.counters.dropped(DropReason.QUEUE_FULL)).isEqualTo((long) producers * perProducer);
		// A producer descheduled for longer than the stall bound between its claim and
		// its
		// write has its place skipped and counted.
		assertThat(consumed[0] + this.counters.dropped(DropReason.NOT_STARTED)
				+ this.counters.dropped(DropReason.HANDOFF_ABANDONED))
			.as("taken + counted, with %s skipped", this.counters.dropped(DropReason.HANDOFF_ABANDONED))
			.isEqualTo(enqueued);
		assertThat(handoff.get().size()).isZero();
	}

	@Test
	void aPlaceClaimedAndNeverWrittenIsCountedAndTheEventsBehindItGoOn() {
		Handoff<String> handoff = handoff(4, OverflowPolicy.DROP, 0, this.absentConsumer);
		handoff.submit("a", Level.INFO);
		QueueHoles.claimWithoutWriting(handoff);
		handoff.submit("c", Level.INFO);
		List<String> batch = new ArrayList<>();
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			handoff.drainTo(batch, 10);
			return batch.size() == 2;
		});
		assertThat(batch).containsExactly("a", "c");
		assertThat(this.counters.enqueued.sum()).isEqualTo(3);
		assertThat(this.counters.dropped(DropReason.HANDOFF_ABANDONED)).isEqualTo(1);
		assertThat(this.counters.dropped(DropReason.HANDOFF_ABANDONED, DeliveryCounters.UNKNOWN_LEVEL))
			.as("a place never written has no level")
			.isEqualTo(1);
		assertThat(this.counters.droppedTotal()).isEqualTo(1);
		assertThat(this.status.warnings()).singleElement()
			.isEqualTo("A logging thread claimed a place in the queue and did not write it within 100 ms:"
					+ " the place is skipped and counted");
	}

	@Test
	void aPlaceNeverWrittenDoesNotHoldUpCallersAfterTheClose() {
		Handoff<String> handoff = handoff(4, OverflowPolicy.DROP, 0, this.absentConsumer);
		QueueHoles.claimWithoutWriting(handoff);
		handoff.close(DropReason.NOT_STARTED);
		assertThat(CompletableFuture.runAsync(() -> handoff.submit("late", Level.WARN)))
			.succeedsWithin(Duration.ofSeconds(10));
		assertThat(this.counters.enqueued.sum()).isEqualTo(2);
		assertThat(this.counters.dropped(DropReason.HANDOFF_ABANDONED)).isEqualTo(1);
		assertThat(this.counters.dropped(DropReason.NOT_STARTED)).isEqualTo(1);
		assertThat(handoff.isEmpty()).isTrue();
	}

	@Test
	void largeEventsBeyondTheByteBudgetAreDroppedAndCountedAndTheBudgetComesBackWhenDrained() {
		Handoff<String> handoff = new Handoff<>(100, 10, (event) -> (event.length() > 2) ? event.length() : 0,
				OverflowPolicy.BLOCK, LONG_WAIT_NANOS, this.absentConsumer, this.counters, this.status);
		handoff.submit("aaaa", Level.INFO);
		handoff.submit("bbbbbb", Level.INFO);
		handoff.submit("ccc", Level.INFO);
		handoff.submit("s", Level.INFO);
		assertThat(this.counters.enqueued.sum()).isEqualTo(3);
		assertThat(this.counters.dropped(DropReason.QUEUE_FULL)).isEqualTo(1);
		assertThat(handoff.queuedBytes()).isEqualTo(10);
		assertThat(this.status.warnings()).singleElement()
			.isEqualTo("Large events in the queue reached maxQueuedBytes (10 bytes): dropping events (each drop is"
					+ " counted in the stats as QUEUE_FULL)");
		List<String> batch = new ArrayList<>();
		assertThat(handoff.drainTo(batch, 10)).isEqualTo(3);
		assertThat(batch).containsExactly("aaaa", "bbbbbb", "s");
		assertThat(handoff.queuedBytes()).isZero();
		handoff.submit("ccc", Level.INFO);
		assertThat(handoff.queuedBytes()).isEqualTo(3);
	}

	private <E> Handoff<E> handoff(int capacity, OverflowPolicy policy, long maxBlockNanos, Thread consumer) {
		return new Handoff<>(capacity, policy, maxBlockNanos, consumer, this.counters, this.status);
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

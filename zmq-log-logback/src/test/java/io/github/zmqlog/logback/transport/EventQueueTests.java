package io.github.zmqlog.logback.transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.zmqlog.logback.transport.EventQueue.Offer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * The lock-free queue between logging threads and the publisher thread.
 */
@Timeout(60)
class EventQueueTests {

	private static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	@Test
	void holdsExactlyItsCapacityWhenThatIsNoPowerOfTwo() {
		EventQueue<Integer> queue = new EventQueue<>(5);
		for (int i = 0; i < 5; i++) {
			assertThat(queue.offer(i)).isEqualTo(Offer.QUEUED);
		}
		assertThat(queue.offer(5)).isEqualTo(Offer.FULL);
		assertThat(queue.isFull()).isTrue();
		assertThat(queue.size()).isEqualTo(5);
		assertThat(queue.poll()).isEqualTo(0);
		assertThat(queue.isFull()).isFalse();
		assertThat(queue.offer(5)).isEqualTo(Offer.QUEUED);
		assertThat(queue.isFull()).isTrue();
		assertThat(queue.offer(6)).isEqualTo(Offer.FULL);
		List<Integer> rest = new ArrayList<>();
		assertThat(queue.drainTo(rest, 100)).isEqualTo(5);
		assertThat(rest).containsExactly(1, 2, 3, 4, 5);
		assertThat(queue.isEmpty()).isTrue();
		assertThat(queue.poll()).isNull();
	}

	@Test
	void wrapsAroundManyTimesInOrder() {
		EventQueue<Integer> queue = new EventQueue<>(3);
		List<Integer> taken = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			assertThat(queue.offer(i)).isEqualTo(Offer.QUEUED);
			if (queue.size() == 3) {
				assertThat(queue.drainTo(taken, 2)).isEqualTo(2);
			}
		}
		queue.drainAfterClose(taken);
		assertThat(taken).hasSize(1000);
		for (int i = 0; i < 1000; i++) {
			assertThat(taken.get(i)).isEqualTo(i);
		}
	}

	@Test
	void rejectsCapacitiesItCannotHold() {
		assertThatIllegalArgumentException().isThrownBy(() -> new EventQueue<>(0));
		assertThatIllegalArgumentException().isThrownBy(() -> new EventQueue<>((1 << 30) + 1));
	}

	@Test
	void manyProducersOneConsumerLoseAndDuplicateNothing() throws Exception {
		int producers = 4;
		int perProducer = 200_000;
		EventQueue<long[]> queue = new EventQueue<>(1000);
		AtomicInteger rejected = new AtomicInteger();
		CountDownLatch go = new CountDownLatch(1);
		List<Thread> threads = new ArrayList<>();
		for (int p = 0; p < producers; p++) {
			long producer = p;
			Thread thread = new Thread(() -> {
				awaitQuietly(go);
				for (int i = 0; i < perProducer; i++) {
					if (queue.offer(new long[] { producer, i }) != Offer.QUEUED) {
						rejected.incrementAndGet();
					}
				}
			});
			thread.start();
			threads.add(thread);
		}
		long[] lastSeen = new long[producers];
		java.util.Arrays.fill(lastSeen, -1);
		long received = 0;
		go.countDown();
		List<long[]> batch = new ArrayList<>();
		while (threads.stream().anyMatch(Thread::isAlive) || !queue.isEmpty()) {
			if (queue.drainTo(batch, 256) == 0) {
				Thread.yield();
			}
			for (long[] element : batch) {
				int producer = (int) element[0];
				// Each producer's elements arrive once each, in the order it offered
				// them.
				assertThat(element[1]).isGreaterThan(lastSeen[producer]);
				lastSeen[producer] = element[1];
				received++;
			}
			batch.clear();
		}
		assertThat(received + rejected.get()).isEqualTo((long) producers * perProducer);
		assertThat(received).isPositive();
	}

	@Test
	void drainingAfterTheConsumerStoppedTakesEverything() throws Exception {
		EventQueue<Integer> queue = new EventQueue<>(100_000);
		List<Thread> threads = new ArrayList<>();
		for (int p = 0; p < 4; p++) {
			Thread thread = new Thread(() -> {
				for (int i = 0; i < 10_000; i++) {
					queue.offer(i);
				}
			});
			thread.start();
			threads.add(thread);
		}
		List<Integer> taken = new ArrayList<>();
		while (threads.stream().anyMatch(Thread::isAlive)) {
			queue.drainAfterClose(taken);
		}
		queue.drainAfterClose(taken);
		assertThat(taken).hasSize(40_000);
		assertThat(queue.size()).isZero();
	}

	@Test
	void aPlaceClaimedButNeverWrittenIsSkippedAfterABoundedWait() {
		AtomicInteger skipped = new AtomicInteger();
		EventQueue<Integer> queue = new EventQueue<>(4, STALL_NANOS, skipped::incrementAndGet);
		queue.offer(1);
		QueueHoles.claimWithoutWriting(queue);
		queue.offer(3);
		List<Integer> taken = new ArrayList<>();
		long start = System.nanoTime();
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			queue.drainTo(taken, 10);
			return taken.size() == 2;
		});
		assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(STALL_NANOS);
		assertThat(taken).containsExactly(1, 3);
		assertThat(skipped).hasValue(1);
		assertThat(queue.isEmpty()).isTrue();
	}

	@Test
	void drainingAfterTheCloseGivesUpOnAPlaceNeverWritten() {
		AtomicInteger skipped = new AtomicInteger();
		EventQueue<Integer> queue = new EventQueue<>(4, STALL_NANOS, skipped::incrementAndGet);
		queue.offer(1);
		QueueHoles.claimWithoutWriting(queue);
		queue.offer(3);
		List<Integer> taken = new ArrayList<>();
		// On the common pool's daemon threads: a drain that never ends does not keep the
		// JVM alive.
		assertThat(CompletableFuture.runAsync(() -> queue.drainAfterClose(taken)))
			.succeedsWithin(Duration.ofSeconds(10));
		assertThat(taken).containsExactly(1, 3);
		assertThat(skipped).hasValue(1);
		assertThat(queue.isEmpty()).isTrue();
	}

	@Test
	void aProducerBackAfterItsPlaceWasSkippedQueuesNothingAndTheSlotServesTheNextRound() {
		AtomicInteger skipped = new AtomicInteger();
		EventQueue<Integer> queue = new EventQueue<>(2, STALL_NANOS, skipped::incrementAndGet);
		long late = QueueHoles.claimWithoutWriting(queue);
		List<Integer> taken = new ArrayList<>();
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			queue.drainTo(taken, 10);
			return skipped.get() == 1;
		});
		// The next round reuses the skipped place's slot before its producer comes back.
		assertThat(queue.offer(1)).isEqualTo(Offer.QUEUED);
		assertThat(queue.offer(2)).isEqualTo(Offer.QUEUED);
		assertThat(QueueHoles.writeClaimed(queue, late, 99)).isEqualTo(Offer.TOO_LATE);
		assertThat(queue.drainTo(taken, 10)).isEqualTo(2);
		assertThat(taken).containsExactly(1, 2);
		assertThat(queue.isEmpty()).isTrue();
		assertThat(queue.poll()).isNull();
	}

	@Test
	void aPlaceWrittenWithinTheBoundIsNotSkipped() {
		AtomicInteger skipped = new AtomicInteger();
		EventQueue<Integer> queue = new EventQueue<>(2, TimeUnit.SECONDS.toNanos(60), skipped::incrementAndGet);
		long claimed = QueueHoles.claimWithoutWriting(queue);
		assertThat(queue.poll()).isNull();
		assertThat(queue.poll()).isNull();
		assertThat(QueueHoles.writeClaimed(queue, claimed, 7)).isEqualTo(Offer.QUEUED);
		assertThat(queue.poll()).isEqualTo(7);
		assertThat(skipped).hasValue(0);
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

package io.github.zmqlog.logback.transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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

	/**
	 * Four producers through three slots, as the hand-off runs it: the consumer drains
	 * while they offer, wrapping around thousands of times, then stops with the queue
	 * full; from then on whoever offers drains after the close, also to make room for its
	 * own element. Every element is taken once, each producer's in the order it offered
	 * them.
	 */
	@Test
	void drainingAfterTheConsumerStoppedTakesEverything() throws Exception {
		int producers = 4;
		int perProducer = 50_000;
		int takenByTheConsumer = 20_000;
		EventQueue<int[]> queue = new EventQueue<>(3);
		AtomicBoolean closed = new AtomicBoolean();
		// Written by the consumer until it closes, then only under the queue's lock.
		List<int[]> taken = new ArrayList<>();
		List<Thread> threads = new ArrayList<>();
		for (int p = 0; p < producers; p++) {
			int producer = p;
			Thread thread = new Thread(() -> {
				for (int i = 0; i < perProducer; i++) {
					int[] element = { producer, i };
					while (queue.offer(element) != Offer.QUEUED) {
						if (closed.get()) {
							queue.drainAfterClose(taken);
						}
						Thread.onSpinWait();
					}
					if (closed.get()) {
						queue.drainAfterClose(taken);
					}
				}
			});
			thread.start();
			threads.add(thread);
		}
		while (taken.size() < takenByTheConsumer) {
			if (queue.drainTo(taken, 2) == 0) {
				Thread.onSpinWait();
			}
		}
		// The producers cannot finish without the consumer, so the queue fills.
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (queue.size() < queue.capacity()) {
			assertThat(System.nanoTime() - deadline).as("a full queue within 10 s").isNegative();
			Thread.onSpinWait();
		}
		closed.set(true);
		queue.drainAfterClose(taken);
		for (Thread thread : threads) {
			thread.join(TimeUnit.SECONDS.toMillis(30));
			assertThat(thread.isAlive()).as("a producer still offering").isFalse();
		}
		queue.drainAfterClose(taken);
		assertThat(queue.isEmpty()).isTrue();
		assertThat(queue.size()).isZero();
		assertThat(taken).hasSize(producers * perProducer);
		int[] next = new int[producers];
		for (int[] element : taken) {
			assertThat(element[1]).as("next element of producer %d", element[0]).isEqualTo(next[element[0]]);
			next[element[0]]++;
		}
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

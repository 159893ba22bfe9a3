package io.github.zmqlog.logback.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The lock-free queue between logging threads and the publisher thread.
 */
@Timeout(60)
class EventQueueTests {

	@Test
	void holdsExactlyItsCapacityWhenThatIsNoPowerOfTwo() {
		EventQueue<Integer> queue = new EventQueue<>(5);
		for (int i = 0; i < 5; i++) {
			assertThat(queue.offer(i)).isTrue();
		}
		assertThat(queue.offer(5)).isFalse();
		assertThat(queue.isFull()).isTrue();
		assertThat(queue.size()).isEqualTo(5);
		assertThat(queue.poll()).isEqualTo(0);
		assertThat(queue.isFull()).isFalse();
		assertThat(queue.offer(5)).isTrue();
		assertThat(queue.isFull()).isTrue();
		assertThat(queue.offer(6)).isFalse();
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
			assertThat(queue.offer(i)).isTrue();
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
					if (!queue.offer(new long[] { producer, i })) {
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

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

package io.github.zmqlog.logback.thread;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starting a daemon thread and waiting, a bounded time, until it is ready: the helper the
 * publisher thread and the ZAP handler share.
 */
@Timeout(60)
class ThreadStartTests {

	private final CountDownLatch ready = new CountDownLatch(1);

	private final CountDownLatch release = new CountDownLatch(1);

	private final Thread thread = ThreadStart.daemon("zmqlog-test", () -> {
		awaitQuietly(this.release);
		this.ready.countDown();
	});

	@AfterEach
	void endTheThread() throws InterruptedException {
		this.release.countDown();
		this.thread.join();
	}

	@Test
	void createsANamedDaemonThatIsNotStarted() {
		assertThat(this.thread.getName()).isEqualTo("zmqlog-test");
		assertThat(this.thread.isDaemon()).isTrue();
		assertThat(this.thread.getState()).isEqualTo(Thread.State.NEW);
		this.thread.start();
	}

	@Test
	void refusesInterruptsAndCountsThem() throws InterruptedException {
		CountDownLatch interrupted = new CountDownLatch(1);
		long[] seen = new long[2];
		Thread refusing = ThreadStart.daemon("zmqlog-test-interrupts", () -> {
			awaitQuietly(interrupted);
			seen[0] = Thread.currentThread().isInterrupted() ? 1 : 0;
			seen[1] = ThreadStart.refusedInterrupts();
		});
		refusing.start();
		refusing.interrupt();
		refusing.interrupt();
		assertThat(refusing.isInterrupted()).isFalse();
		interrupted.countDown();
		refusing.join();
		assertThat(seen).containsExactly(0, 2);
		assertThat(ThreadStart.refusedInterrupts()).as("a thread not made here").isZero();
		this.thread.start();
	}

	@Test
	void isReadyWhenTheThreadCountsDownInTime() {
		this.release.countDown();
		assertThat(ThreadStart.startAndAwait(this.thread, this.ready, TimeUnit.SECONDS.toMillis(30)))
			.isEqualTo(ThreadStart.Outcome.READY);
	}

	@Test
	void timesOutWhileTheThreadIsNotReadyAndLeavesItRunning() {
		long start = System.nanoTime();
		assertThat(ThreadStart.startAndAwait(this.thread, this.ready, 100)).isEqualTo(ThreadStart.Outcome.TIMED_OUT);
		assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
		assertThat(this.thread.isAlive()).isTrue();
		assertThat(this.ready.getCount()).isEqualTo(1);
	}

	@Test
	void anInterruptedCallerStopsWaitingAndStaysInterrupted() {
		Thread.currentThread().interrupt();
		assertThat(ThreadStart.startAndAwait(this.thread, this.ready, TimeUnit.SECONDS.toMillis(30)))
			.isEqualTo(ThreadStart.Outcome.INTERRUPTED);
		assertThat(Thread.interrupted()).isTrue();
		assertThat(this.thread.isAlive()).isTrue();
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

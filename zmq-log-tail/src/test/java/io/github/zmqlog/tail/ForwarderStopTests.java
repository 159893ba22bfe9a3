package io.github.zmqlog.tail;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Forwarder#stop} in every order against {@link Forwarder#run}: after it ended,
 * twice, from two threads at once (one of them racing the context's close), and before it
 * began.
 */
@Timeout(120)
class ForwarderStopTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Test
	void stopAfterRunEndedAndStopTwiceReturnTrue() throws Exception {
		Forwarder forwarder = new Forwarder("tcp://127.0.0.1:*", "tcp://127.0.0.1:*");
		CompletableFuture<Void> running = CompletableFuture.runAsync(forwarder::run);
		assertThat(forwarder.awaitReady(WAIT)).isNotNull();
		assertThat(forwarder.stop(WAIT)).isTrue();
		running.get(10, TimeUnit.SECONDS);
		assertThat(forwarder.stop(WAIT)).isTrue();
		assertThat(forwarder.stop(WAIT)).isTrue();
	}

	@Test
	void stopsFromTwoThreadsAtOnceNeverThrow() throws Exception {
		// The second stop() meets the first one's effect at any point: the proxy
		// returning, the context closing, the run ended.
		for (int round = 0; round < 50; round++) {
			Forwarder forwarder = new Forwarder("tcp://127.0.0.1:*", "tcp://127.0.0.1:*");
			CompletableFuture<Void> running = CompletableFuture.runAsync(forwarder::run);
			assertThat(forwarder.awaitReady(WAIT)).isNotNull();
			CountDownLatch go = new CountDownLatch(1);
			CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> stopWhen(go, forwarder));
			CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> stopWhen(go, forwarder));
			go.countDown();
			assertThat(first.get(20, TimeUnit.SECONDS)).as("round %d, first stop", round).isTrue();
			assertThat(second.get(20, TimeUnit.SECONDS)).as("round %d, second stop", round).isTrue();
			running.get(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void stopBeforeRunMakesRunReturnAtOnce() throws Exception {
		Forwarder forwarder = new Forwarder("tcp://127.0.0.1:*", "tcp://127.0.0.1:*");
		assertThat(forwarder.stop(Duration.ofMillis(10))).as("nothing ran yet").isFalse();
		CompletableFuture<Void> running = CompletableFuture.runAsync(forwarder::run);
		running.get(10, TimeUnit.SECONDS);
		assertThat(forwarder.stop(WAIT)).isTrue();
		assertThat(forwarder.awaitReady(WAIT)).as("never bound").isNull();
	}

	private static boolean stopWhen(CountDownLatch go, Forwarder forwarder) {
		try {
			go.await();
			return forwarder.stop(WAIT);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}

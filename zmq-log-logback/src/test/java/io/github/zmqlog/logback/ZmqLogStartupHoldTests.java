package io.github.zmqlog.logback;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import ch.qos.logback.core.util.FileSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import io.github.zmqlog.testsupport.TestSubscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The start-up hold: the first events wait on the publisher thread until the first
 * subscription arrives or the hold's time is up, bounded in count and bytes, then go out
 * in order; what does not fit is counted.
 */
@Timeout(60)
class ZmqLogStartupHoldTests {

	@Test
	void aSubscriberWaitingBeforeTheStartReceivesEveryEventFromTheFirst() throws IOException {
		String endpoint = "tcp://127.0.0.1:" + freePort();
		try (TestSubscriber subscriber = new TestSubscriber(endpoint, "");
				AppenderFixture fixture = AppenderFixture.start("test", (appender) -> {
					appender.addBind(endpoint);
					appender.setStartupHold(new ch.qos.logback.core.util.Duration(30_000));
				})) {
			// Logged at once: no subscription can have arrived yet.
			for (int i = 0; i < 100; i++) {
				fixture.logger.info("event {}", i);
			}
			List<TestSubscriber.Message> received = subscriber.receive(100, Duration.ofSeconds(20));
			assertThat(received).extracting(TestSubscriber.Message::body)
				.containsExactlyElementsOf(
						java.util.stream.IntStream.range(0, 100).mapToObj((i) -> "event " + i + "\n").toList());
		}
	}

	/**
	 * With {@code connect}, the subscription comes from the peer connected to, as a
	 * forwarder's XSUB passes on its watchers' subscriptions: here a SUB that binds.
	 */
	@Test
	void withConnectTheFirstSubscriptionFromThePeerEndsTheHold() throws IOException {
		String endpoint = "tcp://127.0.0.1:" + freePort();
		try (ZContext context = new ZContext(1)) {
			ZMQ.Socket peer = context.createSocket(SocketType.SUB);
			peer.setHandshakeIvl(1000);
			peer.subscribe(new byte[0]);
			peer.bind(endpoint);
			peer.setReceiveTimeOut(20_000);
			long started = System.nanoTime();
			try (AppenderFixture fixture = AppenderFixture.start("test", (appender) -> {
				appender.addConnect(endpoint);
				appender.setStartupHold(new ch.qos.logback.core.util.Duration(30_000));
			})) {
				for (int i = 0; i < 20; i++) {
					fixture.logger.info("event {}", i);
				}
				for (int i = 0; i < 20; i++) {
					assertThat(peer.recvStr()).as("topic %d", i).isNotNull();
					assertThat(peer.recvStr()).isEqualTo("event " + i + "\n");
				}
				assertThat((System.nanoTime() - started) / 1_000_000).as("ms, far less than the hold's 30 s")
					.isLessThan(15_000);
			}
		}
	}

	@Test
	void withNoSubscriberTheHeldEventsAreSentWhenTheHoldsTimeIsUp() {
		long holdMillis = 500;
		try (AppenderFixture fixture = AppenderFixture.start("test",
				(appender) -> appender.setStartupHold(new ch.qos.logback.core.util.Duration(holdMillis)))) {
			long started = System.nanoTime();
			for (int i = 0; i < 5; i++) {
				fixture.logger.info("event {}", i);
			}
			ZmqLogCounters counts = fixture.appender.getCounters();
			await().atMost(Duration.ofSeconds(10)).until(() -> counts.sent() == 5);
			assertThat((System.nanoTime() - started) / 1_000_000).as("ms until sent")
				.isGreaterThanOrEqualTo(holdMillis);
			assertThat(counts.enqueued()).isEqualTo(5);
			assertThat(counts.droppedTotal()).isZero();
		}
	}

	@Test
	void whatDoesNotFitTheHoldsCountIsCountedAndTheRestSent() {
		try (AppenderFixture fixture = AppenderFixture.start("test", (appender) -> {
			appender.setStartupHold(new ch.qos.logback.core.util.Duration(300));
			appender.setStartupHoldMaxEvents(3);
		})) {
			for (int i = 0; i < 5; i++) {
				fixture.logger.info("event {}", i);
			}
			ZmqLogCounters counts = fixture.appender.getCounters();
			await().atMost(Duration.ofSeconds(10)).until(() -> counts.sent() + counts.droppedTotal() == 5);
			assertThat(counts.sent()).isEqualTo(3);
			assertThat(counts.dropped(DropReason.STARTUP_HOLD_FULL)).isEqualTo(2);
			assertThat(counts.enqueued()).isEqualTo(5);
		}
	}

	@Test
	void whatDoesNotFitTheHoldsBytesIsCountedAndTheRestSent() {
		String large = "x".repeat(10_000);
		try (AppenderFixture fixture = AppenderFixture.start("test", (appender) -> {
			appender.setStartupHold(new ch.qos.logback.core.util.Duration(300));
			appender.setStartupHoldMaxBytes(new FileSize(64 * 1024));
		})) {
			// About 20 KB each: three fit in 64 KB, the other two do not.
			for (int i = 0; i < 5; i++) {
				fixture.logger.info("{} {}", i, large);
			}
			ZmqLogCounters counts = fixture.appender.getCounters();
			await().atMost(Duration.ofSeconds(10)).until(() -> counts.sent() + counts.droppedTotal() == 5);
			assertThat(counts.sent()).isEqualTo(3);
			assertThat(counts.dropped(DropReason.STARTUP_HOLD_FULL)).isEqualTo(2);
		}
	}

	@Test
	void stoppingDuringTheHoldSendsWhatItHolds() {
		AppenderFixture fixture = AppenderFixture.start("test",
				(appender) -> appender.setStartupHold(new ch.qos.logback.core.util.Duration(30_000)));
		for (int i = 0; i < 5; i++) {
			fixture.logger.info("event {}", i);
		}
		long started = System.nanoTime();
		fixture.close();
		ZmqLogCounters counts = fixture.appender.getCounters();
		assertThat((System.nanoTime() - started) / 1_000_000).as("ms to stop").isLessThan(10_000);
		assertThat(counts.sent()).isEqualTo(5);
		assertThat(counts.enqueued()).isEqualTo(5);
	}

	@Test
	void aNegativeHoldFailsTheStartNamingTheOption() {
		try (AppenderFixture fixture = AppenderFixture.start("test", (appender) -> {
			appender.setStartupHold(new ch.qos.logback.core.util.Duration(-1));
			appender.setStartupHoldMaxEvents(-1);
		})) {
			assertThat(fixture.appender.isStarted()).isFalse();
			assertThat(fixture.appender.getProblems()).extracting(ConfigurationProblem::option)
				.contains("startupHold", "startupHoldMaxEvents");
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}

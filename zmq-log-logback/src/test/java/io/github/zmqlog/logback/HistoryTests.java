package io.github.zmqlog.logback;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.util.FileSize;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import io.github.zmqlog.logback.history.HistoryProtocol;
import io.github.zmqlog.testsupport.TestSubscriber;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history endpoint against real sockets: a plain JeroMQ DEALER speaks the protocol,
 * and a plain SUB beside it sees exactly what it saw without history.
 */
@Timeout(60)
class HistoryTests {

	private final ZContext zmq = new ZContext(1);

	@AfterEach
	void close() {
		this.zmq.close();
	}

	@Test
	void historyRequestGetsTheLastMatchingEventsThenLive() {
		try (AppenderFixture fixture = AppenderFixture.start("app", history("tcp://127.0.0.1:*"))) {
			fixture.appender.setRootTopic("app");
			for (int i = 1; i <= 10; i++) {
				fixture.logger.info(((i % 2 == 0) ? "even::" : "odd::") + "event " + i);
			}
			ZMQ.Socket dealer = dealer(fixture);
			// The events may still be queued: ask until the ring holds all ten.
			List<List<byte[]>> replay = new ArrayList<>();
			for (int attempt = 0; attempt < 100 && countEvents(replay) < 3; attempt++) {
				replay = request(dealer, "3", "0", "app.INFO.even");
			}
			assertThat(replay).extracting((frames) -> text(frames.get(0)))
				.containsExactly("event", "event", "event", "live");
			assertThat(replay.subList(0, 3)).extracting((frames) -> text(frames.get(4)))
				.containsExactly("event 6\n", "event 8\n", "event 10\n");
			assertThat(replay.subList(0, 3)).extracting((frames) -> text(frames.get(2))).containsExactly("1", "2", "3");
			long seq6 = Long.parseLong(text(replay.get(0).get(1)));
			assertThat(replay.subList(0, 3)).extracting((frames) -> Long.parseLong(text(frames.get(1))))
				.containsExactly(seq6, seq6 + 2, seq6 + 4);
			fixture.logger.info("odd::event 11");
			fixture.logger.info("even::event 12");
			List<byte[]> live = receive(dealer, Duration.ofSeconds(10));
			assertThat(text(live.get(0))).isEqualTo("event");
			assertThat(text(live.get(2))).isEqualTo("4");
			assertThat(text(live.get(3))).isEqualTo("app.INFO.even");
			assertThat(text(live.get(4))).isEqualTo("event 12\n");
		}
	}

	@Test
	void plainSubscriberSeesNoMessageAHistoryRequestCaused() {
		try (AppenderFixture fixture = AppenderFixture.start("app", history("tcp://127.0.0.1:*"));
				TestSubscriber subscriber = new TestSubscriber(fixture.endpoint(), "")) {
			subscriber.awaitSubscribed(fixture.logger, "");
			for (int i = 1; i <= 20; i++) {
				fixture.logger.info("event " + i);
			}
			assertThat(subscriber.receive(20, Duration.ofSeconds(10))).extracting(TestSubscriber.Message::body)
				.endsWith("event 20\n");
			ZMQ.Socket dealer = dealer(fixture);
			List<List<byte[]>> replay = request(dealer, "20", "0");
			assertThat(countEvents(replay)).isEqualTo(20);
			request(dealer, "5", "0", "INFO");
			fixture.logger.info("after the requests");
			assertThat(subscriber.receive(Duration.ofSeconds(10)).body()).isEqualTo("after the requests\n");
			assertThat(receive(dealer, Duration.ofSeconds(10))).extracting(HistoryTests::text)
				.endsWith("after the requests\n");
			assertThat(subscriber.receive(Duration.ofMillis(500))).as("nothing more at the plain SUB").isNull();
		}
	}

	@Test
	void sizeZeroServesNoHistory() {
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> {
			appender.getHistory().setSize(0);
			appender.getHistory().setEndpoint("tcp://127.0.0.1:*");
		})) {
			assertThat(fixture.appender.isStarted()).isTrue();
			assertThat(fixture.appender.getHistoryEndpoints()).isEmpty();
		}
	}

	@Test
	void historyIsServedByDefaultOnTheBindPortPlusOne() throws Exception {
		int port;
		try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			port = free.getLocalPort();
		}
		try (AppenderFixture fixture = AppenderFixture.start("app",
				(appender) -> appender.addBind("tcp://127.0.0.1:" + (port - 1)))) {
			if (!fixture.appender.isStarted()) {
				return; // port - 1 was taken: nothing to learn here
			}
			assertThat(fixture.appender.getHistoryEndpoints()).containsExactly("tcp://127.0.0.1:" + port);
		}
	}

	@Test
	void takenDerivedHistoryPortIsAWarningNotAFailure() {
		ZMQ.Socket taken = this.zmq.createSocket(SocketType.ROUTER);
		taken.bind("tcp://127.0.0.1:*");
		int port = Integer.parseInt(taken.getLastEndpoint().replaceAll(".*:", ""));
		try (AppenderFixture fixture = AppenderFixture.start("app",
				(appender) -> appender.addBind("tcp://127.0.0.1:" + (port - 1)))) {
			if (fixture.errors().stream().anyMatch((s) -> s.getMessage().contains("in use"))) {
				return; // port - 1 was taken as well
			}
			assertThat(fixture.appender.isStarted()).isTrue();
			assertThat(fixture.appender.getHistoryEndpoints()).isEmpty();
			assertThat(fixture.context.getStatusManager().getCopyOfStatusList())
				.filteredOn((s) -> s.getLevel() == Status.WARN)
				.extracting(Status::getMessage)
				.anyMatch((m) -> m.contains("History not served on tcp://127.0.0.1:" + port)
						&& m.contains("set history.endpoint"));
		}
	}

	@Test
	void invalidHistoryOptionsFailTheStartNamingEach() {
		try (AppenderFixture fixture = AppenderFixture.start("app", (appender) -> {
			appender.getHistory().setSize(-1);
			appender.getHistory().setMaxBytes(new FileSize(10));
			appender.getHistory().setEndpoint("tcp//nowhere");
		})) {
			assertThat(fixture.appender.isStarted()).isFalse();
			assertThat(fixture.appender.getProblems()).extracting(ConfigurationProblem::message)
				.contains("Invalid 'history.size' -1: it must be 0 (no history) to 1000000 events",
						"Invalid 'history.maxBytes' 10 bytes: it must be at least 1024 bytes")
				.anyMatch((m) -> m.startsWith("Invalid 'history.endpoint': "));
		}
	}

	static Consumer<ZmqLogAppender> history(String endpoint) {
		return (appender) -> appender.getHistory().setEndpoint(endpoint);
	}

	private ZMQ.Socket dealer(AppenderFixture fixture) {
		ZMQ.Socket dealer = this.zmq.createSocket(SocketType.DEALER);
		dealer.setHandshakeIvl(1000);
		dealer.connect(fixture.appender.getHistoryEndpoints().get(0));
		return dealer;
	}

	/**
	 * Sends a get and reads the replay up to its {@code live} frame.
	 */
	static List<List<byte[]>> request(ZMQ.Socket dealer, String... arguments) {
		dealer.sendMore(HistoryProtocol.VERSION);
		dealer.sendMore(HistoryProtocol.GET);
		for (int i = 0; i < arguments.length; i++) {
			dealer.send(arguments[i], (i < arguments.length - 1) ? ZMQ.SNDMORE : 0);
		}
		List<List<byte[]>> replies = new ArrayList<>();
		List<byte[]> reply;
		do {
			reply = receive(dealer, Duration.ofSeconds(10));
			assertThat(reply).as("a reply within 10 s").isNotNull();
			replies.add(reply);
		}
		while (!text(reply.get(0)).equals("live"));
		return replies;
	}

	static @Nullable List<byte[]> receive(ZMQ.Socket socket, Duration timeout) {
		socket.setReceiveTimeOut((int) timeout.toMillis());
		byte[] first = socket.recv();
		if (first == null) {
			return null;
		}
		List<byte[]> frames = new ArrayList<>();
		frames.add(first);
		while (socket.hasReceiveMore()) {
			frames.add(socket.recv());
		}
		return frames;
	}

	private static long countEvents(List<List<byte[]>> replies) {
		return replies.stream().filter((frames) -> text(frames.get(0)).equals("event")).count();
	}

	static String text(byte[] frame) {
		return new String(frame, StandardCharsets.UTF_8);
	}

}

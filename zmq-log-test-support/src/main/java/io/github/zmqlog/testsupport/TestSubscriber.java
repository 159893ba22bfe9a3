package io.github.zmqlog.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real JeroMQ SUB socket for tests, in a context of its own, as a separate application
 * would have. It sets a short handshake interval (JeroMQ 0.6.0 otherwise stalls about one
 * new connection in twenty for 30 s), and {@link #awaitSubscribed} waits out the slow
 * joiner by logging pings until one arrives, instead of sleeping.
 */
public final class TestSubscriber implements AutoCloseable {

	private static final String DEFAULT_SUBTOPIC_DELIMITER = "::";

	private static final String SYNC_SUBTOPIC = "zmqlog-sync";

	private final ZContext context = new ZContext(1);

	private final ZMQ.Socket socket;

	private long pings;

	/**
	 * Connects a SUB to an endpoint and subscribes to the given prefixes.
	 * @param endpoint the publisher's endpoint
	 * @param prefixes topic prefixes; {@code ""} for everything
	 */
	public TestSubscriber(String endpoint, String... prefixes) {
		this(0, endpoint, prefixes);
	}

	/**
	 * Connects a SUB with a receive high-water mark: 0 queues everything the publisher
	 * sends in memory; a small one, with a small receive buffer, lets TCP push back on
	 * the publisher when the test stops reading.
	 * @param receiveHwm the receive high-water mark
	 * @param endpoint the publisher's endpoint
	 * @param prefixes topic prefixes; {@code ""} for everything
	 */
	public TestSubscriber(int receiveHwm, String endpoint, String... prefixes) {
		this((socket) -> {
		}, receiveHwm, endpoint, prefixes);
	}

	/**
	 * Connects a SUB with extra socket options set before it connects, such as CURVE
	 * client keys (see {@link #curve}).
	 * @param options sets options on the socket
	 * @param endpoint the publisher's endpoint
	 * @param prefixes topic prefixes; {@code ""} for everything
	 */
	public TestSubscriber(Consumer<ZMQ.Socket> options, String endpoint, String... prefixes) {
		this(options, 0, endpoint, prefixes);
	}

	private TestSubscriber(Consumer<ZMQ.Socket> options, int receiveHwm, String endpoint, String... prefixes) {
		this.socket = this.context.createSocket(SocketType.SUB);
		this.socket.setHandshakeIvl(1000);
		this.socket.setRcvHWM(receiveHwm);
		if (receiveHwm > 0) {
			this.socket.setReceiveBufferSize(4096);
		}
		this.socket.setLinger(0);
		for (String prefix : prefixes) {
			this.socket.subscribe(prefix.getBytes(StandardCharsets.UTF_8));
		}
		options.accept(this.socket);
		this.socket.connect(endpoint);
	}

	/**
	 * Socket options that make a SUB a CURVE client of a server.
	 * @param serverPublicKey the server's public key, Z85
	 * @param client the client's key pair, Z85
	 * @return the options
	 */
	public static Consumer<ZMQ.Socket> curve(String serverPublicKey, ZMQ.Curve.KeyPair client) {
		return (socket) -> {
			socket.setCurveServerKey(ZMQ.Curve.z85Decode(serverPublicKey));
			socket.setCurvePublicKey(ZMQ.Curve.z85Decode(client.publicKey));
			socket.setCurveSecretKey(ZMQ.Curve.z85Decode(client.secretKey));
		};
	}

	/**
	 * Waits until the publisher has this subscriber's subscriptions, by logging INFO
	 * pings with a subtopic until one arrives. Earlier pings that arrive late are
	 * skipped; no ping is left over.
	 * @param logger a logger whose events reach the appender
	 * @param rootTopic the appender's root topic
	 */
	public void awaitSubscribed(Logger logger, String rootTopic) {
		awaitSubscribed(logger, rootTopic, DEFAULT_SUBTOPIC_DELIMITER);
	}

	/**
	 * Waits until the publisher has this subscriber's subscriptions, for an appender with
	 * another subtopic delimiter.
	 * @param logger a logger whose events reach the appender
	 * @param rootTopic the appender's root topic
	 * @param delimiter the appender's subtopic delimiter
	 */
	public void awaitSubscribed(Logger logger, String rootTopic, String delimiter) {
		String syncTopic = (rootTopic.isEmpty() ? "" : rootTopic + ".") + "INFO." + SYNC_SUBTOPIC;
		byte[] prefix = syncTopic.getBytes(StandardCharsets.UTF_8);
		this.socket.subscribe(prefix);
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		try {
			while (System.nanoTime() < deadline) {
				String ping = "<ping-" + (++this.pings) + ">";
				logger.info(SYNC_SUBTOPIC + delimiter + ping);
				if (awaitPing(syncTopic, ping)) {
					return;
				}
			}
			throw new AssertionError("No ping reached the subscriber within 20 s");
		}
		finally {
			this.socket.unsubscribe(prefix);
		}
	}

	private boolean awaitPing(String syncTopic, String ping) {
		long until = System.nanoTime() + Duration.ofMillis(50).toNanos();
		while (System.nanoTime() < until) {
			Message message = receive(Duration.ofMillis(10));
			if (message != null) {
				assertThat(message.topic()).as("message during sync").isEqualTo(syncTopic);
				if (message.body().contains(ping)) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * For appenders whose topics a ping cannot be told apart by: runs {@code log} until a
	 * message arrives, then drains messages that arrive late.
	 * @param log logs one event that this subscriber receives
	 * @return the first message received
	 */
	public Message awaitFirst(Runnable log) {
		Message first = null;
		for (int i = 0; first == null && i < 200; i++) {
			log.run();
			first = receive(Duration.ofMillis(100));
		}
		assertThat(first).as("a message within 20 s").isNotNull();
		while (receive(Duration.ofMillis(200)) != null) {
			// a later run's message
		}
		return first;
	}

	/**
	 * Receives one message, checking it has exactly two frames.
	 * @param timeout how long to wait
	 * @return the message, or {@code null} when none arrived in time
	 */
	public Message receive(Duration timeout) {
		this.socket.setReceiveTimeOut((int) timeout.toMillis());
		byte[] topic = this.socket.recv();
		if (topic == null) {
			return null;
		}
		assertThat(this.socket.hasReceiveMore()).as("a body frame follows the topic frame").isTrue();
		byte[] body = this.socket.recv();
		assertThat(body).isNotNull();
		assertThat(this.socket.hasReceiveMore()).as("no third frame").isFalse();
		return new Message(topic, body);
	}

	/**
	 * Receives a number of messages.
	 * @param count how many
	 * @param timeout how long to wait for each
	 * @return the messages; fails when one does not arrive in time
	 */
	public List<Message> receive(int count, Duration timeout) {
		List<Message> messages = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Message message = receive(timeout);
			assertThat(message).as("message %d of %d", i + 1, count).isNotNull();
			messages.add(message);
		}
		return messages;
	}

	/**
	 * Returns the socket, for tests that read raw frames.
	 * @return the SUB socket
	 */
	public ZMQ.Socket socket() {
		return this.socket;
	}

	@Override
	public void close() {
		this.context.close();
	}

	/**
	 * A received two-frame message.
	 *
	 * @param topicBytes the topic frame
	 * @param bodyBytes the body frame
	 */
	public record Message(byte[] topicBytes, byte[] bodyBytes) {

		public String topic() {
			return new String(this.topicBytes, StandardCharsets.UTF_8);
		}

		public String body() {
			return new String(this.bodyBytes, StandardCharsets.UTF_8);
		}

	}

}

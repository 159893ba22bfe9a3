package io.github.zmqlog.logback.transport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import zmq.ZError;

import io.github.zmqlog.logback.ConfigurationProblem;
import io.github.zmqlog.logback.ConfigurationProblem.Kind;
import io.github.zmqlog.logback.CurveConfiguration;
import io.github.zmqlog.logback.OverflowPolicy;
import io.github.zmqlog.logback.curve.CurveSecurity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatRuntimeException;
import static org.awaitility.Awaitility.await;

/**
 * The publisher's XPUB socket, on real JeroMQ sockets: binding, counting subscriptions
 * and peers, sending, closing, and naming the option at fault when it cannot open. Every
 * test uses the socket from its own thread only (Awaitility polls in the same thread).
 */
@Timeout(60)
class XpubSocketTests {

	private static final String ANY_PORT = "tcp://127.0.0.1:*";

	private final ZContext context = new ZContext(1);

	private final ZContext subscriberContext = new ZContext(1);

	private final DeliveryCounters counters = new DeliveryCounters();

	private final StatusRecorder status = new StatusRecorder();

	private final List<XpubSocket> sockets = new ArrayList<>();

	@AfterEach
	void close() {
		this.sockets.forEach(XpubSocket::close);
		this.subscriberContext.close();
		this.context.close();
	}

	@Test
	void bindingAnyPortReportsTheBoundEndpoint() {
		XpubSocket socket = open(List.of(ANY_PORT), List.of());
		assertThat(socket.boundEndpoints()).singleElement().asString().matches("tcp://127\\.0\\.0\\.1:\\d+");
		assertThat(socket.boundEndpoints().get(0)).doesNotEndWith(":0");
		assertThat(socket.connectedEndpoints()).isEmpty();
	}

	@Test
	void countsTheSubscriptionsAndPeersOfRealSubscribers() {
		XpubSocket socket = open(List.of(ANY_PORT), List.of());
		String endpoint = socket.boundEndpoints().get(0);
		ZMQ.Socket first = subscriber(endpoint, "app.", "");
		ZMQ.Socket second = subscriber(endpoint, "app.", "db.");
		awaitPeers(socket, Map.of("app.", 2, "", 1, "db.", 1), 2, first, second);
		first.unsubscribe(bytes("app."));
		awaitPeers(socket, Map.of("app.", 1, "", 1, "db.", 1), 2);
		// The last peer on a prefix leaves: its prefixes go with it.
		second.close();
		awaitPeers(socket, Map.of("", 1), 1);
		first.close();
		awaitPeers(socket, Map.of(), 0);
	}

	@Test
	void aSubscriberThatLeavesTakesItsSubscriptionsWithItWhenAnotherHoldsTheSamePrefix() {
		XpubSocket socket = open(List.of(ANY_PORT), List.of());
		String endpoint = socket.boundEndpoints().get(0);
		ZMQ.Socket first = subscriber(endpoint, "app.WARN");
		ZMQ.Socket second = subscriber(endpoint, "app.WARN", "db.");
		awaitPeers(socket, Map.of("app.WARN", 2, "db.", 1), 2, first, second);
		// Killed, not unsubscribed: only the closing connection tells that it left.
		first.close();
		awaitPeers(socket, Map.of("app.WARN", 1, "db.", 1), 1);
		second.close();
		awaitPeers(socket, Map.of(), 0);
	}

	@Test
	void aSubscriberThatSubscribesTwiceToOnePrefixIsOneSubscriberOnIt() {
		XpubSocket socket = open(List.of(ANY_PORT), List.of());
		String endpoint = socket.boundEndpoints().get(0);
		ZMQ.Socket subscriber = subscriber(endpoint, "app.", "app.");
		ZMQ.Socket other = subscriber(endpoint, "app.");
		awaitPeers(socket, Map.of("app.", 2), 2, subscriber, other);
		subscriber.unsubscribe(bytes("app."));
		awaitPeers(socket, Map.of("app.", 2), 2);
		subscriber.unsubscribe(bytes("app."));
		awaitPeers(socket, Map.of("app.", 1), 2);
		other.close();
		awaitPeers(socket, Map.of(), 1);
	}

	@Test
	void prefixesBeyondTheLimitAreCountedNotListed() {
		XpubSocket socket = open(List.of(ANY_PORT), List.of());
		String[] prefixes = new String[XpubSocket.MAX_TRACKED_PREFIXES + 10];
		for (int i = 0; i < prefixes.length; i++) {
			prefixes[i] = "p" + i;
		}
		ZMQ.Socket subscriber = this.subscriberContext.createSocket(SocketType.SUB);
		subscriber.setLinger(0);
		// Subscriptions queue as messages do: more than the default high-water mark would
		// be lost on the way.
		subscriber.setSndHWM(0);
		// JeroMQ 0.6.0 stalls about one new connection in twenty for 30 s without it.
		subscriber.setHandshakeIvl(1000);
		for (String prefix : prefixes) {
			subscriber.subscribe(bytes(prefix));
		}
		subscriber.connect(socket.boundEndpoints().get(0));
		await().pollInSameThread().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			// After such a stall a SUB sends its subscriptions again only when its own
			// thread next uses it: keep using it.
			subscriber.recv(ZMQ.DONTWAIT);
			socket.readPeers();
			assertThat(socket.subscriptions()).hasSize(XpubSocket.MAX_TRACKED_PREFIXES).containsValue(1);
			assertThat(socket.untrackedPrefixes()).isEqualTo(10);
		});
		subscriber.close();
		await().pollInSameThread().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			socket.readPeers();
			assertThat(socket.subscriptions()).isEmpty();
			assertThat(socket.untrackedPrefixes()).isZero();
		});
	}

	@Test
	void sendsTopicAndBodyAndCountsThem() {
		XpubSocket socket = open(List.of(ANY_PORT), List.of());
		ZMQ.Socket subscriber = subscriber(socket.boundEndpoints().get(0), "app.");
		subscriber.setReceiveTimeOut(10_000);
		awaitPeers(socket, Map.of("app.", 1), 1, subscriber);
		socket.send(bytes("app.INFO"), bytes("hello"), DeliveryCounters.levelIndex(Level.INFO));
		assertThat(subscriber.recvStr()).isEqualTo("app.INFO");
		assertThat(subscriber.hasReceiveMore()).isTrue();
		assertThat(subscriber.recvStr()).isEqualTo("hello");
		assertThat(subscriber.hasReceiveMore()).isFalse();
		assertThat(this.counters.sent()).isEqualTo(1);
		assertThat(this.counters.droppedTotal()).isZero();
	}

	@Test
	void connectingReportsTheEndpoint() {
		ZMQ.Socket forwarder = this.subscriberContext.createSocket(SocketType.XSUB);
		forwarder.bind(ANY_PORT);
		String endpoint = forwarder.getLastEndpoint();
		XpubSocket socket = open(List.of(), List.of(endpoint));
		assertThat(socket.connectedEndpoints()).containsExactly(endpoint);
		assertThat(socket.boundEndpoints()).isEmpty();
	}

	@Test
	void anAddressInUseIsToldApartFromOtherEndpointProblems() {
		ZMQ.Socket other = this.subscriberContext.createSocket(SocketType.PUB);
		other.bind(ANY_PORT);
		String taken = other.getLastEndpoint();
		XpubSocket socket = socket(List.of(taken), List.of(), null);
		RuntimeException failure = openFailure(socket);
		ConfigurationProblem problem = socket.describe(failure);
		assertThat(problem.kind()).isEqualTo(Kind.ADDRESS_IN_USE);
		assertThat(problem.isAddressInUse()).isTrue();
		assertThat(problem.option()).isEqualTo("bind");
		assertThat(problem.value()).isEqualTo(taken);
		assertThat(problem.message()).isEqualTo("could not bind " + taken + ": " + ZError.toString(ZError.EADDRINUSE));
	}

	@Test
	void anOpenThatFailsAsAWholeBlamesConnectOnlyWhenOnlyConnecting() {
		RuntimeException failure = new IllegalStateException("no more sockets");
		ConfigurationProblem connecting = socket(List.of(), List.of("tcp://127.0.0.1:5556"), null).describe(failure);
		assertThat(connecting.kind()).isEqualTo(Kind.ENDPOINT);
		assertThat(connecting.option()).isEqualTo("connect");
		assertThat(connecting.message()).isEqualTo("could not open the socket: " + failure);
		ConfigurationProblem both = socket(List.of(ANY_PORT), List.of("tcp://127.0.0.1:5556"), null).describe(failure);
		assertThat(both.option()).isEqualTo("bind");
	}

	@Test
	void aZapHandlerThatCannotStartIsACurveProblem() {
		ZMQ.Socket zauth = this.context.createSocket(SocketType.REP);
		zauth.bind("inproc://zeromq.zap.01");
		XpubSocket socket = socket(List.of(ANY_PORT), List.of(), curve());
		ConfigurationProblem problem = socket.describe(openFailure(socket));
		assertThat(problem.kind()).isEqualTo(Kind.CURVE);
		assertThat(problem.option()).isEqualTo("curve");
		assertThat(problem.message()).startsWith("could not start CURVE: another ZAP handler");
		assertThat(socket.boundEndpoints()).isEmpty();
		zauth.close();
	}

	@Test
	void closingASocketThatNeverOpenedOrClosedAlreadyDoesNothing() {
		XpubSocket never = socket(List.of(ANY_PORT), List.of(), null);
		never.close();
		XpubSocket twice = open(List.of(ANY_PORT), List.of());
		twice.close();
		twice.close();
	}

	private XpubSocket open(List<String> bind, List<String> connect) {
		XpubSocket socket = socket(bind, connect, null);
		socket.open(this.context);
		return socket;
	}

	private XpubSocket socket(List<String> bind, List<String> connect, @Nullable CurveSecurity curve) {
		PublisherSettings settings = new PublisherSettings("test", bind, connect, 16, Long.MAX_VALUE,
				OverflowPolicy.DROP, 0, 1000, false, 1000, 0, 3000, 1024, curve, null);
		XpubSocket socket = new XpubSocket(settings, this.counters, this.status);
		this.sockets.add(socket);
		return socket;
	}

	private RuntimeException openFailure(XpubSocket socket) {
		return assertThatRuntimeException().isThrownBy(() -> socket.open(this.context)).actual();
	}

	private ZMQ.Socket subscriber(String endpoint, String... prefixes) {
		ZMQ.Socket subscriber = this.subscriberContext.createSocket(SocketType.SUB);
		subscriber.setLinger(0);
		subscriber.setHandshakeIvl(1000);
		for (String prefix : prefixes) {
			subscriber.subscribe(bytes(prefix));
		}
		subscriber.connect(endpoint);
		return subscriber;
	}

	/**
	 * Waits until the socket sees these peers and subscriptions.
	 * @param socket the socket
	 * @param subscriptions the subscriptions expected
	 * @param subscribers the peers expected
	 * @param reading subscribers to keep using meanwhile: after JeroMQ 0.6.0's connection
	 * stall a SUB sends its subscriptions again only when its own thread next uses it
	 */
	private static void awaitPeers(XpubSocket socket, Map<String, Integer> subscriptions, int subscribers,
			ZMQ.Socket... reading) {
		await().pollInSameThread().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			for (ZMQ.Socket subscriber : reading) {
				subscriber.recv(ZMQ.DONTWAIT);
			}
			socket.readPeers();
			assertThat(socket.subscribers()).isEqualTo(subscribers);
			assertThat(socket.subscriptions()).isEqualTo(subscriptions);
		});
	}

	private static CurveSecurity curve() {
		ZMQ.Curve.KeyPair server = ZMQ.Curve.generateKeyPair();
		ZMQ.Curve.KeyPair client = ZMQ.Curve.generateKeyPair();
		List<ConfigurationProblem> problems = new ArrayList<>();
		CurveConfiguration configuration = new CurveConfiguration();
		configuration.setServerSecretKey(server.secretKey);
		configuration.setServerPublicKey(server.publicKey);
		configuration.addAllowedClientKey(client.publicKey);
		CurveSecurity curve = CurveSecurity.check(configuration, true, false, problems);
		assertThat(problems).isEmpty();
		return curve;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}

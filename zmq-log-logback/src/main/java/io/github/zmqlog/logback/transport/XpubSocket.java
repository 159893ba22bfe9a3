package io.github.zmqlog.logback.transport;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.core.spi.ContextAware;
import org.jspecify.annotations.Nullable;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;
import zmq.ZError;

import io.github.zmqlog.logback.ConfigurationProblem;
import io.github.zmqlog.logback.ConfigurationProblem.Kind;
import io.github.zmqlog.logback.DropReason;
import io.github.zmqlog.logback.curve.CurveSecurity;
import io.github.zmqlog.logback.curve.ZapHandler;
import io.github.zmqlog.logback.status.StatusReports;
import io.github.zmqlog.logback.status.StatusThrottle;

/**
 * The publisher's XPUB socket, with the monitor that counts its peers and, with CURVE,
 * its ZAP registration. XPUB sends exactly as PUB does, and also tells which prefixes
 * subscribers asked for.
 *
 * <p>
 * One thread opens, reads, sends and closes it. The bound and connected endpoints,
 * subscriptions and subscriber count it collects, and {@link #endpointOption()}, may be
 * read from any thread.
 */
final class XpubSocket {

	private static final AtomicInteger monitors = new AtomicInteger();

	private static final int HANDSHAKE_INTERVAL_MILLIS = 2000;

	/**
	 * The most prefixes the stats list: any peer may subscribe to as many as it likes.
	 */
	static final int MAX_TRACKED_PREFIXES = 1024;

	/**
	 * How often, at most, the trie is walked while peers keep changing: a peer that
	 * floods subscriptions must not make the publisher walk it once per batch.
	 */
	private static final long TRIE_READ_INTERVAL_NANOS = 50_000_000L;

	private final List<String> bind;

	private final List<String> connect;

	private final int sendHwm;

	private final boolean noDrop;

	private final int sendTimeoutMillis;

	private final int lingerMillis;

	private final int heartbeatTimeoutMillis;

	private final @Nullable CurveSecurity curve;

	private final SocketTuning tuning;

	private final DeliveryCounters counters;

	private final ContextAware status;

	private final StatusThrottle sendFailedStatus = new StatusThrottle();

	private final StatusThrottle subscriberFullStatus = new StatusThrottle();

	private final List<String> boundEndpoints = new CopyOnWriteArrayList<>();

	private final List<String> connectedEndpoints = new CopyOnWriteArrayList<>();

	/**
	 * The prefixes peers hold, as last read: one published snapshot, so that every reader
	 * sees one consistent state without a copy.
	 */
	private volatile Map<String, Integer> subscriptions = Map.of();

	private volatile int untrackedPrefixes;

	/** What the socket's messages told, when its trie cannot be read. */
	private final Map<String, Integer> announced = new HashMap<>();

	private @Nullable SubscriptionTrie trie;

	/** A subscription changed since the trie was last read. */
	private boolean trieChanged;

	private long nextTrieRead;

	private final AtomicInteger subscribers = new AtomicInteger();

	private ZMQ.@Nullable Socket socket;

	private ZMQ.@Nullable Socket monitor;

	private ZapHandler.@Nullable Registration zap;

	/**
	 * With noDrop: a wait for a slow subscriber expired and no message has gone through
	 * since.
	 */
	private boolean subscriberFull;

	/** A subscription has arrived since the socket opened. */
	private boolean subscribed;

	/**
	 * Creates a socket, not open yet.
	 * @param settings the endpoints and socket options
	 * @param counters where sent and dropped messages are counted
	 * @param status where refused messages and slow subscribers are reported
	 */
	XpubSocket(PublisherSettings settings, DeliveryCounters counters, ContextAware status) {
		this.bind = settings.bind();
		this.connect = settings.connect();
		this.sendHwm = settings.sendHwm();
		this.noDrop = settings.noDrop();
		this.sendTimeoutMillis = settings.sendTimeoutMillis();
		this.lingerMillis = settings.lingerMillis();
		this.heartbeatTimeoutMillis = settings.heartbeatTimeoutMillis();
		this.curve = settings.curve();
		this.tuning = settings.tuning();
		this.counters = counters;
		this.status = status;
	}

	/**
	 * Creates the socket and its monitor, sets the options, and binds and connects every
	 * endpoint. Whatever was created before a failure is left for {@link #close}.
	 * @param context the context to create the sockets in
	 * @throws RuntimeException when something cannot be opened; {@link #describe} says
	 * what
	 */
	void open(ZContext context) {
		ZMQ.Socket xpub = context.createSocket(SocketType.XPUB);
		this.socket = xpub;
		// Every subscription and unsubscription of every peer, so that each is a sign to
		// read the trie again.
		xpub.setXpubVerboser(true);
		this.trie = SubscriptionTrie.attach(xpub);
		this.nextTrieRead = System.nanoTime();
		if (this.trie == null) {
			StatusReports.warn(this.status, "Subscription counts are approximate: this JeroMQ's XPUB cannot be read"
					+ " (a prefix keeps a count for a peer that left while another peer holds it)", null);
		}
		this.monitor = monitor(context, xpub);
		if (this.curve != null) {
			// The ZAP handler must answer before the first client arrives: without one,
			// ZeroMQ
			// admits every client that completes the CURVE handshake.
			this.zap = this.curve.apply(context, xpub, this.status);
		}
		xpub.setSndHWM(this.sendHwm);
		xpub.setLinger(this.lingerMillis);
		if (this.noDrop) {
			// A subscriber sendHwm messages behind makes send wait, then fail, instead of
			// losing
			// the message silently.
			xpub.setXpubNoDrop(true);
			xpub.setSendTimeOut(this.sendTimeoutMillis);
		}
		// JeroMQ 0.6.0 stalls about one new connection in twenty until the handshake
		// times out
		// (30 s by default); a short timeout drops such a connection and the connecting
		// side retries.
		xpub.setHandshakeIvl(HANDSHAKE_INTERVAL_MILLIS);
		// Heartbeats find a subscriber that vanished without closing its connection (a
		// host that crashed), so the subscriber count and the socket's memory stay right.
		// A subscriber that stops reading does not answer either (the heartbeats wait
		// unread behind the data), so the timeout is also how long one may pause before
		// it loses its connection and all the socket holds for it. The tuning also sets
		// the
		// heartbeat interval, the reconnect backoff and TCP keep-alive.
		this.tuning.applyTo(xpub);
		xpub.setHeartbeatTimeout(this.heartbeatTimeoutMillis);
		for (String endpoint : this.bind) {
			try {
				xpub.bind(endpoint);
			}
			catch (RuntimeException ex) {
				throw new EndpointException("bind", endpoint, ex);
			}
			this.boundEndpoints.add(xpub.getLastEndpoint());
		}
		for (String endpoint : this.connect) {
			try {
				xpub.connect(endpoint);
			}
			catch (RuntimeException ex) {
				throw new EndpointException("connect", endpoint, ex);
			}
			this.connectedEndpoints.add(endpoint);
		}
	}

	private static ZMQ.Socket monitor(ZContext context, ZMQ.Socket socket) {
		String address = "inproc://zmqlog-monitor-" + monitors.incrementAndGet();
		socket.monitor(address, ZMQ.EVENT_ACCEPTED | ZMQ.EVENT_CONNECTED | ZMQ.EVENT_DISCONNECTED);
		ZMQ.Socket monitor = context.createSocket(SocketType.PAIR);
		monitor.connect(address);
		return monitor;
	}

	/**
	 * Reads, without waiting, what subscribers asked for and who connected or left.
	 */
	void readPeers() {
		ZMQ.Socket xpub = this.socket;
		SubscriptionTrie subscriptionTrie = this.trie;
		byte[] message;
		while ((message = xpub.recv(ZMQ.DONTWAIT)) != null) {
			if (message.length > 0 && (message[0] == 0 || message[0] == 1)) {
				this.subscribed |= message[0] == 1;
				if (subscriptionTrie != null) {
					this.trieChanged = true;
				}
				else {
					announce(message);
				}
			}
		}
		if (subscriptionTrie != null) {
			// Cheap, and the only sign that a peer left holding prefixes others hold too.
			this.trieChanged |= subscriptionTrie.pipesChanged();
			if (this.trieChanged && System.nanoTime() - this.nextTrieRead >= 0) {
				Map<String, Integer> held = new HashMap<>();
				this.untrackedPrefixes = subscriptionTrie.read(MAX_TRACKED_PREFIXES, held);
				this.subscriptions = Map.copyOf(held);
				this.trieChanged = false;
				this.nextTrieRead = System.nanoTime() + TRIE_READ_INTERVAL_NANOS;
			}
		}
		ZMQ.Event event;
		while ((event = ZMQ.Event.recv(this.monitor, ZMQ.DONTWAIT)) != null) {
			if (event.getEvent() == ZMQ.EVENT_DISCONNECTED) {
				this.subscribers.updateAndGet((n) -> Math.max(0, n - 1));
			}
			else {
				this.subscribers.incrementAndGet();
			}
		}
	}

	private void announce(byte[] message) {
		String prefix = new String(message, 1, message.length - 1, StandardCharsets.UTF_8);
		if (message[0] == 1) {
			if (this.announced.size() < MAX_TRACKED_PREFIXES || this.announced.containsKey(prefix)) {
				this.announced.merge(prefix, 1, Integer::sum);
			}
			else {
				this.untrackedPrefixes++;
			}
		}
		else {
			this.announced.computeIfPresent(prefix, (key, count) -> (count > 1) ? count - 1 : null);
		}
		this.subscriptions = Map.copyOf(this.announced);
	}

	/**
	 * Returns whether a peer has subscribed since the socket opened, as last read; the
	 * socket's thread only.
	 * @return whether a subscription has arrived
	 */
	boolean subscribed() {
		return this.subscribed;
	}

	/**
	 * Sends one message, the topic with {@code SNDMORE} and the body with
	 * {@code DONTWAIT}, and counts it as sent or dropped.
	 * @param topic the topic frame
	 * @param body the body frame
	 * @param level the event's {@link DeliveryCounters#levelIndex level index}, what it
	 * is counted under
	 * @return whether it was sent
	 */
	boolean send(byte[] topic, byte[] body, int level) {
		ZMQ.Socket xpub = this.socket;
		try {
			// With noDrop the topic frame waits up to sendTimeout for a full subscriber,
			// unless the last
			// wait expired and nothing went through since. The body never waits: the HWM
			// counts
			// whole messages.
			int topicFlags = (this.noDrop && !this.subscriberFull) ? ZMQ.SNDMORE : ZMQ.SNDMORE | ZMQ.DONTWAIT;
			if (xpub.send(topic, topicFlags) && xpub.send(body, ZMQ.DONTWAIT)) {
				this.subscriberFull = false;
				this.counters.countSent(level);
				return true;
			}
			if (this.noDrop && xpub.errno() == ZError.EAGAIN) {
				this.subscriberFull = true;
				if (this.subscriberFullStatus.allow()) {
					StatusReports.warn(this.status, "A subscriber is " + this.sendHwm
							+ " messages behind: dropping events for all subscribers (noDrop; each drop is counted in the stats)",
							null);
				}
				this.counters.dropAt(DropReason.SUBSCRIBER_FULL, level);
				return false;
			}
			sendFailed("the socket refused the message (errno " + xpub.errno() + ")", null, level);
		}
		catch (RuntimeException ex) {
			sendFailed("could not send an event", ex, level);
		}
		return false;
	}

	// Reported, then counted: an Error from a status listener leaves the event to the
	// batch's count, and no exception brings the caller back here for a second count.
	private void sendFailed(String why, @Nullable Throwable ex, int level) {
		if (this.sendFailedStatus.allow()) {
			StatusReports.warn(this.status, "Dropped an event: " + why + " (each drop is counted in the stats)", ex);
		}
		this.counters.dropAt(DropReason.SEND_FAILED, level);
	}

	/**
	 * Closes what {@link #open} created: the monitor, the socket, then the ZAP
	 * registration, which the socket consults about every client until it is closed. The
	 * context is left to its owner.
	 * @throws RuntimeException when JeroMQ fails to close the socket (the registration is
	 * closed anyway)
	 */
	void close() {
		ZMQ.Socket xpub = this.socket;
		ZMQ.Socket peers = this.monitor;
		this.socket = null;
		this.monitor = null;
		try {
			if (xpub != null) {
				xpub.monitor(null, 0);
			}
			if (peers != null) {
				peers.close();
			}
			if (xpub != null) {
				xpub.close();
			}
		}
		finally {
			ZapHandler.Registration registration = this.zap;
			this.zap = null;
			if (registration != null) {
				registration.close();
			}
		}
	}

	/**
	 * Says why {@link #open} failed, naming the option at fault.
	 * @param ex what {@code open} threw
	 * @return the problem
	 */
	ConfigurationProblem describe(RuntimeException ex) {
		if (ex instanceof EndpointException endpointEx) {
			Throwable cause = endpointEx.getCause();
			boolean inUse = cause instanceof ZMQException zmq && zmq.getErrorCode() == ZError.EADDRINUSE;
			String reason = (cause instanceof ZMQException zmq) ? ZError.toString(zmq.getErrorCode())
					: String.valueOf(cause);
			return new ConfigurationProblem(inUse ? Kind.ADDRESS_IN_USE : Kind.ENDPOINT, endpointEx.option,
					endpointEx.endpoint, "could not " + endpointEx.option + " " + endpointEx.endpoint + ": " + reason);
		}
		if (ex instanceof ZapHandler.ZapException zapEx) {
			return new ConfigurationProblem(Kind.CURVE, "curve", null, "could not start CURVE: " + zapEx.getMessage());
		}
		return new ConfigurationProblem(Kind.ENDPOINT, endpointOption(), null, "could not open the socket: " + ex);
	}

	/**
	 * Returns the option to blame when opening fails as a whole; any thread.
	 * @return {@code bind}, unless the socket only connects
	 */
	String endpointOption() {
		return (this.bind.isEmpty() && !this.connect.isEmpty()) ? "connect" : "bind";
	}

	/**
	 * Returns the endpoints bound so far, as the socket reports them; any thread.
	 * @return the endpoints, a {@code *} port resolved
	 */
	List<String> boundEndpoints() {
		return List.copyOf(this.boundEndpoints);
	}

	/**
	 * Returns the endpoints connected so far; any thread.
	 * @return the endpoints
	 */
	List<String> connectedEndpoints() {
		return List.copyOf(this.connectedEndpoints);
	}

	/**
	 * Returns the prefixes peers hold, as last read; any thread.
	 * @return each prefix with how many peers hold it, at most
	 * {@link #MAX_TRACKED_PREFIXES} prefixes
	 */
	Map<String, Integer> subscriptions() {
		return this.subscriptions;
	}

	/**
	 * Returns how many prefixes peers hold beyond those {@link #subscriptions} lists, as
	 * last read; any thread.
	 * @return the count
	 */
	int untrackedPrefixes() {
		return this.untrackedPrefixes;
	}

	/**
	 * Returns how many peers are connected, as last read; any thread.
	 * @return the count
	 */
	int subscribers() {
		return this.subscribers.get();
	}

	/** A bind or connect that failed. */
	private static final class EndpointException extends RuntimeException {

		private final String option;

		private final String endpoint;

		EndpointException(String option, String endpoint, Throwable cause) {
			super(option + " " + endpoint, cause);
			this.option = option;
			this.endpoint = endpoint;
		}

	}

}

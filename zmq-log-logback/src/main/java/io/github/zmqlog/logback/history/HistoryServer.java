package io.github.zmqlog.logback.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * A publisher's history: the {@link HistoryRing} of what it published and the ROUTER
 * socket that replays it to watchers that ask ({@link HistoryProtocol}), then sends them
 * every later matching event. The thread that publishes calls {@link #published} after
 * each event it sent and {@link #serve} between batches, so that the replay and the live
 * events that follow it leave in one order on one pipe: no gap and no duplicate at the
 * seam. A follower whose pipe is full misses events; its event numbers say how many.
 *
 * <p>
 * Not thread-safe: one thread opens, serves, publishes and closes it. Its counts may be
 * read from any thread.
 */
public final class HistoryServer {

	/** The most watchers followed at once. */
	public static final int MAX_FOLLOWERS = 64;

	/**
	 * The most requests read per {@link #serve}, so that a flood cannot stall publishing.
	 */
	private static final int MAX_REQUESTS_PER_TURN = 64;

	/** The largest request: prefixes and numbers only. */
	private static final long MAX_REQUEST_BYTES = 64 * 1024;

	private static final int HANDSHAKE_INTERVAL_MILLIS = 2000;

	private static final int HEARTBEAT_INTERVAL_MILLIS = 1000;

	private static final int HEARTBEAT_TIMEOUT_MILLIS = 3000;

	private static final byte[] EVENT = HistoryProtocol.frame(HistoryProtocol.EVENT);

	private final HistoryRing ring;

	private final int sendHwm;

	private final List<Follower> followers = new ArrayList<>();

	private final List<String> boundEndpoints = new CopyOnWriteArrayList<>();

	private final AtomicLong requests = new AtomicLong();

	private final AtomicLong missed = new AtomicLong();

	private volatile int followerCount;

	private ZMQ.@Nullable Socket router;

	private long nextExpiry;

	/**
	 * Creates a server, not open yet.
	 * @param ring the ring to keep events in
	 * @param sendHwm how many messages may wait for one follower
	 */
	public HistoryServer(HistoryRing ring, int sendHwm) {
		this.ring = ring;
		this.sendHwm = sendHwm;
	}

	/**
	 * Creates the ROUTER and binds it to each endpoint; an endpoint that cannot be bound
	 * is reported and skipped. With none bound, the ring is still kept.
	 * @param context the context
	 * @param endpoints where to bind
	 * @param secure sets up CURVE on the socket before it binds, or does nothing
	 * @param problem told of each endpoint that could not be bound and why
	 */
	public void open(ZContext context, List<String> endpoints, Consumer<ZMQ.Socket> secure,
			BiConsumer<String, RuntimeException> problem) {
		ZMQ.Socket socket = context.createSocket(SocketType.ROUTER);
		this.router = socket;
		secure.accept(socket);
		// Sending to a watcher that is full or gone fails at once instead of silently, so
		// that it is counted, and a gone watcher forgotten.
		socket.setRouterMandatory(true);
		socket.setSndHWM(this.sendHwm);
		socket.setRcvHWM(MAX_REQUESTS_PER_TURN);
		socket.setMaxMsgSize(MAX_REQUEST_BYTES);
		socket.setLinger(0);
		socket.setHandshakeIvl(HANDSHAKE_INTERVAL_MILLIS);
		socket.setHeartbeatIvl(HEARTBEAT_INTERVAL_MILLIS);
		socket.setHeartbeatTimeout(HEARTBEAT_TIMEOUT_MILLIS);
		for (String endpoint : endpoints) {
			try {
				socket.bind(endpoint);
				this.boundEndpoints.add(socket.getLastEndpoint());
			}
			catch (RuntimeException ex) {
				problem.accept(endpoint, ex);
			}
		}
		this.nextExpiry = System.nanoTime();
	}

	/**
	 * Keeps an event just published and sends it to the followers it matches.
	 * @param topic the topic frame, never changed afterwards
	 * @param body the body frame, never changed afterwards
	 */
	public void published(byte[] topic, byte[] body) {
		long sequence = this.ring.add(topic, body, System.currentTimeMillis());
		if (this.followers.isEmpty()) {
			return;
		}
		for (int i = this.followers.size() - 1; i >= 0; i--) {
			Follower follower = this.followers.get(i);
			if (HistoryProtocol.matches(topic, follower.prefixes) && !send(follower, sequence, topic, body)) {
				forget(i);
			}
		}
	}

	/**
	 * Answers the requests waiting, without blocking, and forgets followers that went
	 * silent.
	 */
	public void serve() {
		ZMQ.Socket socket = this.router;
		if (socket == null || this.boundEndpoints.isEmpty()) {
			return;
		}
		for (int i = 0; i < MAX_REQUESTS_PER_TURN; i++) {
			List<byte[]> request = receive(socket);
			if (request == null) {
				break;
			}
			this.requests.incrementAndGet();
			answer(request);
		}
		long now = System.nanoTime();
		if (now - this.nextExpiry >= 0) {
			this.nextExpiry = now + 1_000_000_000L;
			long silentSince = now - HistoryProtocol.FOLLOWER_TTL_MILLIS * 1_000_000L;
			for (int i = this.followers.size() - 1; i >= 0; i--) {
				if (this.followers.get(i).heardNanos - silentSince < 0) {
					forget(i);
				}
			}
		}
	}

	private static @Nullable List<byte[]> receive(ZMQ.Socket socket) {
		byte[] first = socket.recv(ZMQ.DONTWAIT);
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

	private void answer(List<byte[]> request) {
		byte[] identity = request.get(0);
		if (request.size() < 3 || !HistoryProtocol.is(request.get(1), HistoryProtocol.VERSION)) {
			reply(identity, HistoryProtocol.ERROR, "expected [" + HistoryProtocol.VERSION + ", get|ping|bye, ...]");
			return;
		}
		byte[] command = request.get(2);
		int index = indexOf(identity);
		if (HistoryProtocol.is(command, HistoryProtocol.PING)) {
			if (index >= 0) {
				this.followers.get(index).heardNanos = System.nanoTime();
			}
			reply(identity, (index >= 0) ? HistoryProtocol.PONG : HistoryProtocol.GONE, null);
		}
		else if (HistoryProtocol.is(command, HistoryProtocol.BYE)) {
			if (index >= 0) {
				forget(index);
			}
		}
		else if (HistoryProtocol.is(command, HistoryProtocol.GET)) {
			get(identity, index, request);
		}
		else {
			reply(identity, HistoryProtocol.ERROR, "unknown command");
		}
	}

	private void get(byte[] identity, int index, List<byte[]> request) {
		long count = (request.size() > 3) ? HistoryProtocol.number(request.get(3)) : -1;
		long maxAge = (request.size() > 4) ? HistoryProtocol.number(request.get(4)) : -1;
		int prefixCount = request.size() - 5;
		if (count < 0 || maxAge < 0) {
			reply(identity, HistoryProtocol.ERROR, "expected [" + HistoryProtocol.VERSION
					+ ", get, COUNT, MAX_AGE_MILLIS, PREFIX...] with decimal numbers");
			return;
		}
		if (prefixCount > HistoryProtocol.MAX_PREFIXES) {
			reply(identity, HistoryProtocol.ERROR, "at most " + HistoryProtocol.MAX_PREFIXES + " prefixes");
			return;
		}
		byte[][] prefixes = new byte[prefixCount][];
		for (int i = 0; i < prefixCount; i++) {
			prefixes[i] = request.get(5 + i);
			if (prefixes[i].length == 0) {
				prefixes = new byte[0][]; // an empty prefix matches everything
				break;
			}
			if (prefixes[i].length > HistoryProtocol.MAX_PREFIX_BYTES) {
				reply(identity, HistoryProtocol.ERROR, "a prefix is longer than " + HistoryProtocol.MAX_PREFIX_BYTES);
				return;
			}
		}
		if (index >= 0) {
			forget(index);
		}
		else if (this.followers.size() >= MAX_FOLLOWERS) {
			reply(identity, HistoryProtocol.ERROR, "already following " + MAX_FOLLOWERS + " watchers");
			return;
		}
		Follower follower = new Follower(identity, prefixes);
		long minTime = (maxAge == 0) ? Long.MIN_VALUE : System.currentTimeMillis() - maxAge;
		boolean[] reachable = { true };
		this.ring.replay((int) Math.min(count, Integer.MAX_VALUE), minTime, prefixes, (entry) -> {
			if (reachable[0]) {
				reachable[0] = send(follower, entry.sequence(), entry.topic(), entry.body());
			}
		});
		if (!reachable[0]) {
			return;
		}
		try {
			this.router.send(identity, ZMQ.SNDMORE | ZMQ.DONTWAIT);
			this.router.send(HistoryProtocol.LIVE, ZMQ.SNDMORE | ZMQ.DONTWAIT);
			this.router.send(HistoryProtocol.frame(this.ring.nextSequence()), ZMQ.SNDMORE | ZMQ.DONTWAIT);
			this.router.send(HistoryProtocol.frame(follower.offered), ZMQ.DONTWAIT);
		}
		catch (ZMQException ex) {
			return; // gone already
		}
		this.followers.add(follower);
		this.followerCount = this.followers.size();
	}

	/**
	 * Sends one event to a follower, counting it as offered whether or not it fits.
	 * @param follower the follower
	 * @param sequence the event's number
	 * @param topic its topic frame
	 * @param body its body frame
	 * @return whether the follower is still there
	 */
	private boolean send(Follower follower, long sequence, byte[] topic, byte[] body) {
		ZMQ.Socket socket = this.router;
		long number = ++follower.offered;
		try {
			if (!socket.send(follower.identity, ZMQ.SNDMORE | ZMQ.DONTWAIT)) {
				// Full: the follower will see the jump in numbers.
				this.missed.incrementAndGet();
				return true;
			}
			socket.send(EVENT, ZMQ.SNDMORE);
			socket.send(HistoryProtocol.frame(sequence), ZMQ.SNDMORE);
			socket.send(HistoryProtocol.frame(number), ZMQ.SNDMORE);
			socket.send(topic, ZMQ.SNDMORE);
			socket.send(body, 0);
			return true;
		}
		catch (ZMQException ex) {
			// EHOSTUNREACH: the watcher disconnected.
			return false;
		}
	}

	private void reply(byte[] identity, String kind, @Nullable String text) {
		ZMQ.Socket socket = this.router;
		try {
			if (socket.send(identity, ZMQ.SNDMORE | ZMQ.DONTWAIT)) {
				socket.send(kind, (text != null) ? ZMQ.SNDMORE : 0);
				if (text != null) {
					socket.send(text, 0);
				}
			}
		}
		catch (ZMQException ex) {
			// gone: nothing to answer
		}
	}

	private int indexOf(byte[] identity) {
		for (int i = 0; i < this.followers.size(); i++) {
			if (Arrays.equals(this.followers.get(i).identity, identity)) {
				return i;
			}
		}
		return -1;
	}

	private void forget(int index) {
		this.followers.remove(index);
		this.followerCount = this.followers.size();
	}

	/**
	 * Closes the socket; the ring stays readable.
	 */
	public void close() {
		ZMQ.Socket socket = this.router;
		this.router = null;
		this.followers.clear();
		this.followerCount = 0;
		if (socket != null) {
			socket.close();
		}
	}

	/**
	 * Returns the endpoints bound, as the socket reports them; any thread.
	 * @return the endpoints, a {@code *} port resolved
	 */
	public List<String> boundEndpoints() {
		return List.copyOf(this.boundEndpoints);
	}

	/**
	 * Returns how many watchers are followed; any thread.
	 * @return the count
	 */
	public int followers() {
		return this.followerCount;
	}

	/**
	 * Returns how many events followers missed because their pipe was full; any thread.
	 * @return the count
	 */
	public long missed() {
		return this.missed.get();
	}

	/**
	 * Returns the ring.
	 * @return the ring, the publishing thread's own
	 */
	public HistoryRing ring() {
		return this.ring;
	}

	private static final class Follower {

		final byte[] identity;

		final byte[][] prefixes;

		long offered;

		long heardNanos = System.nanoTime();

		Follower(byte[] identity, byte[][] prefixes) {
			this.identity = identity;
			this.prefixes = prefixes;
		}

	}

}

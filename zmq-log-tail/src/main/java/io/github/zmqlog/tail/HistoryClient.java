package io.github.zmqlog.tail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import io.github.zmqlog.logback.history.HistoryProtocol;

/**
 * The watcher's side of the history protocol ({@link HistoryProtocol}): a DEALER that
 * asks a publisher's history endpoint for its last events, then receives the live ones
 * that follow over the same connection, and tells where events were missed.
 *
 * <p>
 * Not thread-safe: one thread creates, polls and closes it (it owns the socket).
 */
public final class HistoryClient implements AutoCloseable {

	private static final int POLL_MILLIS = 100;

	private final String endpoint;

	private final int count;

	private final long maxAgeMillis;

	private final List<String> prefixes;

	private final ZMQ.Socket socket;

	private long lastNumber;

	private long missed;

	private boolean live;

	private int rejoins;

	private @Nullable String error;

	private long nextPing;

	/**
	 * Creates a client and sends its request.
	 * @param context the context to create the socket in
	 * @param endpoint the history endpoint
	 * @param count how many past events to ask for (0 for none: live only)
	 * @param since the oldest age wanted, or {@code null} for any
	 * @param prefixes the topic prefixes; empty for every topic
	 * @param curve the CURVE client keys, or {@code null}
	 * @param rcvHwm how many events may wait in this client; beyond, the publisher drops
	 * and the numbers show it
	 */
	public HistoryClient(ZContext context, String endpoint, int count, @Nullable Duration since, List<String> prefixes,
			@Nullable CurveClientKeys curve, int rcvHwm) {
		this(context, endpoint, count, since, prefixes, curve, rcvHwm, SocketTuning.DEFAULTS);
	}

	/**
	 * Creates a client with reconnect, heartbeat and keep-alive options, and sends its
	 * request.
	 * @param context the context to create the socket in
	 * @param endpoint the history endpoint
	 * @param count how many past events to ask for (0 for none: live only)
	 * @param since the oldest age wanted, or {@code null} for any
	 * @param prefixes the topic prefixes; empty for every topic
	 * @param curve the CURVE client keys, or {@code null}
	 * @param rcvHwm how many events may wait in this client
	 * @param tuning the reconnect, heartbeat and keep-alive options
	 */
	public HistoryClient(ZContext context, String endpoint, int count, @Nullable Duration since, List<String> prefixes,
			@Nullable CurveClientKeys curve, int rcvHwm, SocketTuning tuning) {
		this.endpoint = endpoint;
		this.count = count;
		this.maxAgeMillis = (since != null) ? Math.max(1, since.toMillis()) : 0;
		this.prefixes = List.copyOf(prefixes);
		this.socket = context.createSocket(SocketType.DEALER);
		// JeroMQ 0.6.0 stalls about one new connection in twenty for 30 s without this.
		this.socket.setHandshakeIvl(1000);
		this.socket.setRcvHWM(rcvHwm);
		this.socket.setReceiveTimeOut(POLL_MILLIS);
		this.socket.setLinger(200);
		tuning.apply(this.socket);
		if (curve != null) {
			curve.apply(this.socket);
		}
		this.socket.connect(endpoint);
		request(this.count);
	}

	private void request(int wanted) {
		this.socket.sendMore(HistoryProtocol.VERSION);
		this.socket.sendMore(HistoryProtocol.GET);
		this.socket.sendMore(Long.toString(wanted));
		if (this.prefixes.isEmpty()) {
			this.socket.send(Long.toString(this.maxAgeMillis));
		}
		else {
			this.socket.sendMore(Long.toString(this.maxAgeMillis));
			for (int i = 0; i < this.prefixes.size(); i++) {
				byte[] prefix = this.prefixes.get(i).getBytes(StandardCharsets.UTF_8);
				this.socket.send(prefix, (i < this.prefixes.size() - 1) ? ZMQ.SNDMORE : 0);
			}
		}
		this.lastNumber = 0;
		this.live = false;
		this.nextPing = System.nanoTime() + HistoryProtocol.PING_INTERVAL_MILLIS * 1_000_000L;
	}

	/**
	 * Waits a tenth of a second at most for the next event or gap.
	 * @return what arrived, or {@code null}
	 */
	public @Nullable Received poll() {
		if (System.nanoTime() - this.nextPing >= 0) {
			this.socket.send(HistoryProtocol.VERSION, ZMQ.SNDMORE);
			this.socket.send(HistoryProtocol.PING, 0);
			this.nextPing = System.nanoTime() + HistoryProtocol.PING_INTERVAL_MILLIS * 1_000_000L;
		}
		List<byte[]> frames = receive();
		if (frames == null || this.error != null) {
			return null;
		}
		byte[] kind = frames.get(0);
		if (HistoryProtocol.is(kind, HistoryProtocol.EVENT) && frames.size() >= 5) {
			long sequence = HistoryProtocol.number(frames.get(1));
			long number = HistoryProtocol.number(frames.get(2));
			long gap = gap(number);
			return new Received(gap, sequence, frames.get(3), frames.get(4));
		}
		if (HistoryProtocol.is(kind, HistoryProtocol.LIVE) && frames.size() >= 3) {
			this.live = true;
			// Events offered during the replay that did not fit are missed too.
			long offered = HistoryProtocol.number(frames.get(2));
			long gap = Math.max(0, offered - this.lastNumber);
			this.lastNumber = Math.max(this.lastNumber, offered);
			this.missed += gap;
			return (gap > 0) ? new Received(gap, -1, null, null) : null;
		}
		if (HistoryProtocol.is(kind, HistoryProtocol.GONE)) {
			// The publisher restarted or forgot this watcher: follow again, live only.
			this.rejoins++;
			request(0);
			return null;
		}
		if (HistoryProtocol.is(kind, HistoryProtocol.ERROR)) {
			this.error = (frames.size() > 1) ? new String(frames.get(1), StandardCharsets.UTF_8) : "refused";
		}
		return null;
	}

	/**
	 * Counts the events missed before the one numbered {@code number}.
	 * @param number the event's number among those offered to this watcher
	 * @return how many were missed just before it
	 */
	private long gap(long number) {
		long gap = Math.max(0, number - this.lastNumber - 1);
		this.lastNumber = Math.max(this.lastNumber, number);
		this.missed += gap;
		return gap;
	}

	private @Nullable List<byte[]> receive() {
		byte[] first = this.socket.recv();
		if (first == null) {
			return null;
		}
		List<byte[]> frames = new ArrayList<>();
		frames.add(first);
		while (this.socket.hasReceiveMore()) {
			frames.add(this.socket.recv());
		}
		return frames;
	}

	/**
	 * Returns how many events were missed since the request.
	 * @return the count, from the publisher's numbering
	 */
	public long missed() {
		return this.missed;
	}

	/**
	 * Returns whether the history has been replayed and live events follow.
	 * @return whether live
	 */
	public boolean isLive() {
		return this.live;
	}

	/**
	 * Returns how often the publisher had forgotten this watcher, which then asked again:
	 * events between are not counted as missed.
	 * @return the count
	 */
	public int rejoins() {
		return this.rejoins;
	}

	/**
	 * Returns why the publisher refused the request.
	 * @return its reason, or {@code null}
	 */
	public @Nullable String error() {
		return this.error;
	}

	/**
	 * Returns the history endpoint.
	 * @return the endpoint
	 */
	public String endpoint() {
		return this.endpoint;
	}

	/**
	 * Tells the publisher to stop following, and closes the socket.
	 */
	@Override
	public void close() {
		try {
			this.socket.send(HistoryProtocol.VERSION, ZMQ.SNDMORE | ZMQ.DONTWAIT);
			this.socket.send(HistoryProtocol.BYE, ZMQ.DONTWAIT);
		}
		catch (RuntimeException ex) {
			// closing anyway
		}
		this.socket.close();
	}

	/**
	 * An event, or a gap alone.
	 *
	 * @param missedBefore how many events were missed just before this one
	 * @param sequence the event's number in the publisher, or -1 for a gap alone
	 * @param topic the topic frame, or {@code null} for a gap alone
	 * @param body the body frame, or {@code null} for a gap alone
	 */
	public record Received(long missedBefore, long sequence, byte @Nullable [] topic, byte @Nullable [] body) {

	}

}

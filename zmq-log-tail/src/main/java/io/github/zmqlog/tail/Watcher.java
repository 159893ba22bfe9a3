package io.github.zmqlog.tail;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A SUB socket that prints every message it receives, until {@code --count} messages,
 * {@code --seconds}, or {@link #stop(java.time.Duration)}. One thread runs {@link #run()}
 * and owns the socket; it polls with a short receive timeout so that a stop takes effect
 * within a tenth of a second (JeroMQ sockets must not be interrupted).
 */
public final class Watcher {

	private static final int POLL_MILLIS = 100;

	private final TailOptions options;

	private final PrintStream out;

	private final LineFormatter formatter;

	private final CountDownLatch ready = new CountDownLatch(1);

	private final CountDownLatch finished = new CountDownLatch(1);

	private volatile boolean running = true;

	private volatile @Nullable String endpoint;

	private volatile long received;

	private volatile long missed;

	/**
	 * Creates a watcher.
	 * @param options the options
	 * @param out where lines go
	 * @param color whether to colour lines
	 */
	public Watcher(TailOptions options, PrintStream out, boolean color) {
		this.options = options;
		this.out = out;
		this.formatter = new LineFormatter(options, color);
	}

	/**
	 * Receives and prints until a limit is reached or {@link #stop(java.time.Duration)}
	 * is called.
	 * @return how many messages were printed
	 */
	public long run() {
		JeroMqErrorHandler errors = new JeroMqErrorHandler(System.err);
		ZContext context = errors.newContext();
		try {
			if (this.options.history() != null) {
				follow(context);
				return this.received;
			}
			ZMQ.Socket socket = subscriber(context, this.options);
			if (this.options.bind()) {
				socket.bind(this.options.endpoint());
				this.endpoint = socket.getLastEndpoint();
			}
			else {
				socket.connect(this.options.endpoint());
				this.endpoint = this.options.endpoint();
			}
			this.ready.countDown();
			long deadline = (this.options.seconds() != null) ? System.nanoTime() + this.options.seconds().toNanos()
					: Long.MAX_VALUE;
			while (this.running && System.nanoTime() - deadline < 0
					&& (this.options.count() == 0 || this.received < this.options.count())) {
				List<byte[]> frames = receive(socket);
				if (frames != null) {
					this.out.println(this.formatter.format(frames, LocalDateTime.now()));
					this.out.flush();
					this.received++;
				}
			}
		}
		finally {
			errors.closing();
			context.close();
			this.ready.countDown();
			this.finished.countDown();
		}
		return this.received;
	}

	/**
	 * With {@code -n}: the history, then live events, from the publisher's history
	 * endpoint, each gap marked; the count of missed events goes to standard error at the
	 * end.
	 * @param context the context
	 */
	private void follow(ZContext context) {
		TailOptions o = this.options;
		try (HistoryClient client = new HistoryClient(context, o.historyEndpoint(), o.history(), o.since(),
				o.prefixes(), o.curve(), o.rcvHwm(), o.tuning())) {
			this.endpoint = o.historyEndpoint();
			this.ready.countDown();
			long deadline = (o.seconds() != null) ? System.nanoTime() + o.seconds().toNanos() : Long.MAX_VALUE;
			while (this.running && System.nanoTime() - deadline < 0 && (o.count() == 0 || this.received < o.count())
					&& client.error() == null) {
				HistoryClient.Received next = client.poll();
				if (next == null) {
					continue;
				}
				if (next.missedBefore() > 0) {
					this.out.println(missedLine(next.missedBefore(), o.json()));
				}
				if (next.topic() != null && next.body() != null) {
					this.out.println(this.formatter.format(List.of(next.topic(), next.body()), LocalDateTime.now()));
					this.received++;
				}
				this.out.flush();
			}
			if (client.error() != null) {
				System.err.println("zmq-log-tail: the publisher refused the history request: "
						+ ShownArgument.shown(String.valueOf(client.error()).replaceAll("\\p{Cntrl}", "?")));
			}
			this.missed = client.missed();
			if (client.missed() > 0) {
				System.err.println("zmq-log-tail: " + missedLine(client.missed(), false).replaceAll("[\\[\\]]", ""));
			}
		}
	}

	/**
	 * The line that marks a gap.
	 * @param missed how many events were missed
	 * @param json whether lines are JSON
	 * @return {@code [missed N events]}, or {@code {"missed":N}} in JSON
	 */
	static String missedLine(long missed, boolean json) {
		return json ? "{\"missed\":" + missed + "}" : "[missed " + missed + ((missed == 1) ? " event]" : " events]");
	}

	/**
	 * Returns how many events the publisher's numbering showed were missed, with
	 * {@code -n}.
	 * @return the count
	 */
	public long missed() {
		return this.missed;
	}

	/**
	 * A subscribed SUB socket, not yet bound or connected.
	 * @param context the context to create it in
	 * @param options the options
	 * @return the socket
	 */
	static ZMQ.Socket subscriber(ZContext context, TailOptions options) {
		ZMQ.Socket socket = unsubscribed(context, options);
		if (options.prefixes().isEmpty()) {
			socket.subscribe(new byte[0]);
		}
		for (String prefix : options.prefixes()) {
			socket.subscribe(prefix.getBytes(StandardCharsets.UTF_8));
		}
		return socket;
	}

	/**
	 * A SUB socket with the watcher's settings, subscribed to nothing yet, not yet bound
	 * or connected.
	 * @param context the context to create it in
	 * @param options the options (their prefixes are not applied)
	 * @return the socket
	 */
	static ZMQ.Socket unsubscribed(ZContext context, TailOptions options) {
		ZMQ.Socket socket = context.createSocket(SocketType.SUB);
		// JeroMQ 0.6.0 stalls about one new connection in twenty for 30 s without
		// this.
		socket.setHandshakeIvl(1000);
		// Bounded, so that a stalled stdout cannot grow memory without limit; beyond it
		// the publisher drops this subscriber's messages, which the SUB cannot see.
		socket.setRcvHWM(options.rcvHwm());
		socket.setReceiveTimeOut(POLL_MILLIS);
		options.tuning().apply(socket);
		if (options.curve() != null) {
			options.curve().apply(socket);
		}
		return socket;
	}

	static @Nullable List<byte[]> receive(ZMQ.Socket socket) {
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

	/**
	 * Waits until the socket is bound or connected and subscribed.
	 * @param timeout how long to wait
	 * @return the endpoint (with the port a {@code *} resolved to, when bound), or
	 * {@code null}
	 */
	public @Nullable String awaitReady(java.time.Duration timeout) throws InterruptedException {
		this.ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
		return this.endpoint;
	}

	/**
	 * Asks {@link #run()} to return, and waits for it.
	 * @param timeout how long to wait
	 * @return whether it returned in time
	 */
	public boolean stop(java.time.Duration timeout) throws InterruptedException {
		this.running = false;
		return this.finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Returns how many messages were printed so far.
	 * @return the count
	 */
	public long received() {
		return this.received;
	}

}

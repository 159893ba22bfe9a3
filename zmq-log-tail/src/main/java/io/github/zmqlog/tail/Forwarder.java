package io.github.zmqlog.tail;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * An XSUB/XPUB forwarder for fleets: every instance connects its appender to the
 * frontend, every watcher connects to the backend, and subscriptions flow upstream, so
 * instances send only what some watcher asked for. Each side may be a CURVE server with
 * an allowlist of its own ({@link ForwarderCurve}, answered by {@link ForwarderZap}). The
 * proxy loop runs on the thread that calls {@link #run()} and owns every socket: the two
 * sides, the ZAP handler, the history's capture socket and, with {@code --stats}, the
 * socket monitors; it counts what it forwards ({@link #stats()}). It stops through its
 * control socket, so no socket is touched from another thread. {@link #stop} sends on a
 * socket of its own, under a lock that {@code run()} also takes before it closes the
 * context, so that a stop never meets a context being closed, whatever the order: before
 * {@code run()}, during, after, or twice at once.
 */
public final class Forwarder {

	private static final AtomicInteger controls = new AtomicInteger();

	/** Messages moved per poll at most, so that subscriptions and ZAP are not starved. */
	private static final int BATCH = 1000;

	private final ProxyOptions options;

	private final int id = controls.incrementAndGet();

	private final String control = "inproc://zmq-log-tail-proxy-control-" + this.id;

	private final CountDownLatch ready = new CountDownLatch(1);

	private final CountDownLatch finished = new CountDownLatch(1);

	private final Object lock = new Object();

	/** The running proxy's context, open; guarded by {@link #lock}. */
	private @Nullable ZContext context;

	/** Whether {@link #stop} was called; guarded by {@link #lock}. */
	private boolean stopping;

	private volatile @Nullable String boundFrontend;

	private volatile @Nullable String boundBackend;

	private final int historySize;

	private volatile @Nullable String boundHistory;

	private volatile ForwarderStats stats = new ForwarderStats(0, 0, 0, 0, 0, 0, 0, 0);

	/**
	 * Creates a forwarder.
	 * @param frontend the endpoint publishers connect to, e.g. {@code tcp://*:5559}
	 * @param backend the endpoint watchers connect to, e.g. {@code tcp://*:5560}
	 */
	public Forwarder(String frontend, String backend) {
		this(frontend, backend, null, 0);
	}

	/**
	 * Creates a forwarder that also keeps the last events it forwarded and serves them to
	 * watchers that ask ({@code zmq-log-tail -n}); it then subscribes to everything
	 * upstream, so that it sees every event.
	 * @param frontend the endpoint publishers connect to
	 * @param backend the endpoint watchers connect to
	 * @param historyEndpoint where to serve the history, or {@code null} for none
	 * @param historySize how many events to keep
	 */
	public Forwarder(String frontend, String backend, @Nullable String historyEndpoint, int historySize) {
		this(new ProxyOptions(frontend, backend, historyEndpoint, null, null, null, false, SocketTuning.DEFAULTS),
				historySize);
	}

	/**
	 * Creates a forwarder from its command line's options.
	 * @param options the options
	 * @param historySize how many events to keep with a history endpoint
	 */
	public Forwarder(ProxyOptions options, int historySize) {
		this.options = options;
		this.historySize = historySize;
	}

	/**
	 * Binds both endpoints and forwards until {@link #stop} is called.
	 */
	public void run() {
		JeroMqErrorHandler errors = new JeroMqErrorHandler(System.err);
		ZContext zmq = errors.newContext();
		try {
			ZMQ.Socket front = zmq.createSocket(SocketType.XSUB);
			ZMQ.Socket back = zmq.createSocket(SocketType.XPUB);
			ZMQ.Socket controlSocket = zmq.createSocket(SocketType.PAIR);
			for (ZMQ.Socket socket : new ZMQ.Socket[] { front, back }) {
				socket.setHandshakeIvl(2000);
				socket.setRcvHWM(100_000);
				socket.setSndHWM(100_000);
				this.options.tuning().apply(socket);
			}
			controlSocket.bind(this.control);
			synchronized (this.lock) {
				if (this.stopping) {
					return;
				}
				// From now on stop() can tell the proxy, whose control socket is bound.
				this.context = zmq;
			}
			ForwarderCurve frontCurve = this.options.frontendCurve();
			ForwarderCurve backCurve = this.options.backendCurve();
			// Bound before either CURVE side, or ZeroMQ lets every handshake in.
			ForwarderZap zap = (frontCurve != null || backCurve != null) ? new ForwarderZap(zmq, frontCurve, backCurve)
					: null;
			if (frontCurve != null) {
				frontCurve.apply(front);
				front.setZapDomain(ForwarderZap.FRONTEND);
			}
			if (backCurve != null) {
				backCurve.apply(back);
				back.setZapDomain(ForwarderZap.BACKEND);
			}
			// Monitors for --stats, and on CURVE sides for the handshakes that fail
			// before ZAP.
			ZMQ.Socket frontMonitor = (this.options.stats() != null || frontCurve != null)
					? monitor(zmq, front, "front") : null;
			ZMQ.Socket backMonitor = (this.options.stats() != null || backCurve != null) ? monitor(zmq, back, "back")
					: null;
			front.bind(this.options.frontend());
			this.boundFrontend = front.getLastEndpoint();
			back.bind(this.options.backend());
			this.boundBackend = back.getLastEndpoint();
			ForwarderHistory history = null;
			ZMQ.Socket capture = null;
			if (this.options.history() != null) {
				capture = zmq.createSocket(SocketType.PAIR);
				history = new ForwarderHistory(zmq, capture, this.options.history(), this.historySize);
				this.boundHistory = history.start();
				// Everything upstream, so that the ring holds every instance's events.
				front.send(new byte[] { 1 });
			}
			this.ready.countDown();
			try {
				proxy(zmq, front, back, capture, controlSocket, zap, frontMonitor, backMonitor);
			}
			finally {
				if (history != null) {
					history.stop();
				}
			}
		}
		finally {
			synchronized (this.lock) {
				this.context = null;
			}
			errors.closing();
			zmq.close();
			this.ready.countDown();
			this.finished.countDown();
		}
	}

	private ZMQ.Socket monitor(ZContext zmq, ZMQ.Socket socket, String side) {
		String address = "inproc://zmq-log-tail-monitor-" + side + "-" + this.id;
		socket.monitor(address, ZMQ.EVENT_ACCEPTED | ZMQ.EVENT_DISCONNECTED | ZMQ.EVENT_HANDSHAKE_PROTOCOL);
		ZMQ.Socket events = zmq.createSocket(SocketType.PAIR);
		events.connect(address);
		return events;
	}

	// The loop ZMQ.proxy runs, counting: messages from the frontend go to the backend
	// (and a copy to the history's capture socket), subscriptions from the backend go
	// upstream, ZAP requests are answered, monitor events counted, until the control
	// socket says TERMINATE.
	private void proxy(ZContext zmq, ZMQ.Socket front, ZMQ.Socket back, ZMQ.@Nullable Socket capture,
			ZMQ.Socket controlSocket, @Nullable ForwarderZap zap, ZMQ.@Nullable Socket frontMonitor,
			ZMQ.@Nullable Socket backMonitor) {
		ZMQ.Poller poller = zmq.createPoller(6);
		int controlIndex = poller.register(controlSocket, ZMQ.Poller.POLLIN);
		int frontIndex = poller.register(front, ZMQ.Poller.POLLIN);
		int backIndex = poller.register(back, ZMQ.Poller.POLLIN);
		int zapIndex = (zap != null) ? poller.register(zap.socket(), ZMQ.Poller.POLLIN) : -1;
		int frontMonitorIndex = (frontMonitor != null) ? poller.register(frontMonitor, ZMQ.Poller.POLLIN) : -1;
		int backMonitorIndex = (backMonitor != null) ? poller.register(backMonitor, ZMQ.Poller.POLLIN) : -1;
		Connections instances = new Connections(this.options.frontendCurve() != null);
		Connections watchers = new Connections(this.options.backendCurve() != null);
		long forwarded = 0;
		long subscriptions = 0;
		try {
			while (poller.poll(-1) >= 0) {
				if (poller.pollin(controlIndex)) {
					byte[] command = controlSocket.recv(ZMQ.DONTWAIT);
					if (command != null && java.util.Arrays.equals(command, ZMQ.PROXY_TERMINATE)) {
						return;
					}
				}
				if (zapIndex >= 0 && poller.pollin(zapIndex)) {
					zap.answer();
				}
				if (poller.pollin(frontIndex)) {
					forwarded += move(front, back, capture);
				}
				if (poller.pollin(backIndex)) {
					subscriptions += subscriptions(back, front);
				}
				if (frontMonitorIndex >= 0 && poller.pollin(frontMonitorIndex)) {
					instances.read(frontMonitor);
				}
				if (backMonitorIndex >= 0 && poller.pollin(backMonitorIndex)) {
					watchers.read(backMonitor);
				}
				this.stats = new ForwarderStats(instances.open(), watchers.open(), forwarded, subscriptions,
						(zap != null) ? zap.refusedFrontend() : 0, (zap != null) ? zap.refusedBackend() : 0,
						instances.failedHandshakes(), watchers.failedHandshakes());
			}
		}
		finally {
			poller.close();
		}
	}

	// Moves up to BATCH messages, every frame of each; returns how many.
	private static int move(ZMQ.Socket from, ZMQ.Socket to, ZMQ.@Nullable Socket capture) {
		int moved = 0;
		while (moved < BATCH) {
			byte[] frame = from.recv(ZMQ.DONTWAIT);
			if (frame == null) {
				break;
			}
			while (true) {
				boolean more = from.hasReceiveMore();
				to.send(frame, more ? ZMQ.SNDMORE : 0);
				if (capture != null) {
					capture.send(frame, more ? ZMQ.SNDMORE : 0);
				}
				if (!more) {
					break;
				}
				frame = from.recv();
			}
			moved++;
		}
		return moved;
	}

	// Sends the watchers' subscriptions upstream; returns how the count of distinct
	// prefixes changed (XPUB passes a prefix's first subscription and its last
	// unsubscription only).
	private static int subscriptions(ZMQ.Socket back, ZMQ.Socket front) {
		int change = 0;
		byte[] frame;
		while ((frame = back.recv(ZMQ.DONTWAIT)) != null) {
			if (!back.hasReceiveMore() && frame.length > 0) {
				change += (frame[0] == 1) ? 1 : (frame[0] == 0) ? -1 : 0;
			}
			front.send(frame, back.hasReceiveMore() ? ZMQ.SNDMORE : 0);
		}
		return change;
	}

	/**
	 * Returns what the forwarder has done so far.
	 * @return the counts; connections are counted only with {@code --stats}
	 */
	public ForwarderStats stats() {
		return this.stats;
	}

	/**
	 * Waits until both endpoints are bound.
	 * @param timeout how long to wait
	 * @return the frontend and backend endpoints, ports resolved, or {@code null} when
	 * binding failed
	 */
	public String @Nullable [] awaitReady(java.time.Duration timeout) throws InterruptedException {
		this.ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
		return (this.boundBackend != null) ? new String[] { this.boundFrontend, this.boundBackend } : null;
	}

	/**
	 * Waits until {@link #run()} has returned.
	 * @param timeout how long to wait
	 * @return whether it returned
	 */
	public boolean awaitFinished(java.time.Duration timeout) throws InterruptedException {
		return this.finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Returns where the history is served, once ready.
	 * @return the endpoint, a {@code *} port resolved, or {@code null} without history
	 */
	public @Nullable String historyEndpoint() {
		return this.boundHistory;
	}

	/**
	 * Tells the proxy to terminate, and waits for it.
	 * @param timeout how long to wait
	 * @return whether it stopped in time
	 */
	public boolean stop(java.time.Duration timeout) throws InterruptedException {
		synchronized (this.lock) {
			// Once set, a run() that has not begun returns at once; a running one is
			// told below, and only one stop() tells it.
			boolean first = !this.stopping;
			this.stopping = true;
			ZContext zmq = this.context;
			if (first && zmq != null) {
				ZMQ.Socket command = zmq.createSocket(SocketType.PAIR);
				command.connect(this.control);
				command.send(ZMQ.PROXY_TERMINATE);
				command.close();
			}
		}
		return this.finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * One side's connections, from its socket monitor. On a CURVE side, a client without
	 * CURVE (or with another server key) fails the handshake before ZAP is asked, and
	 * JeroMQ 0.6.0 reports no event for that; such a connection is accepted and closed
	 * without the handshake event, which is how it is counted, together with handshakes
	 * that time out (JeroMQ 0.6.0 stalls a few in a hundred).
	 */
	private static final class Connections {

		private final boolean curve;

		private long accepted;

		private long handshaken;

		private long disconnected;

		Connections(boolean curve) {
			this.curve = curve;
		}

		void read(ZMQ.Socket monitor) {
			ZMQ.Event event;
			while ((event = ZMQ.Event.recv(monitor, ZMQ.DONTWAIT)) != null) {
				switch (event.getEvent()) {
					case ZMQ.EVENT_ACCEPTED -> this.accepted++;
					case ZMQ.EVENT_HANDSHAKE_PROTOCOL -> this.handshaken++;
					case ZMQ.EVENT_DISCONNECTED -> this.disconnected++;
					default -> {
					}
				}
			}
		}

		long open() {
			return this.accepted - this.disconnected;
		}

		long failedHandshakes() {
			return this.curve ? Math.max(0, Math.min(this.accepted - this.handshaken, this.disconnected)) : 0;
		}

	}

}

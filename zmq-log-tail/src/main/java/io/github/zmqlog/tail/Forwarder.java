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
 * instances send only what some watcher asked for. Runs JeroMQ's {@code ZMQ.proxy} on the
 * thread that calls {@link #run()}, and stops through its control socket, so no socket is
 * touched from another thread. {@link #stop} sends on a socket of its own, under a lock
 * that {@code run()} also takes before it closes the context, so that a stop never meets
 * a context being closed, whatever the order: before {@code run()}, during, after, or
 * twice at once.
 */
public final class Forwarder {

	private static final AtomicInteger controls = new AtomicInteger();

	private final String frontend;

	private final String backend;

	private final String control = "inproc://zmq-log-tail-proxy-control-" + controls.incrementAndGet();

	private final CountDownLatch ready = new CountDownLatch(1);

	private final CountDownLatch finished = new CountDownLatch(1);

	private final Object lock = new Object();

	/** The running proxy's context, open; guarded by {@link #lock}. */
	private @Nullable ZContext context;

	/** Whether {@link #stop} was called; guarded by {@link #lock}. */
	private boolean stopping;

	private volatile @Nullable String boundFrontend;

	private volatile @Nullable String boundBackend;

	private final @Nullable String historyEndpoint;

	private final int historySize;

	private volatile @Nullable String boundHistory;

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
		this.frontend = frontend;
		this.backend = backend;
		this.historyEndpoint = historyEndpoint;
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
			}
			controlSocket.bind(this.control);
			synchronized (this.lock) {
				if (this.stopping) {
					return;
				}
				// From now on stop() can tell the proxy, whose control socket is bound.
				this.context = zmq;
			}
			front.bind(this.frontend);
			this.boundFrontend = front.getLastEndpoint();
			back.bind(this.backend);
			this.boundBackend = back.getLastEndpoint();
			ForwarderHistory history = null;
			ZMQ.Socket capture = null;
			if (this.historyEndpoint != null) {
				capture = zmq.createSocket(SocketType.PAIR);
				history = new ForwarderHistory(zmq, capture, this.historyEndpoint, this.historySize);
				this.boundHistory = history.start();
				// Everything upstream, so that the ring holds every instance's events.
				front.send(new byte[] { 1 });
			}
			this.ready.countDown();
			try {
				ZMQ.proxy(front, back, capture, controlSocket);
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

}

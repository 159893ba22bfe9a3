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
 * touched from another thread.
 */
public final class Forwarder {

	private static final AtomicInteger controls = new AtomicInteger();

	private final String frontend;

	private final String backend;

	private final String control = "inproc://zmq-log-tail-proxy-control-" + controls.incrementAndGet();

	private final CountDownLatch ready = new CountDownLatch(1);

	private final CountDownLatch finished = new CountDownLatch(1);

	private volatile @Nullable ZContext context;

	private volatile @Nullable String boundFrontend;

	private volatile @Nullable String boundBackend;

	/**
	 * Creates a forwarder.
	 * @param frontend the endpoint publishers connect to, e.g. {@code tcp://*:5559}
	 * @param backend the endpoint watchers connect to, e.g. {@code tcp://*:5560}
	 */
	public Forwarder(String frontend, String backend) {
		this.frontend = frontend;
		this.backend = backend;
	}

	/**
	 * Binds both endpoints and forwards until {@link #stop} is called.
	 */
	public void run() {
		JeroMqErrorHandler errors = new JeroMqErrorHandler(System.err);
		ZContext zmq = errors.newContext();
		try {
			this.context = zmq;
			ZMQ.Socket front = zmq.createSocket(SocketType.XSUB);
			ZMQ.Socket back = zmq.createSocket(SocketType.XPUB);
			ZMQ.Socket controlSocket = zmq.createSocket(SocketType.PAIR);
			for (ZMQ.Socket socket : new ZMQ.Socket[] { front, back }) {
				socket.setHandshakeIvl(2000);
				socket.setRcvHWM(100_000);
				socket.setSndHWM(100_000);
			}
			controlSocket.bind(this.control);
			front.bind(this.frontend);
			this.boundFrontend = front.getLastEndpoint();
			back.bind(this.backend);
			this.boundBackend = back.getLastEndpoint();
			this.ready.countDown();
			ZMQ.proxy(front, back, null, controlSocket);
		}
		finally {
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
	 * Tells the proxy to terminate, and waits for it.
	 * @param timeout how long to wait
	 * @return whether it stopped in time
	 */
	public boolean stop(java.time.Duration timeout) throws InterruptedException {
		ZContext zmq = this.context;
		if (zmq != null && this.finished.getCount() > 0) {
			ZMQ.Socket command = zmq.createSocket(SocketType.PAIR);
			command.connect(this.control);
			command.send(ZMQ.PROXY_TERMINATE);
			command.close();
		}
		return this.finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

}

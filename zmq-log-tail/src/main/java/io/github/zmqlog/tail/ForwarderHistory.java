package io.github.zmqlog.tail;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import io.github.zmqlog.logback.history.HistoryRing;
import io.github.zmqlog.logback.history.HistoryServer;

/**
 * The forwarder's history: {@code ZMQ.proxy} copies every message it forwards to a
 * capture socket; a thread of its own reads the copies, keeps the events in a
 * {@link HistoryServer}'s ring and serves it, so that replay and live events leave that
 * one thread in order. The thread owns its two sockets; the capture socket stays the
 * proxy's.
 */
final class ForwarderHistory {

	private static final AtomicInteger captures = new AtomicInteger();

	private final ZContext context;

	private final String address = "inproc://zmq-log-tail-capture-" + captures.incrementAndGet();

	private final String endpoint;

	private final HistoryServer server;

	private final CountDownLatch bound = new CountDownLatch(1);

	private final Thread thread;

	private volatile boolean running = true;

	private volatile @Nullable String boundEndpoint;

	/**
	 * Creates the history and binds the capture socket the proxy writes to.
	 * @param context the forwarder's context
	 * @param capture the proxy's capture socket, not bound yet
	 * @param endpoint where to serve the history
	 * @param size how many events to keep
	 */
	ForwarderHistory(ZContext context, ZMQ.Socket capture, String endpoint, int size) {
		this.context = context;
		this.endpoint = endpoint;
		this.server = new HistoryServer(new HistoryRing(Math.max(1, size), 16L * 1024 * 1024), size + 1000);
		capture.setSndHWM(100_000);
		capture.bind(this.address);
		this.thread = new Thread(this::run, "zmq-log-tail-history");
		this.thread.setDaemon(true);
	}

	/**
	 * Starts the thread and waits until it serves.
	 * @return the endpoint bound, or {@code null} when it could not be bound
	 */
	@Nullable String start() {
		this.thread.start();
		try {
			this.bound.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return this.boundEndpoint;
	}

	private void run() {
		ZMQ.Socket copies = this.context.createSocket(SocketType.PAIR);
		try {
			copies.setRcvHWM(100_000);
			copies.connect(this.address);
			this.server.open(this.context, List.of(this.endpoint), (socket) -> {
			}, (where, ex) -> System.err.println("zmq-log-tail: no history on " + where + ": " + ex.getMessage()));
			List<String> endpoints = this.server.boundEndpoints();
			this.boundEndpoint = endpoints.isEmpty() ? null : endpoints.get(0);
			this.bound.countDown();
			copies.setReceiveTimeOut(20);
			while (this.running) {
				byte[] first = copies.recv();
				if (first != null) {
					byte[] second = copies.hasReceiveMore() ? copies.recv() : null;
					while (copies.hasReceiveMore()) {
						copies.recv();
					}
					// One frame: a subscription going upstream, not an event.
					if (second != null) {
						this.server.published(first, second);
					}
				}
				this.server.serve();
			}
		}
		finally {
			this.bound.countDown();
			this.server.close();
			copies.close();
		}
	}

	/**
	 * Stops the thread, which closes its sockets, before the proxy's context closes.
	 */
	void stop() {
		this.running = false;
		try {
			this.thread.join(5000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

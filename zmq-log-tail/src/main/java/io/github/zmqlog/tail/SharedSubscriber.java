package io.github.zmqlog.tail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

import io.github.zmqlog.logback.history.HistoryProtocol;

/**
 * One SUB socket, with the watcher's options, shared by every page: it is subscribed to
 * the union of the pages' prefixes, so the publisher filters for them, and each message
 * goes to the pages whose prefixes it matches. A page that changes its filter changes the
 * socket's subscriptions; with no page open the socket is subscribed to nothing.
 * <p>
 * One thread owns the socket from bind or connect to close. Pages open and close feeds
 * from other threads through a command queue that thread runs between receives (every
 * {@value #POLL_MILLIS} ms at the latest); the feed list is copy-on-write so the thread
 * reads it without a lock. Delivery never blocks: each page's sink is a
 * {@link PageQueue}.
 */
final class SharedSubscriber implements WebEventSource {

	private static final int POLL_MILLIS = 50;

	private final TailOptions options;

	private final Queue<Consumer<ZMQ.Socket>> commands = new ConcurrentLinkedQueue<>();

	private final List<PageFeed> feeds = new CopyOnWriteArrayList<>();

	/** Pages per subscribed prefix; the socket thread's alone. */
	private final Map<String, Integer> subscribed = new HashMap<>();

	private final CountDownLatch ready = new CountDownLatch(1);

	private final CountDownLatch finished = new CountDownLatch(1);

	private final Thread thread;

	private volatile boolean running = true;

	private volatile @Nullable String endpoint;

	private volatile @Nullable ZMQException failure;

	private volatile long received;

	SharedSubscriber(TailOptions options) {
		this.options = options;
		this.thread = new Thread(this::run, "zmq-log-tail-web-sub");
		this.thread.setDaemon(true);
	}

	/**
	 * Starts the socket's thread and waits until it is bound or connected.
	 * @param timeout how long to wait
	 * @return the endpoint (with the port a {@code *} resolved to, when bound)
	 * @throws ZMQException when the socket could not bind or connect
	 */
	String start(Duration timeout) throws InterruptedException {
		this.thread.start();
		this.ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
		ZMQException ex = this.failure;
		if (ex != null) {
			throw ex;
		}
		String where = this.endpoint;
		if (where == null) {
			throw new IllegalStateException("the SUB socket did not start within " + timeout);
		}
		return where;
	}

	private void run() {
		JeroMqErrorHandler errors = new JeroMqErrorHandler(System.err);
		ZContext context = errors.newContext();
		try {
			ZMQ.Socket socket = Watcher.unsubscribed(context, this.options);
			socket.setReceiveTimeOut(POLL_MILLIS);
			if (this.options.bind()) {
				socket.bind(this.options.endpoint());
				this.endpoint = socket.getLastEndpoint();
			}
			else {
				socket.connect(this.options.endpoint());
				this.endpoint = this.options.endpoint();
			}
			this.ready.countDown();
			while (this.running) {
				for (Consumer<ZMQ.Socket> command = this.commands.poll(); command != null; command = this.commands
					.poll()) {
					command.accept(socket);
				}
				List<byte[]> frames = Watcher.receive(socket);
				if (frames != null) {
					this.received++;
					deliver(frames);
				}
			}
		}
		catch (ZMQException ex) {
			this.failure = ex;
		}
		finally {
			errors.closing();
			context.close();
			this.ready.countDown();
			this.finished.countDown();
		}
	}

	private void deliver(List<byte[]> frames) {
		byte[] topic = frames.get(0);
		WebEvent.Line line = null;
		for (PageFeed feed : this.feeds) {
			if (feed.matches(topic)) {
				if (line == null) {
					line = WebEvent.Line.of(frames);
				}
				feed.sink.test(line);
			}
		}
	}

	@Override
	public Feed open(List<String> prefixes, Predicate<WebEvent> sink) {
		PageFeed feed = new PageFeed(prefixes, sink);
		this.commands.add((socket) -> {
			for (String prefix : feed.subscriptions()) {
				if (this.subscribed.merge(prefix, 1, Integer::sum) == 1) {
					socket.subscribe(prefix.getBytes(StandardCharsets.UTF_8));
				}
			}
			this.feeds.add(feed);
		});
		return () -> this.commands.add((socket) -> {
			if (this.feeds.remove(feed)) {
				for (String prefix : feed.subscriptions()) {
					if (this.subscribed.merge(prefix, -1, Integer::sum) == 0) {
						this.subscribed.remove(prefix);
						socket.unsubscribe(prefix.getBytes(StandardCharsets.UTF_8));
					}
				}
			}
		});
	}

	@Override
	public void close() {
		this.running = false;
		try {
			this.finished.await(2, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Returns how many messages the socket received.
	 * @return the count
	 */
	long received() {
		return this.received;
	}

	/** A page's prefixes and sink. */
	private static final class PageFeed {

		private final List<String> prefixes;

		private final byte[][] prefixBytes;

		private final Predicate<WebEvent> sink;

		PageFeed(List<String> prefixes, Predicate<WebEvent> sink) {
			this.prefixes = prefixes.stream().distinct().toList();
			this.prefixBytes = new byte[this.prefixes.size()][];
			for (int i = 0; i < this.prefixes.size(); i++) {
				this.prefixBytes[i] = this.prefixes.get(i).getBytes(StandardCharsets.UTF_8);
			}
			this.sink = sink;
		}

		List<String> subscriptions() {
			return this.prefixes.isEmpty() ? List.of("") : this.prefixes;
		}

		boolean matches(byte[] topic) {
			return HistoryProtocol.matches(topic, this.prefixBytes);
		}

	}

}

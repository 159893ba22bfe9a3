package io.github.zmqlog.logback.transport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import ch.qos.logback.core.spi.ContextAware;
import io.github.zmqlog.logback.ConfigurationProblem;
import io.github.zmqlog.logback.ConfigurationProblem.Kind;
import io.github.zmqlog.logback.DropReason;
import io.github.zmqlog.logback.OverflowPolicy;
import io.github.zmqlog.logback.curve.CurveSecurity;
import io.github.zmqlog.logback.curve.ZapHandler;
import io.github.zmqlog.logback.format.BodyBuffer;
import io.github.zmqlog.logback.format.LevelLayouts;
import io.github.zmqlog.logback.format.PublishableEvent;
import io.github.zmqlog.logback.format.TopicCache;
import io.github.zmqlog.logback.format.TopicRule;
import io.github.zmqlog.logback.status.JeroMqErrorStatus;
import io.github.zmqlog.logback.status.StatusThrottle;
import org.jspecify.annotations.Nullable;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;
import zmq.ZError;

/**
 * The queue and the one thread that owns the PUB socket from open to close.
 *
 * <p>
 * Logging threads call {@link #submit}, which claims a slot of a lock-free {@link EventQueue} and
 * returns; the publisher thread drains the queue in batches, builds topic and body (the body written
 * straight from the layout's converters into a reused buffer, topic frames cached), and sends topic
 * with {@code SNDMORE} and body with {@code DONTWAIT}. The socket is an XPUB, which sends as a PUB
 * does and also hands the thread the prefixes subscribers ask for; a socket monitor counts
 * connected peers. While events flow and the queue runs empty it pauses for half a millisecond, so
 * that the next ones go out together; after two milliseconds without events it parks, waking four
 * times a second to read subscriptions and peers, and a logging thread that queues an event while
 * it is parked unparks it. The thread is never interrupted (JeroMQ is not interrupt-safe):
 * {@link #stop} raises a flag and waits a bounded time. Events queued after the thread has finished
 * its last drain are taken back and counted by whoever sees the {@code closed} flag, so none is
 * left uncounted.
 */
public final class ZmqLogPublisher {

	private static final int BATCH = 256;

	private static final long MIN_BLOCK_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(20);

	private static final long MAX_BLOCK_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

	/** How long after its last send the thread counts as busy, and pauses rather than sleeps. */
	private static final long BURST_WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

	/** How long a busy thread that has sent everything pauses to let the next events gather. */
	private static final long BURST_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(500);

	/** How long an idle publisher parks before it reads subscriptions and connection events again. */
	private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

	private static final AtomicInteger monitors = new AtomicInteger();

	private static final int HANDSHAKE_INTERVAL_MILLIS = 2000;

	private static final int HEARTBEAT_INTERVAL_MILLIS = 1000;

	private static final int HEARTBEAT_TIMEOUT_MILLIS = 3000;

	private static final String TRUNCATION_MARKER = "...[truncated from %d bytes]\n";

	private final ContextAware status;

	private final List<String> bind;

	private final List<String> connect;

	private final int sendHwm;

	private final boolean noDrop;

	private final int sendTimeoutMillis;

	private final int lingerMillis;

	private final int maxMessageBytes;

	private final OverflowPolicy overflowPolicy;

	private final long maxBlockNanos;

	private volatile TopicRule topicRule;

	private final LevelLayouts layouts;

	private final DeliveryCounters counters;

	private final @Nullable ZContext sharedContext;

	private final @Nullable CurveSecurity curve;

	private ZapHandler.@Nullable Registration zap;

	private final EventQueue<PublishableEvent> queue;

	private final int queueCapacity;

	private final Thread thread;

	private final CountDownLatch opened = new CountDownLatch(1);

	private final CountDownLatch finished = new CountDownLatch(1);

	private final List<String> boundEndpoints = new CopyOnWriteArrayList<>();

	private final List<String> connectedEndpoints = new CopyOnWriteArrayList<>();

	private final Map<String, Integer> subscriptions = new ConcurrentHashMap<>();

	private final AtomicInteger subscribers = new AtomicInteger();

	private final StatusThrottle queueFullStatus = new StatusThrottle();

	/** The publisher thread's own: reused for every body. */
	private final BodyBuffer body = new BodyBuffer();

	/** The publisher thread's own: topic frames of recent subtopics. */
	private final TopicCache topics = new TopicCache();

	/** The publisher thread's own: the topic and body frames of a batch, formatted before sending. */
	private final byte[][] frames = new byte[BATCH * 2][];

	private final StatusThrottle sendFailedStatus = new StatusThrottle();

	private final StatusThrottle subscriberFullStatus = new StatusThrottle();

	/** With noDrop: a wait for a slow subscriber expired and no message has gone through since. */
	private boolean subscriberFull;

	private volatile boolean stopRequested;

	private volatile boolean abort;

	private volatile boolean closed;

	private volatile boolean sleeping;

	private volatile @Nullable ConfigurationProblem failure;

	public ZmqLogPublisher(PublisherSettings settings, ContextAware status, TopicRule topicRule, LevelLayouts layouts,
			DeliveryCounters counters) {
		this.status = status;
		this.bind = settings.bind();
		this.connect = settings.connect();
		this.sendHwm = settings.sendHwm();
		this.noDrop = settings.noDrop();
		this.sendTimeoutMillis = settings.sendTimeoutMillis();
		this.lingerMillis = settings.lingerMillis();
		this.maxMessageBytes = settings.maxMessageBytes();
		this.overflowPolicy = settings.overflowPolicy();
		this.maxBlockNanos = settings.maxBlockNanos();
		this.topicRule = topicRule;
		this.layouts = layouts;
		this.counters = counters;
		this.sharedContext = settings.zContext();
		this.curve = settings.curve();
		this.queueCapacity = settings.queueSize();
		this.queue = new EventQueue<>(this.queueCapacity);
		this.thread = new Thread(this::run, "zmqlog-publisher-" + settings.name());
		this.thread.setDaemon(true);
	}

	/**
	 * Starts the thread and waits until it has bound and connected every endpoint, or failed to.
	 * @param timeoutMillis how long to wait
	 * @return whether the socket is open; otherwise {@link #failure()} says why
	 */
	public boolean open(long timeoutMillis) {
		this.thread.start();
		try {
			if (!this.opened.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
				this.failure = new ConfigurationProblem(Kind.OPEN_TIMEOUT, endpointOption(), null,
						"the socket did not open within " + timeoutMillis + " ms");
				this.abort = true;
				this.stopRequested = true;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.failure = new ConfigurationProblem(Kind.OPEN_TIMEOUT, endpointOption(), null,
					"interrupted while opening the socket");
			this.abort = true;
			this.stopRequested = true;
		}
		return this.failure == null;
	}

	/**
	 * Queues an event, on the logging thread, applying the overflow policy.
	 * @param event the frozen event
	 */
	public void submit(PublishableEvent event) {
		boolean queued = this.queue.offer(event);
		if (!queued && this.overflowPolicy == OverflowPolicy.BLOCK) {
			queued = offerWaiting(event);
		}
		if (!queued) {
			dropQueueFull();
			return;
		}
		this.counters.enqueued.increment();
		if (this.closed) {
			// The publisher may have made its last drain before this event arrived.
			this.counters.drop(DropReason.NOT_STARTED, drain().size());
		}
		else if (this.sleeping) {
			LockSupport.unpark(this.thread);
		}
	}

	/**
	 * Drops an event before it is frozen when the queue is full and the policy is to drop, so that
	 * an overrun caller pays for counting it only.
	 * @return whether the event was dropped and counted
	 */
	public boolean dropIfFull() {
		if (this.overflowPolicy == OverflowPolicy.DROP && this.queue.isFull()) {
			dropQueueFull();
			return true;
		}
		return false;
	}

	private void dropQueueFull() {
		this.counters.drop(DropReason.QUEUE_FULL);
		if (this.queueFullStatus.allow()) {
			this.status.addWarn("Queue of " + this.queueCapacity
					+ " events is full: dropping events (each drop is counted in the stats)");
		}
	}

	/**
	 * Waits up to the maximum block time for room in the queue, waking the publisher so that it
	 * makes some. Without a lock to wait on, the caller parks in short, growing steps.
	 */
	private boolean offerWaiting(PublishableEvent event) {
		long deadline = System.nanoTime() + this.maxBlockNanos;
		long pause = MIN_BLOCK_PAUSE_NANOS;
		while (!this.closed) {
			LockSupport.unpark(this.thread);
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return false;
			}
			LockSupport.parkNanos(this, Math.min(pause, left));
			if (Thread.interrupted()) {
				Thread.currentThread().interrupt();
				return false;
			}
			if (this.queue.offer(event)) {
				return true;
			}
			pause = Math.min(pause * 2, MAX_BLOCK_PAUSE_NANOS);
		}
		return false;
	}

	/**
	 * Asks the thread to send what is queued and close, and waits for it.
	 * @param timeoutMillis how long to wait
	 * @return whether the thread finished in time (otherwise it drops what is left and finishes on
	 * its own, as a daemon)
	 */
	public boolean stop(long timeoutMillis) {
		this.stopRequested = true;
		LockSupport.unpark(this.thread);
		boolean done = false;
		try {
			done = this.finished.await(timeoutMillis, TimeUnit.MILLISECONDS);
			if (done) {
				// Its last statement has run: wait for it to end, so stats never show it alive.
				this.thread.join();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (!done) {
			this.abort = true;
			LockSupport.unpark(this.thread);
		}
		return done;
	}

	private void run() {
		ZContext context = null;
		ZMQ.Socket socket = null;
		ZMQ.Socket monitor = null;
		try {
			context = (this.sharedContext != null) ? this.sharedContext
					: JeroMqErrorStatus.newZContext(this.status.getContext());
			// XPUB sends exactly as PUB does, and tells which prefixes subscribers asked for.
			socket = context.createSocket(SocketType.XPUB);
			// Every subscription and unsubscription of every peer, so counting is exact in any order.
			socket.setXpubVerboser(true);
			monitor = monitor(context, socket);
			bindAndConnect(context, socket);
		}
		catch (RuntimeException ex) {
			this.failure = describe(ex);
		}
		finally {
			this.opened.countDown();
		}
		try {
			if (this.failure == null) {
				loop(socket, monitor);
			}
		}
		catch (RuntimeException | Error ex) {
			this.failure = new ConfigurationProblem(Kind.PUBLISHER_FAILED, "publisher", null,
					"publisher thread failed: " + ex);
			this.status.addError("Publisher thread failed; events are no longer sent", ex);
		}
		finally {
			this.closed = true;
			sendRemaining(socket);
			close(context, socket, monitor);
			this.finished.countDown();
		}
	}

	private void bindAndConnect(ZContext context, ZMQ.Socket socket) {
		if (this.curve != null) {
			// The ZAP handler must answer before the first client arrives: without one, ZeroMQ
			// admits every client that completes the CURVE handshake.
			this.zap = this.curve.apply(context, socket, this.status);
		}
		socket.setSndHWM(this.sendHwm);
		socket.setLinger(this.lingerMillis);
		if (this.noDrop) {
			// A subscriber sendHwm messages behind makes send wait, then fail, instead of losing
			// the message silently.
			socket.setXpubNoDrop(true);
			socket.setSendTimeOut(this.sendTimeoutMillis);
		}
		// JeroMQ 0.6.0 stalls about one new connection in twenty until the handshake times out
		// (30 s by default); a short timeout drops such a connection and the connecting side retries.
		socket.setHandshakeIvl(HANDSHAKE_INTERVAL_MILLIS);
		// Heartbeats find a subscriber that vanished without closing its connection (a host that
		// crashed), so the subscriber count and the socket's memory stay right. The timeout leaves
		// room for a busy subscriber.
		socket.setHeartbeatIvl(HEARTBEAT_INTERVAL_MILLIS);
		socket.setHeartbeatTimeout(HEARTBEAT_TIMEOUT_MILLIS);
		for (String endpoint : this.bind) {
			try {
				socket.bind(endpoint);
			}
			catch (RuntimeException ex) {
				throw new EndpointException("bind", endpoint, ex);
			}
			this.boundEndpoints.add(socket.getLastEndpoint());
		}
		for (String endpoint : this.connect) {
			try {
				socket.connect(endpoint);
			}
			catch (RuntimeException ex) {
				throw new EndpointException("connect", endpoint, ex);
			}
			this.connectedEndpoints.add(endpoint);
		}
	}

	private ZMQ.Socket monitor(ZContext context, ZMQ.Socket socket) {
		String address = "inproc://zmqlog-monitor-" + monitors.incrementAndGet();
		socket.monitor(address, ZMQ.EVENT_ACCEPTED | ZMQ.EVENT_CONNECTED | ZMQ.EVENT_DISCONNECTED);
		ZMQ.Socket monitor = context.createSocket(SocketType.PAIR);
		monitor.connect(address);
		return monitor;
	}

	/** Reads, without waiting, what subscribers asked for and who connected or left. */
	private void readPeers(ZMQ.Socket socket, ZMQ.Socket monitor) {
		byte[] message;
		while ((message = socket.recv(ZMQ.DONTWAIT)) != null) {
			if (message.length > 0) {
				String prefix = new String(message, 1, message.length - 1, StandardCharsets.UTF_8);
				if (message[0] == 1) {
					this.subscriptions.merge(prefix, 1, Integer::sum);
				}
				else if (message[0] == 0) {
					this.subscriptions.computeIfPresent(prefix, (key, count) -> (count > 1) ? count - 1 : null);
				}
			}
		}
		ZMQ.Event event;
		while ((event = ZMQ.Event.recv(monitor, ZMQ.DONTWAIT)) != null) {
			if (event.getEvent() == ZMQ.EVENT_DISCONNECTED) {
				this.subscribers.updateAndGet((n) -> Math.max(0, n - 1));
			}
			else {
				this.subscribers.incrementAndGet();
			}
		}
	}

	private void loop(ZMQ.Socket socket, ZMQ.Socket monitor) {
		List<PublishableEvent> batch = new ArrayList<>(BATCH);
		long lastSent = System.nanoTime() - BURST_WINDOW_NANOS;
		while (!this.abort) {
			readPeers(socket, monitor);
			if (this.queue.drainTo(batch, BATCH) > 0) {
				lastSent = System.nanoTime();
				publishBatch(socket, batch);
				batch.clear();
			}
			else if (!this.queue.isEmpty()) {
				// A producer claimed a slot and has not written it yet.
				Thread.yield();
			}
			else if (this.stopRequested) {
				return;
			}
			else if (System.nanoTime() - lastSent < BURST_WINDOW_NANOS) {
				// Events are flowing: let a few arrive and send them together. Logging threads
				// don't wake the thread for this short pause, and JeroMQ's I/O thread wakes once per
				// burst instead of once per event.
				LockSupport.parkNanos(this, BURST_PAUSE_NANOS);
			}
			else {
				this.sleeping = true;
				if (this.queue.isEmpty() && !this.stopRequested) {
					LockSupport.parkNanos(this, IDLE_PARK_NANOS);
				}
				this.sleeping = false;
			}
		}
	}

	/**
	 * Formats a batch, then sends it: the frames go out back to back, so that JeroMQ's I/O thread
	 * finds many messages each time it wakes.
	 */
	private void publishBatch(ZMQ.Socket socket, List<PublishableEvent> batch) {
		byte[][] frames = this.frames;
		int prepared = 0;
		int formatting = 0;
		int sending = 0;
		try {
			for (; formatting < batch.size(); formatting++) {
				if (this.abort) {
					this.counters.drop(DropReason.SHUTDOWN);
				}
				else if (prepare(batch.get(formatting), frames, prepared * 2)) {
					prepared++;
				}
			}
			for (; sending < prepared; sending++) {
				if (this.abort) {
					this.counters.drop(DropReason.SHUTDOWN);
				}
				else {
					send(socket, frames[sending * 2], frames[sending * 2 + 1]);
				}
				frames[sending * 2] = null;
				frames[sending * 2 + 1] = null;
			}
		}
		catch (Error ex) {
			// The thread dies; what it held is counted, not lost: the events not yet formatted
			// and those formatted but not yet sent.
			this.counters.drop(DropReason.SEND_FAILED, (batch.size() - formatting) + (prepared - sending));
			throw ex;
		}
	}

	private void sendRemaining(ZMQ.@Nullable Socket socket) {
		for (PublishableEvent event : drain()) {
			if (this.abort || socket == null || this.failure != null) {
				this.counters.drop(DropReason.SHUTDOWN);
			}
			else {
				publish(socket, event);
			}
		}
	}

	private List<PublishableEvent> drain() {
		List<PublishableEvent> rest = new ArrayList<>();
		this.queue.drainTo(rest);
		return rest;
	}

	private void publish(ZMQ.Socket socket, PublishableEvent event) {
		if (prepare(event, this.frames, 0)) {
			byte[] topic = this.frames[0];
			byte[] body = this.frames[1];
			this.frames[0] = null;
			this.frames[1] = null;
			send(socket, topic, body);
		}
	}

	/**
	 * Builds an event's topic and body frames, or counts why it cannot be sent.
	 * @return whether {@code frames[at]} and {@code frames[at + 1]} now hold the frames
	 */
	private boolean prepare(PublishableEvent event, byte[][] frames, int at) {
		byte[] topic;
		byte[] body;
		try {
			topic = this.topics.topic(this.topicRule, event);
			if (topic.length > this.maxMessageBytes) {
				this.counters.drop(DropReason.TOO_LARGE);
				return false;
			}
			body = truncate(this.layouts.format(event, this.body));
		}
		catch (RuntimeException ex) {
			sendFailed("could not format an event", ex);
			return false;
		}
		frames[at] = topic;
		frames[at + 1] = body;
		return true;
	}

	private void send(ZMQ.Socket socket, byte[] topic, byte[] body) {
		try {
			// With noDrop the topic frame waits up to sendTimeout for a full subscriber, unless the last
			// wait expired and nothing went through since. The body never waits: the HWM counts
			// whole messages.
			int topicFlags = (this.noDrop && !this.subscriberFull) ? ZMQ.SNDMORE : ZMQ.SNDMORE | ZMQ.DONTWAIT;
			if (socket.send(topic, topicFlags) && socket.send(body, ZMQ.DONTWAIT)) {
				this.subscriberFull = false;
				this.counters.sent.increment();
				return;
			}
			if (this.noDrop && socket.errno() == ZError.EAGAIN) {
				this.subscriberFull = true;
				this.counters.drop(DropReason.SUBSCRIBER_FULL);
				if (this.subscriberFullStatus.allow()) {
					this.status.addWarn("A subscriber is " + this.sendHwm + " messages behind: dropping events"
							+ " for all subscribers (noDrop; each drop is counted in the stats)");
				}
				return;
			}
			sendFailed("the socket refused the message (errno " + socket.errno() + ")", null);
		}
		catch (RuntimeException ex) {
			sendFailed("could not send an event", ex);
		}
	}

	private void sendFailed(String why, Throwable ex) {
		this.counters.drop(DropReason.SEND_FAILED);
		if (this.sendFailedStatus.allow()) {
			this.status.addWarn("Dropped an event: " + why + " (each drop is counted in the stats)", ex);
		}
	}

	private byte[] truncate(byte[] bytes) {
		if (bytes.length <= this.maxMessageBytes) {
			return bytes;
		}
		this.counters.truncated.increment();
		byte[] marker = String.format(TRUNCATION_MARKER, bytes.length).getBytes(StandardCharsets.UTF_8);
		int keep = this.maxMessageBytes - marker.length;
		while (keep > 0 && (bytes[keep] & 0xC0) == 0x80) {
			keep--; // do not cut a UTF-8 sequence in two
		}
		byte[] truncated = new byte[keep + marker.length];
		System.arraycopy(bytes, 0, truncated, 0, keep);
		System.arraycopy(marker, 0, truncated, keep, marker.length);
		return truncated;
	}

	private void close(@Nullable ZContext context, ZMQ.@Nullable Socket socket, ZMQ.@Nullable Socket monitor) {
		try {
			if (socket != null) {
				socket.monitor(null, 0);
			}
			if (monitor != null) {
				monitor.close();
			}
			if (socket != null) {
				socket.close();
			}
			closeZap();
			if (context != null && context != this.sharedContext) {
				context.close();
			}
		}
		catch (RuntimeException ex) {
			this.status.addWarn("Could not close the ZeroMQ socket cleanly", ex);
		}
		finally {
			closeZap();
		}
	}

	/** After the socket, which asks the handler about every client until it is closed. */
	private void closeZap() {
		ZapHandler.Registration registration = this.zap;
		this.zap = null;
		if (registration != null) {
			registration.close();
		}
	}

	private ConfigurationProblem describe(RuntimeException ex) {
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

	/** The option to blame when opening fails as a whole: {@code bind}, unless only connecting. */
	private String endpointOption() {
		return (this.bind.isEmpty() && !this.connect.isEmpty()) ? "connect" : "bind";
	}

	public boolean isPublisherThread() {
		return Thread.currentThread() == this.thread;
	}

	public boolean isAlive() {
		return this.thread.isAlive();
	}

	public @Nullable ConfigurationProblem failure() {
		return this.failure;
	}

	public void setTopicRule(TopicRule topicRule) {
		this.topicRule = topicRule;
	}

	public Map<String, Integer> subscriptions() {
		return Map.copyOf(this.subscriptions);
	}

	public int subscribers() {
		return this.subscribers.get();
	}

	public Thread.State threadState() {
		return this.thread.getState();
	}

	public int queueCapacity() {
		return this.queueCapacity;
	}

	public int queueDepth() {
		return this.queue.size();
	}

	public List<String> boundEndpoints() {
		return List.copyOf(this.boundEndpoints);
	}

	public List<String> connectedEndpoints() {
		return List.copyOf(this.connectedEndpoints);
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

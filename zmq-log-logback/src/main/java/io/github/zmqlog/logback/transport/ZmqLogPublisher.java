package io.github.zmqlog.logback.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.core.spi.ContextAware;
import org.jspecify.annotations.Nullable;
import org.zeromq.ZContext;

import io.github.zmqlog.logback.ConfigurationProblem;
import io.github.zmqlog.logback.ConfigurationProblem.Kind;
import io.github.zmqlog.logback.DropReason;
import io.github.zmqlog.logback.format.BodyFormat;
import io.github.zmqlog.logback.format.PublishableEvent;
import io.github.zmqlog.logback.format.TopicRule;
import io.github.zmqlog.logback.status.JeroMqErrorHandler;
import io.github.zmqlog.logback.status.StatusReports;
import io.github.zmqlog.logback.thread.ThreadStart;

/**
 * The one thread that owns the XPUB socket from open to close, and the appender's handle
 * on it.
 *
 * <p>
 * Logging threads call {@link #dropIfFull} and {@link #submit}, which hand the event over
 * through a lock-free {@code Handoff} and return. The publisher thread drains it in
 * batches, frames each batch ({@code FrameEncoder}) and sends it ({@code XpubSocket}),
 * reading subscriptions and peers between batches; when the queue runs empty it waits as
 * its {@code IdleStrategy} says. The thread is never interrupted (JeroMQ is not
 * interrupt-safe): {@link #stop} raises a flag and waits a bounded time. It closes the
 * socket itself, then the context when it owns it. Every event handed over is sent or
 * counted as dropped, also those queued after its last drain and those it held when an
 * {@link Error} ended it.
 */
public final class ZmqLogPublisher {

	private static final int BATCH = 256;

	/**
	 * How long the thread waits for an event while it holds the first ones: it must see
	 * the first subscription soon, and it reads subscriptions between waits.
	 */
	private static final long HOLD_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

	private final ContextAware status;

	private final DeliveryCounters counters;

	private final @Nullable ZContext sharedContext;

	private final Thread thread;

	private final Handoff<PublishableEvent> handoff;

	private final XpubSocket socket;

	private final FrameEncoder encoder;

	private final @Nullable HistoryPublishing history;

	private final CountDownLatch opened = new CountDownLatch(1);

	private final CountDownLatch finished = new CountDownLatch(1);

	private final CompletableFuture<Void> ended = new CompletableFuture<>();

	private volatile boolean stopRequested;

	private volatile boolean abort;

	private volatile @Nullable ConfigurationProblem failure;

	/** Set before the thread starts, read by it alone. */
	private StartupHold hold = new StartupHold(StartupHold.Bounds.NONE);

	/**
	 * Creates a publisher; {@link #open} starts it.
	 * @param settings the validated settings
	 * @param status where trouble is reported: the appender
	 * @param topicRule the topic rule
	 * @param layouts the body layouts
	 * @param counters the appender's counts
	 */
	public ZmqLogPublisher(PublisherSettings settings, ContextAware status, TopicRule topicRule, BodyFormat layouts,
			DeliveryCounters counters) {
		this.status = status;
		this.counters = counters;
		this.sharedContext = settings.zContext();
		this.thread = ThreadStart.daemon("zmqlog-publisher-" + settings.name(), this::run);
		this.handoff = new Handoff<>(settings.queueSize(), settings.maxQueuedBytes(), PublishableEvent::heldBytes,
				settings.overflowPolicy(), settings.maxBlockNanos(), this.thread, counters, status);
		this.socket = new XpubSocket(settings, counters, status);
		this.encoder = new FrameEncoder(BATCH, topicRule, layouts, settings.maxMessageBytes(), counters, status);
		this.history = HistoryPublishing.of(settings.history(), settings.curve(), status);
	}

	/**
	 * Makes the thread hold the first events until the first subscription arrives; call
	 * before {@link #open}.
	 * @param bounds how long and how much
	 */
	public void holdFirstEvents(StartupHold.Bounds bounds) {
		this.hold = new StartupHold(bounds);
	}

	/**
	 * Starts the thread and waits until it has bound and connected every endpoint, or
	 * failed to.
	 * @param timeoutMillis how long to wait
	 * @return whether the socket is open; otherwise {@link #failure()} says why
	 */
	public boolean open(long timeoutMillis) {
		ThreadStart.Outcome started = ThreadStart.startAndAwait(this.thread, this.opened, timeoutMillis);
		if (started != ThreadStart.Outcome.READY) {
			this.failure = new ConfigurationProblem(Kind.OPEN_TIMEOUT, this.socket.endpointOption(), null,
					(started == ThreadStart.Outcome.TIMED_OUT)
							? "the socket did not open within " + timeoutMillis + " ms"
							: "interrupted while opening the socket");
			this.abort = true;
			this.stopRequested = true;
		}
		return this.failure == null;
	}

	/**
	 * Drops an event before it is frozen when the queue is full and the policy is to
	 * drop, so that an overrun caller pays for counting it only.
	 * @param level the event's level, what a drop is counted under
	 * @return whether the event was dropped and counted
	 */
	public boolean dropIfFull(Level level) {
		return this.handoff.dropIfFull(level);
	}

	/**
	 * Queues an event, on the logging thread, applying the overflow policy.
	 * @param event the frozen event
	 */
	public void submit(PublishableEvent event) {
		this.handoff.submit(event, event.getLevel());
	}

	/**
	 * Asks the thread to send what is queued and close, and waits for it.
	 * @param timeoutMillis how long to wait
	 * @return whether the thread finished in time (otherwise it drops what is left and
	 * finishes on its own, as a daemon)
	 */
	public boolean stop(long timeoutMillis) {
		this.stopRequested = true;
		LockSupport.unpark(this.thread);
		boolean done = false;
		try {
			done = this.finished.await(timeoutMillis, TimeUnit.MILLISECONDS);
			if (done) {
				// Its last statement has run: wait for it to end, so stats never show it
				// alive.
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
		try {
			try {
				context = (this.sharedContext != null) ? this.sharedContext
						: JeroMqErrorHandler.newZContext(this.status.getContext());
				this.socket.open(context);
				if (this.history != null) {
					this.history.open(context);
				}
				this.hold.begin(System.nanoTime());
			}
			catch (RuntimeException ex) {
				this.failure = this.socket.describe(ex);
			}
			finally {
				this.opened.countDown();
			}
			if (this.failure == null) {
				loop();
			}
		}
		catch (RuntimeException | Error ex) {
			this.failure = new ConfigurationProblem(Kind.PUBLISHER_FAILED, "publisher", null,
					"publisher thread failed: " + ex);
			StatusReports.error(this.status, "Publisher thread failed; events are no longer sent", ex);
		}
		finally {
			this.handoff.close(closedReason());
			try {
				sendRemaining();
			}
			finally {
				close(context);
				this.finished.countDown();
				this.ended.complete(null);
			}
		}
	}

	private void loop() {
		List<PublishableEvent> batch = new ArrayList<>(BATCH);
		IdleStrategy idle = new IdleStrategy(System.nanoTime());
		while (!this.abort) {
			// Drained first, then subscriptions and peers read: an event that woke the
			// thread goes out before the thread's other socket work.
			int drained = this.handoff.drainTo(batch, BATCH);
			if (drained > 0) {
				idle.sent(System.nanoTime());
				if (this.hold.isHolding()) {
					this.hold.take(batch, this.counters);
				}
				else {
					publishBatch(batch);
				}
				batch.clear();
			}
			this.socket.readPeers();
			if (this.history != null) {
				this.history.serve();
			}
			if (this.hold.isHolding()
					&& (this.socket.subscribed() || this.stopRequested || this.hold.isDue(System.nanoTime()))) {
				publishAll(this.hold.release());
			}
			if (drained > 0) {
				continue;
			}
			if (!this.handoff.isEmpty()) {
				// A producer claimed a place and has not written it yet: the queue skips
				// the place once it has waited long enough.
				Thread.yield();
			}
			else if (this.stopRequested) {
				return;
			}
			else if (this.hold.isHolding()) {
				this.handoff.awaitEvent(HOLD_POLL_NANOS);
			}
			else {
				// stop() unparks the thread after raising the flag, so the wait ends at
				// once.
				idle.idle(this.handoff);
			}
		}
	}

	/**
	 * Frames a batch, then sends it: the frames go out back to back, so that JeroMQ's I/O
	 * thread finds many messages each time it wakes.
	 * @param batch the events, drained from the queue
	 */
	private void publishBatch(List<PublishableEvent> batch) {
		int prepared = 0;
		int formatting = 0;
		int sending = 0;
		try {
			for (; formatting < batch.size(); formatting++) {
				if (this.abort) {
					this.counters.drop(DropReason.SHUTDOWN, batch.get(formatting).getLevel());
				}
				else if (this.encoder.prepare(batch.get(formatting), prepared)) {
					prepared++;
				}
			}
			for (; sending < prepared; sending++) {
				if (this.abort) {
					this.counters.dropAt(DropReason.SHUTDOWN, this.encoder.level(sending));
				}
				else {
					byte[] topic = this.encoder.topic(sending);
					byte[] body = this.encoder.body(sending);
					if (this.socket.send(topic, body, this.encoder.level(sending)) && this.history != null) {
						this.history.published(topic, body);
					}
				}
				this.encoder.release(sending);
			}
		}
		catch (Error ex) {
			// The thread dies; what it held is counted, not lost: the events not yet
			// formatted
			// and those formatted but not yet sent.
			this.counters.dropUnknown(DropReason.SEND_FAILED, (batch.size() - formatting) + (prepared - sending));
			throw ex;
		}
	}

	/**
	 * Returns what events that can no longer be sent are counted as.
	 * @return {@link DropReason#PUBLISHER_FAILED} after the thread failed, otherwise
	 * {@link DropReason#NOT_STARTED}
	 */
	private DropReason closedReason() {
		ConfigurationProblem current = this.failure;
		return (current != null && current.kind() == Kind.PUBLISHER_FAILED) ? DropReason.PUBLISHER_FAILED
				: DropReason.NOT_STARTED;
	}

	/**
	 * After the close: sends what the hold still keeps, then what the last drain left
	 * behind, through the same batches.
	 */
	private void sendRemaining() {
		List<PublishableEvent> rest = this.hold.release();
		rest.addAll(this.handoff.drainAfterClose());
		if (this.failure != null) {
			this.counters.drop(closedReason(), rest);
			return;
		}
		publishAll(rest);
	}

	/**
	 * Sends a list of events in batches; if an {@link Error} ends the thread, what was
	 * not sent is counted.
	 * @param rest the events, in order
	 */
	private void publishAll(List<PublishableEvent> rest) {
		int from = 0;
		int to = 0;
		try {
			while (from < rest.size()) {
				to = Math.min(from + BATCH, rest.size());
				publishBatch(rest.subList(from, to));
				from = to;
			}
		}
		catch (Error ex) {
			// publishBatch counted the batch it held; the later ones are counted here.
			this.counters.dropUnknown(DropReason.SEND_FAILED, rest.size() - to);
			throw ex;
		}
	}

	private void close(@Nullable ZContext context) {
		try {
			if (this.history != null) {
				this.history.close();
			}
			this.socket.close();
			if (context != null && context != this.sharedContext) {
				context.close();
			}
		}
		catch (RuntimeException ex) {
			StatusReports.warn(this.status, "Could not close the ZeroMQ socket cleanly", ex);
		}
	}

	/**
	 * Runs an action once the thread has sent or counted its last event and closed its
	 * socket: on the thread, as its last step, or at once on the caller when that has
	 * happened. What the action throws is dropped.
	 * @param action the action, e.g. stopping the layouts the thread formats with
	 */
	public void whenEnded(Runnable action) {
		this.ended.thenRun(action);
	}

	/**
	 * Waits for the thread to end, after a {@link #stop} that gave up; never interrupts
	 * it.
	 * @param timeoutMillis how long to wait
	 * @return whether the thread has ended, so that its sockets are closed
	 */
	public boolean awaitEnd(long timeoutMillis) {
		try {
			this.thread.join(Math.max(1, timeoutMillis));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return !this.thread.isAlive();
	}

	/**
	 * Returns whether the calling thread is the publisher thread, whose own events must
	 * not be published.
	 * @return whether the caller is the publisher thread
	 */
	public boolean isPublisherThread() {
		return Thread.currentThread() == this.thread;
	}

	/**
	 * Returns whether the publisher thread is running.
	 * @return whether it is alive
	 */
	public boolean isAlive() {
		return this.thread.isAlive();
	}

	/**
	 * Returns the publisher thread's state.
	 * @return the state, {@code TERMINATED} once stopped
	 */
	public Thread.State threadState() {
		return this.thread.getState();
	}

	/**
	 * Returns why the socket did not open or the thread stopped.
	 * @return the problem, or {@code null}
	 */
	public @Nullable ConfigurationProblem failure() {
		return this.failure;
	}

	/**
	 * Changes the topic rule for the events sent from now on.
	 * @param topicRule the new rule
	 */
	public void setTopicRule(TopicRule topicRule) {
		this.encoder.setTopicRule(topicRule);
	}

	/**
	 * Returns the topic prefixes subscribers hold.
	 * @return each prefix with how many subscribers hold it, up to a fixed number of
	 * prefixes
	 */
	public Map<String, Integer> subscriptions() {
		return this.socket.subscriptions();
	}

	/**
	 * Returns how many prefixes subscribers hold beyond those {@link #subscriptions}
	 * lists.
	 * @return the count
	 */
	public int untrackedSubscriptions() {
		return this.socket.untrackedPrefixes();
	}

	/**
	 * Returns how many peers are connected to the socket.
	 * @return the count
	 */
	public int subscribers() {
		return this.socket.subscribers();
	}

	/**
	 * Returns the capacity of the queue.
	 * @return how many events it holds at most
	 */
	public int queueCapacity() {
		return this.handoff.capacity();
	}

	/**
	 * Returns how many events wait in the queue.
	 * @return the depth
	 */
	public int queueDepth() {
		return this.handoff.size();
	}

	/**
	 * Returns what the large events in the queue hold now; any thread.
	 * @return the bytes, as estimated when they were queued
	 */
	public long queuedBytes() {
		return this.handoff.queuedBytes();
	}

	/**
	 * Returns the endpoints bound, as the socket reports them.
	 * @return the endpoints, a {@code *} port resolved
	 */
	public List<String> boundEndpoints() {
		return this.socket.boundEndpoints();
	}

	/**
	 * Returns the endpoints the history server is bound to.
	 * @return the endpoints, a {@code *} port resolved; empty without history
	 */
	public List<String> historyEndpoints() {
		return (this.history != null) ? this.history.boundEndpoints() : List.of();
	}

	/**
	 * Returns the endpoints connected.
	 * @return the endpoints
	 */
	public List<String> connectedEndpoints() {
		return this.socket.connectedEndpoints();
	}

}

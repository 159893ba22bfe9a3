package io.github.zmqlog.tail;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The web view's source with history ({@code zmq-log-tail web -n N}, {@code --since}):
 * one {@link HistoryClient} per page, since the history a page asks for and its prefixes
 * are its own, and the publisher's history server filters by them. A page gets its last
 * events as one {@link WebEvent.History} batch, then the live ones, each gap as a
 * {@link WebEvent.Missed} marker (gaps during the replay are summed into one marker just
 * after the batch). A page that changes its filter opens a new feed: a new request with
 * the new prefixes, and the history again for them.
 * <p>
 * When no history server answers within {@link #NO_ANSWER} (or it refuses the request),
 * the page's feed falls back to a plain SUB of its own on the endpoint, live only, and
 * says so once on standard error.
 * <p>
 * Each feed's thread owns its socket from creation to close; the sink never blocks (a
 * {@link PageQueue}).
 */
final class HistorySource implements WebEventSource {

	/**
	 * How long a page waits for the history server's first answer before going live only.
	 */
	static final Duration NO_ANSWER = Duration.ofSeconds(5);

	private final TailOptions options;

	private final int count;

	private final Duration noAnswer;

	private final PrintStream err;

	private final JeroMqErrorHandler errors;

	private final ZContext context;

	private final List<PageFeed> feeds = new CopyOnWriteArrayList<>();

	private final AtomicBoolean warned = new AtomicBoolean();

	/**
	 * Creates the source.
	 * @param options the watcher's options, with {@code history} and
	 * {@code historyEndpoint} set
	 * @param keep how many lines a page keeps: more history than that is not asked for
	 * @param noAnswer how long to wait for the history server's first answer
	 * @param err where the fallback is reported
	 */
	HistorySource(TailOptions options, int keep, Duration noAnswer, PrintStream err) {
		if (options.history() == null || options.historyEndpoint() == null) {
			throw new IllegalArgumentException("a history source needs -n N or --since");
		}
		this.options = options;
		this.count = Math.min(options.history(), keep);
		this.noAnswer = noAnswer;
		this.err = err;
		this.errors = new JeroMqErrorHandler(err);
		this.context = this.errors.newContext();
	}

	@Override
	public Feed open(List<String> prefixes, Predicate<WebEvent> sink) {
		PageFeed feed = new PageFeed(List.copyOf(prefixes), sink);
		this.feeds.add(feed);
		feed.thread.start();
		return feed;
	}

	@Override
	public void close() {
		for (PageFeed feed : this.feeds) {
			feed.close();
		}
		this.errors.closing();
		this.context.close();
	}

	private void warnOnce(String message) {
		if (this.warned.compareAndSet(false, true)) {
			this.err.println("zmq-log-tail: " + message);
			this.err.flush();
		}
	}

	/** One page's history client, on a thread of its own. */
	private final class PageFeed implements Feed {

		private final List<String> prefixes;

		private final Predicate<WebEvent> sink;

		private final Thread thread;

		private volatile boolean running = true;

		PageFeed(List<String> prefixes, Predicate<WebEvent> sink) {
			this.prefixes = prefixes;
			this.sink = sink;
			this.thread = new Thread(this::run, "zmq-log-tail-web-history");
			this.thread.setDaemon(true);
		}

		private void run() {
			try {
				if (!follow()) {
					live();
				}
			}
			catch (RuntimeException ex) {
				if (this.running) {
					warnOnce("a page's feed stopped: " + ex);
				}
			}
			finally {
				HistorySource.this.feeds.remove(this);
			}
		}

		/**
		 * Follows the history server.
		 * @return {@code false} when it did not answer in time or refused, so the page
		 * should go live only
		 */
		private boolean follow() {
			TailOptions o = HistorySource.this.options;
			try (HistoryClient client = new HistoryClient(HistorySource.this.context, o.historyEndpoint(),
					HistorySource.this.count, o.since(), this.prefixes, o.curve(), o.rcvHwm(), o.tuning())) {
				long deadline = System.nanoTime() + HistorySource.this.noAnswer.toNanos();
				boolean answered = false;
				@Nullable List<WebEvent.Line> batch = new ArrayList<>();
				long missedInReplay = 0;
				while (this.running) {
					HistoryClient.Received next = client.poll();
					if (client.error() != null) {
						warnOnce("the publisher refused the history request ("
								+ String.valueOf(client.error()).replaceAll("\\p{Cntrl}", "?")
								+ "): pages get live events only");
						return false;
					}
					answered |= next != null || client.isLive();
					if (!answered) {
						if (System.nanoTime() - deadline >= 0) {
							warnOnce("no history server answered at " + o.historyEndpoint() + " within "
									+ HistorySource.this.noAnswer.toMillis() + " ms: pages get live events only");
							return false;
						}
						continue;
					}
					if (batch != null) {
						if (next != null) {
							missedInReplay += next.missedBefore();
							if (next.body() != null) {
								batch.add(line(next));
							}
						}
						if (client.isLive()) {
							this.sink.test(new WebEvent.History(batch));
							if (missedInReplay > 0) {
								this.sink.test(new WebEvent.Missed(missedInReplay));
							}
							batch = null;
						}
						continue;
					}
					if (next != null) {
						if (next.missedBefore() > 0) {
							this.sink.test(new WebEvent.Missed(next.missedBefore()));
						}
						if (next.body() != null) {
							this.sink.test(line(next));
						}
					}
				}
				return true;
			}
		}

		/** Without a history server: a SUB of this page's own, live only. */
		private void live() {
			ZMQ.Socket socket = Watcher.unsubscribed(HistorySource.this.context, HistorySource.this.options);
			try {
				List<String> subscriptions = this.prefixes.isEmpty() ? List.of("") : this.prefixes;
				for (String prefix : subscriptions) {
					socket.subscribe(prefix.getBytes(StandardCharsets.UTF_8));
				}
				socket.connect(HistorySource.this.options.endpoint());
				while (this.running) {
					List<byte[]> frames = Watcher.receive(socket);
					if (frames != null) {
						this.sink.test(WebEvent.Line.of(frames));
					}
				}
			}
			finally {
				socket.close();
			}
		}

		private static WebEvent.Line line(HistoryClient.Received next) {
			byte[] topic = next.topic();
			byte[] body = next.body();
			return WebEvent.Line
				.of(List.of((topic != null) ? topic : new byte[0], (body != null) ? body : new byte[0]));
		}

		@Override
		public void close() {
			this.running = false;
			try {
				this.thread.join(2000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}

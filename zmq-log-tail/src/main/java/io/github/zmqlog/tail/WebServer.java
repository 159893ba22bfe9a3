package io.github.zmqlog.tail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * {@code zmq-log-tail web}: serves one page (with its script and style, all from the jar)
 * and, to each open page, a stream of Server-Sent Events from a {@link WebEventSource}.
 * The JDK's HTTP server runs each request on a thread of a cached pool; a stream's thread
 * writes what the page's {@link PageQueue} holds, so a slow page blocks only its own
 * thread, and what its queue cannot hold is dropped and counted to the page. Every
 * response forbids inline script, framing and sniffing, as a second guard behind the
 * page's showing log text as text.
 */
final class WebServer {

	/** Pages that may be open at once; one more is answered 503. */
	static final int MAX_PAGES = 32;

	/** Prefixes a page may ask for at once, and the longest of them. */
	static final int MAX_PREFIXES = 64;

	static final int MAX_PREFIX_CHARS = 1024;

	// Also how soon a closed page is noticed: a write to it fails the second time.
	private static final long KEEPALIVE_MILLIS = 1_000;

	private static final long FLUSH_MILLIS = 20;

	private static final String RESOURCES = "/io/github/zmqlog/tail/web/";

	private static final Map<String, String> ASSETS = Map.of("/", "index.html", "/app.js", "app.js", "/app.css",
			"app.css");

	private static final String SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
			+ " connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

	private final WebOptions options;

	private final WebEventSource source;

	private final int queueCapacity;

	private final Semaphore pages = new Semaphore(MAX_PAGES);

	private final CountDownLatch ready = new CountDownLatch(1);

	private final CountDownLatch stopped = new CountDownLatch(1);

	private final CountDownLatch finished = new CountDownLatch(1);

	private volatile boolean running = true;

	private volatile @Nullable String address;

	/**
	 * Creates the web view.
	 * @param options the options
	 * @param source where the pages' events come from; closed when the view stops
	 */
	WebServer(WebOptions options, WebEventSource source) {
		this(options, source, PageQueue.DEFAULT_CAPACITY);
	}

	WebServer(WebOptions options, WebEventSource source, int queueCapacity) {
		this.options = options;
		this.source = source;
		this.queueCapacity = queueCapacity;
	}

	/**
	 * Listens and serves until {@link #stop(Duration)}.
	 * @throws UncheckedIOException when it cannot listen
	 */
	void run() {
		AtomicInteger threads = new AtomicInteger();
		ExecutorService executor = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "zmq-log-tail-web-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		HttpServer http;
		try {
			http = HttpServer.create(this.options.listen(), 50);
		}
		catch (IOException ex) {
			this.ready.countDown();
			this.finished.countDown();
			this.source.close();
			throw new UncheckedIOException("cannot listen on " + this.options.listen() + ": " + ex.getMessage(), ex);
		}
		try {
			WebAccess access = new WebAccess(this.options.token(), http.getAddress().getPort());
			http.createContext("/", (exchange) -> handle(exchange, access));
			http.setExecutor(executor);
			http.start();
			this.address = url(http.getAddress());
			this.ready.countDown();
			awaitStopped();
		}
		finally {
			this.running = false;
			http.stop(1);
			executor.shutdownNow();
			this.source.close();
			this.ready.countDown();
			this.finished.countDown();
		}
	}

	private void awaitStopped() {
		try {
			this.stopped.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static String url(InetSocketAddress address) {
		String host = address.getAddress().getHostAddress();
		return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + "/";
	}

	private void handle(HttpExchange exchange, WebAccess access) throws IOException {
		try (exchange) {
			security(exchange);
			String method = exchange.getRequestMethod();
			if (!method.equals("GET") && !method.equals("HEAD")) {
				text(exchange, 405, "GET only\n");
				return;
			}
			String path = exchange.getRequestURI().getPath();
			WebAccess.Decision decision = access.check(exchange);
			switch (decision) {
				case WRONG_HOST ->
					text(exchange, 403, "This view answers to loopback names only (localhost, 127.0.0.1, [::1]);"
							+ " listen elsewhere with an access token.\n");
				case NO_TOKEN -> text(exchange, 401, "This view needs its access token: open /?token=TOKEN once"
						+ " (the token zmq-log-tail web was given in " + WebOptions.TOKEN_ENV + " or --token).\n");
				case SET_COOKIE -> {
					exchange.getResponseHeaders().add("Set-Cookie", access.cookie());
					if (path.equals("/events")) {
						stream(exchange);
					}
					else {
						exchange.getResponseHeaders().set("Location", path);
						exchange.sendResponseHeaders(303, -1);
					}
				}
				case ALLOWED -> {
					if (path.equals("/events")) {
						stream(exchange);
					}
					else {
						asset(exchange, path);
					}
				}
			}
		}
	}

	private static void security(HttpExchange exchange) {
		exchange.getResponseHeaders().set("Content-Security-Policy", SECURITY_POLICY);
		exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
		exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
		exchange.getResponseHeaders().set("X-Frame-Options", "DENY");
		exchange.getResponseHeaders().set("Cache-Control", "no-store");
	}

	private static void asset(HttpExchange exchange, String path) throws IOException {
		String name = ASSETS.get(path);
		if (name == null) {
			text(exchange, 404, "Not found\n");
			return;
		}
		byte[] body;
		try (InputStream in = WebServer.class.getResourceAsStream(RESOURCES + name)) {
			if (in == null) {
				text(exchange, 500, "The page is missing from the jar\n");
				return;
			}
			body = in.readAllBytes();
		}
		String type = name.endsWith(".html") ? "text/html" : name.endsWith(".js") ? "text/javascript" : "text/css";
		exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
		send(exchange, 200, body);
	}

	private static void text(HttpExchange exchange, int status, String text) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
		send(exchange, status, text.getBytes(StandardCharsets.UTF_8));
	}

	private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
		boolean head = exchange.getRequestMethod().equals("HEAD");
		exchange.sendResponseHeaders(status, head ? -1 : body.length);
		if (!head) {
			exchange.getResponseBody().write(body);
		}
	}

	private void stream(HttpExchange exchange) throws IOException {
		String query = exchange.getRequestURI().getRawQuery();
		List<String> prefixes = WebAccess.queryParameters(query, "topic");
		if (prefixes.isEmpty() && !WebAccess.queryParameters(query, "defaults").isEmpty()) {
			// a page that opens: the command line's -t prefixes, which it then shows
			prefixes = this.options.tail().prefixes();
		}
		if (prefixes.size() > MAX_PREFIXES || prefixes.stream().anyMatch((p) -> p.length() > MAX_PREFIX_CHARS)) {
			text(exchange, 400,
					"At most " + MAX_PREFIXES + " topic prefixes of " + MAX_PREFIX_CHARS + " characters each\n");
			return;
		}
		if (!this.pages.tryAcquire()) {
			text(exchange, 503, "Too many pages open (" + MAX_PAGES + ")\n");
			return;
		}
		PageQueue queue = new PageQueue(this.queueCapacity, PageQueue.DEFAULT_MAX_BYTES);
		WebEventSource.Feed feed = this.source.open(prefixes, queue::offer);
		try {
			exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
			exchange.sendResponseHeaders(200, 0);
			OutputStream out = exchange.getResponseBody();
			StringBuilder hello = new StringBuilder("{\"lines\":").append(this.options.lines())
				.append(",\"prefixes\":[");
			for (int i = 0; i < prefixes.size(); i++) {
				hello.append((i > 0) ? "," : "").append(LineFormatter.quote(prefixes.get(i)));
			}
			hello.append("],\"defaults\":[");
			for (int i = 0; i < this.options.tail().prefixes().size(); i++) {
				hello.append((i > 0) ? "," : "").append(LineFormatter.quote(this.options.tail().prefixes().get(i)));
			}
			hello.append("]}");
			write(out, "retry: 2000\nevent: hello\ndata: " + hello + "\n\n");
			out.flush();
			pump(queue, out);
		}
		catch (IOException ex) {
			// the page went away
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			feed.close();
			this.pages.release();
		}
	}

	/**
	 * Writes the page's events in batches: whatever waits, then one flush, then a pause
	 * of {@value #FLUSH_MILLIS} ms while more gather. However fast events come, a page
	 * costs about 50 wake-ups and socket writes a second (one per event cost a page as
	 * much again as the socket that feeds them all).
	 * @param queue the page's queue
	 * @param out the page's stream
	 */
	private void pump(PageQueue queue, OutputStream out) throws IOException, InterruptedException {
		long droppedShown = 0;
		long lastWrite = System.nanoTime();
		List<WebEvent> batch = new ArrayList<>();
		while (this.running) {
			batch.clear();
			queue.drain(batch, 1_000, 250);
			for (WebEvent event : batch) {
				out.write(event.sse());
			}
			long dropped = queue.dropped();
			boolean wrote = !batch.isEmpty() || dropped != droppedShown;
			if (dropped != droppedShown) {
				write(out, "event: dropped\ndata: {\"n\":" + dropped + "}\n\n");
				droppedShown = dropped;
			}
			if (!wrote && System.nanoTime() - lastWrite >= TimeUnit.MILLISECONDS.toNanos(KEEPALIVE_MILLIS)) {
				write(out, ": keep-alive\n\n");
				wrote = true;
			}
			if (wrote) {
				out.flush();
				lastWrite = System.nanoTime();
			}
			if (!batch.isEmpty()) {
				Thread.sleep(FLUSH_MILLIS);
			}
		}
	}

	private static void write(OutputStream out, String text) throws IOException {
		out.write(text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Waits until the view listens.
	 * @param timeout how long to wait
	 * @return its address, {@code http://HOST:PORT/}, or {@code null}
	 */
	@Nullable String awaitReady(Duration timeout) throws InterruptedException {
		this.ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
		return this.address;
	}

	/**
	 * Stops serving, ends every stream and closes the source, and waits for it.
	 * @param timeout how long to wait
	 * @return whether it stopped in time
	 */
	boolean stop(Duration timeout) throws InterruptedException {
		this.running = false;
		this.stopped.countDown();
		return this.finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

}

package io.github.zmqlog.tail;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;
import org.zeromq.ZMQException;
import zmq.ZError;

/**
 * {@code java -jar zmq-log-tail.jar}: watches ZeroMQ logs ({@link Watcher}), serves them
 * to a browser ({@link WebServer}, the {@code web} command) or forwards them
 * ({@link Forwarder}, the {@code proxy} command). Ends cleanly on Ctrl-C and SIGTERM.
 */
public final class ZmqLogTail {

	/** How many events the forwarder keeps with {@code --history}. */
	static final int FORWARDER_HISTORY_SIZE = 1000;

	private ZmqLogTail() {
	}

	public static void main(String[] args) throws InterruptedException {
		PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
		if (args.length > 0 && (args[0].equals("-h") || args[0].equals("--help"))) {
			out.print(TailOptions.USAGE);
			out.flush();
			return;
		}
		try {
			if (args.length > 0 && args[0].equals("proxy")) {
				proxy(args);
			}
			else if (args.length > 0 && args[0].equals("web")) {
				web(args);
			}
			else if (args.length > 0 && args[0].equals("keygen")) {
				keygen(args, out);
			}
			else {
				watch(TailOptions.parse(args), out);
			}
		}
		catch (IllegalArgumentException ex) {
			System.err.println("zmq-log-tail: " + ex.getMessage());
			System.err.print(TailOptions.USAGE);
			System.exit(2);
		}
		catch (UncheckedIOException ex) {
			System.err.println("zmq-log-tail: " + ex.getMessage());
			System.exit(1);
		}
		catch (ZMQException ex) {
			System.err.println("zmq-log-tail: " + ZError.toString(ex.getErrorCode()) + " (" + redacted(args) + ")");
			System.exit(1);
		}
	}

	private static void watch(TailOptions options, PrintStream out) throws InterruptedException {
		boolean color = switch (options.color()) {
			case ALWAYS -> true;
			case NEVER -> false;
			case AUTO -> System.console() != null && !"dumb".equals(System.getenv("TERM"));
		};
		Watcher watcher = new Watcher(options, out, color);
		runUntilSignalled(watcher::run, watcher::stop, () -> {
			String endpoint = watcher.awaitReady(Duration.ofSeconds(30));
			if (endpoint != null && options.bind()) {
				System.err.println("zmq-log-tail: listening on " + endpoint);
			}
		});
		out.flush();
	}

	private static void web(String[] args) throws InterruptedException {
		if (args.length > 1 && (args[1].equals("-h") || args[1].equals("--help"))) {
			System.out.print(WebOptions.USAGE);
			return;
		}
		WebOptions options = WebOptions.parse(System.getenv(), Arrays.copyOfRange(args, 1, args.length));
		StartedSource started = startSource(options, Duration.ofSeconds(30));
		String endpoint = started.described();
		WebServer server = new WebServer(options, started.source());
		runUntilSignalled(server::run, server::stop, () -> {
			String address = server.awaitReady(Duration.ofSeconds(30));
			if (address != null) {
				System.err.println("zmq-log-tail: web view of " + endpoint + " on " + address
						+ ((options.token() != null) ? " (open it with ?token=... once; the token is not shown)" : ""));
			}
		});
	}

	/**
	 * The pages' source: with {@code -n N} or {@code --since}, a history client per page
	 * ({@link HistorySource}); otherwise one SUB shared by every page
	 * ({@link SharedSubscriber}), started.
	 * @param options the web view's options
	 * @param timeout how long the shared SUB may take to bind or connect
	 * @return the source, and what it reads from, for the start-up line
	 */
	static StartedSource startSource(WebOptions options, Duration timeout) throws InterruptedException {
		TailOptions tail = options.tail();
		if (tail.history() != null) {
			return new StartedSource(new HistorySource(tail, options.lines(), HistorySource.NO_ANSWER, System.err),
					tail.endpoint() + " (history: the last " + Math.min(tail.history(), options.lines())
							+ ((tail.since() != null) ? " within " + tail.since().toSeconds() + " s" : "") + " from "
							+ tail.historyEndpoint() + ")");
		}
		SharedSubscriber subscriber = new SharedSubscriber(options.tail());
		return new StartedSource(subscriber, subscriber.start(timeout));
	}

	/**
	 * The arguments, with any that may be a CURVE key hidden, for an error message.
	 * @param args the command line arguments
	 * @return the arguments separated by spaces, each that may be a key (the value of a
	 * key option, or as long as one) replaced by {@code ******}
	 */
	static String redacted(String[] args) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < args.length; i++) {
			text.append((i > 0) ? " " : "").append(ShownArgument.hidden(args, i) ? "******" : args[i]);
		}
		return text.toString();
	}

	/**
	 * {@code keygen}: prints a new key pair as a ZeroMQ secret certificate, or with
	 * {@code --out FILE} writes it to a new file only its owner can read, printing the
	 * public key.
	 * @param args the command line arguments, {@code keygen} first
	 * @param out where the certificate, or with {@code --out} the public key, is printed
	 * @throws IllegalArgumentException on an unknown argument, or when the file exists or
	 * cannot be written
	 */
	static void keygen(String[] args, PrintStream out) {
		String file = null;
		for (int i = 1; i < args.length; i++) {
			if (args[i].equals("--out") && i + 1 < args.length) {
				file = args[++i];
			}
			else {
				throw new IllegalArgumentException("unknown keygen argument " + ShownArgument.shown(args, i));
			}
		}
		String certificate = CurveClientKeys.generateCertificate();
		if (file == null) {
			out.print(certificate);
			out.flush();
			return;
		}
		Path path = Path.of(file);
		try {
			try {
				Files.createFile(path,
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			}
			catch (UnsupportedOperationException ex) {
				Files.createFile(path); // not POSIX: the directory's permissions apply
			}
			Files.writeString(path, certificate, StandardCharsets.UTF_8);
		}
		catch (FileAlreadyExistsException ex) {
			throw new IllegalArgumentException("keygen --out " + file + ": the file exists; not overwriting a key");
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("keygen --out " + file + ": " + ex.getMessage());
		}
		out.println(CurveClientKeys.publicKey(file));
		out.flush();
	}

	private static void proxy(String[] args) throws InterruptedException {
		if (args.length > 1 && (args[1].equals("-h") || args[1].equals("--help"))) {
			System.out.print(ProxyOptions.USAGE);
			return;
		}
		ProxyOptions options = ProxyOptions.parse(System.getenv(), Arrays.copyOfRange(args, 1, args.length));
		Forwarder forwarder = new Forwarder(options, FORWARDER_HISTORY_SIZE);
		runUntilSignalled(forwarder::run, forwarder::stop, () -> {
			String[] endpoints = forwarder.awaitReady(Duration.ofSeconds(30));
			if (endpoints != null) {
				System.err.println("zmq-log-tail: forwarding " + endpoints[0] + curve(options.frontendCurve()) + " -> "
						+ endpoints[1] + curve(options.backendCurve()));
				if (options.stats() != null) {
					printStats(forwarder, options.stats(), options.json());
				}
			}
		});
	}

	private static String curve(@Nullable ForwarderCurve curve) {
		return (curve != null) ? " (CURVE, " + curve.allowedKeys() + " allowed keys)" : "";
	}

	// Prints the forwarder's status line every interval until it stops, on the
	// announcing thread, which holds no socket.
	private static void printStats(Forwarder forwarder, Duration interval, boolean json) throws InterruptedException {
		while (!forwarder.awaitFinished(interval)) {
			System.err.println(forwarder.stats().line(json));
		}
	}

	/**
	 * Runs {@code body} on this thread; Ctrl-C and SIGTERM call {@code stop} from the
	 * JVM's shutdown hook, which the body's owner honours within its poll interval.
	 * {@code announce} runs beside it, to say on stderr where it listens once it is
	 * ready.
	 * @param body the work, returning once stopped
	 * @param stop stops the body's owner, called with a two-second timeout
	 * @param announce waits until the body's owner is ready, then says so
	 */
	private static void runUntilSignalled(Runnable body, Stoppable stop, Announcement announce) {
		Thread hook = new Thread(() -> {
			try {
				stop.stop(Duration.ofSeconds(2));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "zmq-log-tail-shutdown");
		Runtime.getRuntime().addShutdownHook(hook);
		Thread announcer = new Thread(() -> {
			try {
				announce.announce();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "zmq-log-tail-announce");
		announcer.setDaemon(true);
		announcer.start();
		body.run();
		removeHook(hook);
	}

	private static void removeHook(Thread hook) {
		try {
			Runtime.getRuntime().removeShutdownHook(hook);
		}
		catch (IllegalStateException ex) {
			// the JVM is already shutting down: the hook is running
		}
	}

	/** Something that stops within a bounded time. */
	@FunctionalInterface
	private interface Stoppable {

		boolean stop(Duration timeout) throws InterruptedException;

	}

	/** Waits until ready, then says so. */
	@FunctionalInterface
	private interface Announcement {

		void announce() throws InterruptedException;

	}

	/**
	 * A started source.
	 *
	 * @param source the source
	 * @param described what it reads from
	 */
	record StartedSource(WebEventSource source, String described) {

	}

}

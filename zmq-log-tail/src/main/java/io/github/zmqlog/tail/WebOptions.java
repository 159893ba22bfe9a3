package io.github.zmqlog.tail;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * {@code zmq-log-tail web}'s command line:
 * {@code [--listen HOST:PORT] [--token TOKEN] [--keep N] ENDPOINT [-t PREFIX]... [--bind]
 * [--rcvhwm N] [--curve-server-key KEY [--curve-key-file FILE]]}. The socket options are
 * the watcher's ({@link TailOptions}); listening beyond loopback needs an access token.
 *
 * @param listen where the web view listens
 * @param token the access token pages and streams must present, or {@code null} for none
 * (loopback only)
 * @param lines how many lines a page keeps
 * @param tail the watcher's options: endpoint, the prefixes a page starts with, bind, the
 * receive high-water mark and CURVE
 */
public record WebOptions(InetSocketAddress listen, @Nullable String token, int lines, TailOptions tail) {

	/** The port without {@code --listen}. */
	public static final int DEFAULT_PORT = 8088;

	/** How many lines a page keeps without {@code --keep}. */
	public static final int DEFAULT_LINES = 5_000;

	/** Environment variable holding the access token. */
	public static final String TOKEN_ENV = "ZMQLOG_WEB_TOKEN";

	static final int MIN_TOKEN_LENGTH = 16;

	private static final Set<String> WATCHER_ONLY = Set.of("--timestamp", "--align", "--color", "--json", "--count",
			"--seconds", "--separator");

	static final String USAGE = """
			usage: zmq-log-tail web [--listen HOST:PORT] [--token TOKEN] [--keep N]
			                        ENDPOINT [-t PREFIX]... [--bind] [--rcvhwm N]
			                        [--curve-server-key KEY [--curve-key-file FILE]]
			                        [-n N] [--since DURATION] [--history ENDPOINT]

			Serves a live view of ZeroMQ logs to a browser: open http://HOST:PORT/.
			  --listen HOST:PORT   where to listen (default 127.0.0.1:%d)
			  --token TOKEN        the access token a browser must present (open
			                       http://HOST:PORT/?token=TOKEN once); required to listen
			                       beyond loopback. Better from %s: other users
			                       see command lines in ps. At least %d of A-Z a-z 0-9 . _ ~ -
			  --keep N             lines a page keeps (default %d)
			  -t PREFIX            the topic prefixes a page starts with (the page can change them)
			  -n N, --since, --history  each page opens with the publisher's last N events (at
			                       most --keep) from its history endpoint, then live ones, with
			                       [missed N events] where the numbering shows a gap; one
			                       history client per page. No answer within 5 s: live only.
			ENDPOINT, --bind, --rcvhwm, the CURVE, reconnect, heartbeat and keep-alive options are
			the watcher's (zmq-log-tail --help).
			""".formatted(DEFAULT_PORT, TOKEN_ENV, MIN_TOKEN_LENGTH, DEFAULT_LINES);

	/**
	 * Parses the arguments after {@code web}, with the token possibly in an environment.
	 * @param environment the environment
	 * @param args the arguments
	 * @return the options
	 * @throws IllegalArgumentException with a message for the user when an argument is
	 * wrong; it never quotes the token
	 */
	public static WebOptions parse(Map<String, String> environment, String... args) {
		String listen = "127.0.0.1:" + DEFAULT_PORT;
		String token = null;
		int lines = DEFAULT_LINES;
		List<String> watcherArgs = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (WATCHER_ONLY.contains(arg)) {
				throw new IllegalArgumentException(arg + " is a watcher option; web does not take it");
			}
			switch (arg) {
				case "--listen" -> listen = value(args, ++i, arg);
				case "--token" -> token = value(args, ++i, arg);
				case "--keep" -> lines = positive(args, ++i, arg);
				default -> watcherArgs.add(arg);
			}
		}
		if (token == null) {
			token = environment.get(TOKEN_ENV);
		}
		if (token != null) {
			checkToken(token);
		}
		InetSocketAddress address = address(listen);
		TailOptions tail = TailOptions.parse(environment, watcherArgs.toArray(String[]::new));
		if (token == null && !address.getAddress().isLoopbackAddress()) {
			throw new IllegalArgumentException("refusing to listen on " + listen + " without an access token:"
					+ " anyone who reaches that port could read the logs. Set " + TOKEN_ENV
					+ " (or --token TOKEN, which ps shows), e.g. " + TOKEN_ENV + "=$(head -c 18 /dev/urandom"
					+ " | base64 | tr +/ -_), or listen on 127.0.0.1");
		}
		return new WebOptions(address, token, lines, tail);
	}

	private static void checkToken(String token) {
		if (token.length() < MIN_TOKEN_LENGTH) {
			throw new IllegalArgumentException("the access token must be at least " + MIN_TOKEN_LENGTH
					+ " characters (it has " + token.length() + ")");
		}
		for (int i = 0; i < token.length(); i++) {
			char c = token.charAt(i);
			boolean allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.'
					|| c == '_' || c == '~' || c == '-';
			if (!allowed) {
				throw new IllegalArgumentException("the access token may hold letters, digits and . _ ~ - only,"
						+ " so that it fits in a URL as it is (character " + (i + 1) + " is not one)");
			}
		}
	}

	private static InetSocketAddress address(String listen) {
		int colon = listen.lastIndexOf(':');
		String host = (colon > 0) ? listen.substring(0, colon) : "";
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		int port;
		try {
			port = Integer.parseInt(listen.substring(colon + 1));
		}
		catch (NumberFormatException ex) {
			port = -1;
		}
		if (host.isEmpty() || port < 0 || port > 65535) {
			throw new IllegalArgumentException("--listen takes HOST:PORT, e.g. 127.0.0.1:8088, not " + listen);
		}
		try {
			return new InetSocketAddress(InetAddress.getByName(host), port);
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("--listen " + listen + ": unknown host " + host);
		}
	}

	private static String value(String[] args, int index, String option) {
		if (index >= args.length || (option.equals("--keep") && args[index].startsWith("--"))) {
			throw new IllegalArgumentException(option + " needs a value");
		}
		return args[index];
	}

	private static int positive(String[] args, int index, String option) {
		String value = value(args, index, option);
		try {
			int number = Integer.parseInt(value);
			if (number > 0) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new IllegalArgumentException(
				option + " takes a positive whole number, not " + ShownArgument.shown(args, index));
	}

	@Override
	public String toString() {
		return "WebOptions[listen=" + this.listen + ", token=" + ((this.token != null) ? "(set, not shown)" : "none")
				+ ", lines=" + this.lines + ", tail=" + this.tail + "]";
	}

}

package io.github.zmqlog.tail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.github.zmqlog.logback.history.HistoryProtocol;

/**
 * The watcher's command line:
 * {@code ENDPOINT [-t PREFIX]... [--bind] [--timestamp] [--align]
 * [--color auto|always|never] [--json] [--count N] [--seconds S] [--separator TEXT]
 * [--rcvhwm N] [--curve-server-key KEY [--curve-key-file FILE]] [-n N] [--since DURATION]
 * [--history ENDPOINT]}.
 *
 * @param endpoint the endpoint to connect to, or to bind with {@code --bind}
 * @param prefixes topic prefixes to subscribe to; empty for everything
 * @param bind whether to bind the endpoint (publishers connect to the watcher)
 * @param timestamp whether to print the local time first
 * @param align whether to pad topic segments to line up
 * @param color when to colour lines by level
 * @param json whether to print JSON lines instead of text
 * @param count stop after this many messages, 0 for no limit
 * @param seconds stop after this long, {@code null} for no limit
 * @param separator text between topic and message
 * @param rcvHwm how many received messages may wait while standard output is slow
 * @param curve CURVE client keys, or {@code null} for none
 * @param history how many past events to ask the publisher's history for, or {@code null}
 * to subscribe as a plain SUB
 * @param since with {@code history}, the oldest age wanted, or {@code null}
 * @param historyEndpoint with {@code history}, where the publisher serves it, or
 * {@code null}
 * @param tuning reconnect, heartbeat and keep-alive options
 */
public record TailOptions(String endpoint, List<String> prefixes, boolean bind, boolean timestamp, boolean align,
		Color color, boolean json, long count, @Nullable Duration seconds, String separator, int rcvHwm,
		@Nullable CurveClientKeys curve, @Nullable Integer history, @Nullable Duration since,
		@Nullable String historyEndpoint, SocketTuning tuning) {

	/**
	 * The receive high-water mark without {@code --rcvhwm}: enough for a burst, while
	 * memory stays bounded when standard output stalls (a paused pager, a slow pipe).
	 */
	public static final int DEFAULT_RCVHWM = 10_000;

	static final String USAGE = """
			usage: zmq-log-tail ENDPOINT [-t PREFIX]... [--bind] [--timestamp] [--align]
			                    [--color auto|always|never] [--json] [--count N] [--seconds S]
			                    [--separator TEXT] [--rcvhwm N]
			                    [--curve-server-key KEY [--curve-key-file FILE]]
			                    [-n N] [--since DURATION] [--history ENDPOINT]
			                    [--reconnect-interval D] [--reconnect-interval-max D]
			                    [--heartbeat-interval D] [--heartbeat-timeout D] [--heartbeat-ttl D]
			                    [--tcp-keepalive on|off] [--tcp-keepalive-idle S] ...
			       zmq-log-tail web [--listen HOST:PORT] [--token TOKEN] ENDPOINT [-t PREFIX]...
			       zmq-log-tail proxy --frontend ENDPOINT --backend ENDPOINT [--history ENDPOINT]
			                          [--stats DURATION [--json]] [CURVE options] (proxy --help)
			       zmq-log-tail keygen [--out FILE]

			Prints ZeroMQ log messages ([topic, message]) as 'topic | message' lines, like
			python3 -m zmq.log. ENDPOINT is e.g. tcp://127.0.0.1:5556.
			  -t, --topic PREFIX   subscribe to a topic prefix (repeatable; default: everything)
			  --bind               bind ENDPOINT instead of connecting (publishers connect here)
			  --timestamp          print the local time first
			  --align              pad topic segments so that messages line up
			  --color WHEN         colour by level: auto (default, when on a terminal), always, never
			  --json               print one JSON object per message
			  --count N            stop after N messages
			  --seconds S          stop after S seconds
			  --separator TEXT     text between topic and message (default ' | ')
			  --rcvhwm N           messages held while output is slow (default %d); beyond
			                       that the publisher drops what this watcher would get, unseen
			  --curve-server-key KEY
			                       the publisher's CURVE public key (Z85): encrypt, and
			                       authenticate with this client's key pair, read from
			                       --curve-key-file FILE (as keygen writes it), or from
			                       ZMQLOG_CURVE_PUBLIC_KEY and ZMQLOG_CURVE_SECRET_KEY;
			                       --curve-public-key/--curve-secret-key KEY also work, but
			                       other users see command lines in ps. The server key may
			                       come from ZMQLOG_CURVE_SERVER_KEY instead.
			  -n, --lines N        print the publisher's last N matching events first, then
			                       follow live, with no gap or duplicate between them; missed
			                       events show as [missed N events]
			  --since DURATION     only history this recent, e.g. 30s, 10m, 2h (alone: all kept)
			  --history ENDPOINT   the publisher's history endpoint (default: ENDPOINT's TCP
			                       port plus one, or its ipc/inproc name plus .history)
			%s

			web: a live view in a browser (zmq-log-tail web --help).
			proxy: an XSUB/XPUB forwarder; applications connect to --frontend, watchers to --backend.
			  Each side may be a CURVE server with its own allowlist; --stats prints what it does
			  (zmq-log-tail proxy --help). With --history it keeps the last 1000 events it
			  forwarded (subscribing to everything upstream) and serves them there to -n watchers.
			keygen: prints a new CURVE key pair as a ZeroMQ secret certificate (for
			  --curve-key-file, and whose public-key goes on the publisher's allowlist); with
			  --out FILE, writes it to FILE readable by its owner only and prints the public key.
			""".formatted(DEFAULT_RCVHWM, SocketTuning.USAGE.stripTrailing());

	/** When to colour lines. */
	public enum Color {

		/** When standard output is a terminal. */
		AUTO,

		/** Always. */
		ALWAYS,

		/** Never. */
		NEVER

	}

	/**
	 * Parses the watcher's arguments.
	 * @param args the arguments
	 * @return the options
	 * @throws IllegalArgumentException with a message for the user when an argument is
	 * wrong
	 */
	public static TailOptions parse(String... args) {
		return parse(System.getenv(), args);
	}

	/**
	 * Parses the watcher's arguments, with CURVE keys possibly in an environment.
	 * @param environment the environment
	 * @param args the arguments
	 * @return the options
	 * @throws IllegalArgumentException with a message for the user when an argument is
	 * wrong
	 */
	public static TailOptions parse(Map<String, String> environment, String... args) {
		String endpoint = null;
		List<String> prefixes = new ArrayList<>();
		boolean bind = false;
		boolean timestamp = false;
		boolean align = false;
		Color color = Color.AUTO;
		boolean json = false;
		long count = 0;
		Duration seconds = null;
		String separator = " | ";
		int rcvHwm = DEFAULT_RCVHWM;
		String curveServerKey = null;
		String curveKeyFile = null;
		String curvePublicKey = null;
		String curveSecretKey = null;
		int endpointIndex = -1;
		Integer history = null;
		Duration since = null;
		String historyEndpoint = null;
		boolean[] consumed = new boolean[args.length];
		SocketTuning tuning = SocketTuning.parse(args, consumed);
		for (int i = 0; i < args.length; i++) {
			if (consumed[i]) {
				continue;
			}
			String arg = args[i];
			switch (arg) {
				case "-t", "--topic" -> prefixes.add(value(args, ++i, arg));
				case "--bind" -> bind = true;
				case "--timestamp" -> timestamp = true;
				case "--align" -> align = true;
				case "--json" -> json = true;
				case "--color" -> color = color(args, ++i, arg);
				case "--count" -> count = positive(args, ++i, arg);
				case "--seconds" -> seconds = Duration.ofMillis((long) (positiveDecimal(args, ++i, arg) * 1000));
				case "--separator" -> separator = value(args, ++i, arg);
				case "--rcvhwm" -> rcvHwm = (int) Math.min(positive(args, ++i, arg), Integer.MAX_VALUE);
				case "--curve-server-key" -> curveServerKey = value(args, ++i, arg);
				case "--curve-key-file" -> curveKeyFile = value(args, ++i, arg);
				case "--curve-public-key" -> curvePublicKey = value(args, ++i, arg);
				case "--curve-secret-key" -> curveSecretKey = value(args, ++i, arg);
				case "-n", "--lines" -> history = count(args, ++i, arg);
				case "--since" -> since = duration(args, ++i, arg);
				case "--history" -> historyEndpoint = value(args, ++i, arg);
				default -> {
					if (arg.startsWith("-")) {
						throw new IllegalArgumentException("unknown option " + ShownArgument.shown(args, i));
					}
					if (endpoint != null) {
						throw new IllegalArgumentException("one endpoint only, got "
								+ ShownArgument.shown(args, endpointIndex) + " and " + ShownArgument.shown(args, i));
					}
					endpoint = arg;
					endpointIndex = i;
				}
			}
		}
		if (endpoint == null) {
			throw new IllegalArgumentException("an endpoint is required, e.g. tcp://127.0.0.1:5556");
		}
		if (!endpoint.contains("://")) {
			String shown = ShownArgument.hidden(args, endpointIndex) ? ShownArgument.shown(args, endpointIndex)
					: "'" + endpoint + "'";
			throw new IllegalArgumentException(shown + " is not an endpoint: expected e.g. tcp://127.0.0.1:5556");
		}
		CurveClientKeys curve = CurveClientKeys.of(curveServerKey, curveKeyFile, curvePublicKey, curveSecretKey,
				environment);
		if (curve != null && bind) {
			throw new IllegalArgumentException("CURVE works with a connecting watcher only: the publisher binds and"
					+ " is the CURVE server; drop --bind");
		}
		if (history == null && since != null) {
			history = Integer.MAX_VALUE;
		}
		if (history != null) {
			if (bind) {
				throw new IllegalArgumentException("-n works with a connecting watcher only: it asks the publisher's"
						+ " history endpoint; drop --bind");
			}
			if (historyEndpoint == null) {
				historyEndpoint = HistoryProtocol.derivedEndpoint(endpoint);
			}
			if (historyEndpoint == null) {
				throw new IllegalArgumentException(
						"no history endpoint follows from " + endpoint + ": give --history ENDPOINT");
			}
		}
		return new TailOptions(endpoint, List.copyOf(prefixes), bind, timestamp, align, color, json, count, seconds,
				separator, rcvHwm, curve, history, since, historyEndpoint, tuning);
	}

	private static int count(String[] args, int index, String option) {
		String value = value(args, index, option);
		long number = HistoryProtocol.number(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		if (number < 0) {
			throw new IllegalArgumentException(
					option + " takes a whole number, 0 or more, not " + shownValue(args, index));
		}
		return (int) Math.min(number, Integer.MAX_VALUE);
	}

	private static Duration duration(String[] args, int index, String option) {
		Duration duration = DurationArgument.parse(value(args, index, option).strip().toLowerCase(Locale.ROOT), 9, "ms",
				"s", "m", "h", "d");
		if (duration != null) {
			return duration;
		}
		throw new IllegalArgumentException(
				option + " takes a duration such as 30s, 10m or 2h, not " + shownValue(args, index));
	}

	private static String shownValue(String[] args, int index) {
		return ShownArgument.hidden(args, index) ? ShownArgument.shown(args, index) : "'" + args[index] + "'";
	}

	private static String value(String[] args, int index, String option) {
		if (index >= args.length) {
			throw new IllegalArgumentException(option + " needs a value");
		}
		return args[index];
	}

	private static Color color(String[] args, int index, String option) {
		String value = value(args, index, option);
		try {
			return Color.valueOf(value.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					option + " takes auto, always or never, not " + ShownArgument.shown(args, index));
		}
	}

	private static long positive(String[] args, int index, String option) {
		String value = value(args, index, option);
		try {
			long number = Long.parseLong(value);
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

	private static double positiveDecimal(String[] args, int index, String option) {
		String value = value(args, index, option);
		try {
			double number = Double.parseDouble(value);
			if (number > 0) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new IllegalArgumentException(
				option + " takes a positive number of seconds, not " + ShownArgument.shown(args, index));
	}

}

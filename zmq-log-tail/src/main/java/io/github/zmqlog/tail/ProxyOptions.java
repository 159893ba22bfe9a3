package io.github.zmqlog.tail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The forwarder's command line: {@code proxy --frontend ENDPOINT --backend ENDPOINT
 * [--history ENDPOINT] [--stats DURATION [--json]]}, CURVE for each side and the socket
 * tuning ({@link SocketTuning}) for both.
 *
 * @param frontend where instances connect
 * @param backend where watchers connect
 * @param history where to serve the history, or {@code null}
 * @param frontendCurve CURVE on the frontend, or {@code null} for plain text
 * @param backendCurve CURVE on the backend, or {@code null} for plain text
 * @param stats how often to print a status line on stderr, or {@code null} for never
 * @param json whether the status lines are JSON
 * @param tuning reconnect, heartbeat and keep-alive options, on both sides
 */
public record ProxyOptions(String frontend, String backend, @Nullable String history,
		@Nullable ForwarderCurve frontendCurve, @Nullable ForwarderCurve backendCurve, @Nullable Duration stats,
		boolean json, SocketTuning tuning) {

	static final String USAGE = """
			usage: zmq-log-tail proxy --frontend ENDPOINT --backend ENDPOINT [--history ENDPOINT]
			                          [--stats DURATION [--json]]
			                          [--frontend-key-file FILE --frontend-allowed-keys-file FILE]
			                          [--backend-key-file FILE --backend-allowed-keys-file FILE]
			                          [--reconnect-interval D] [--heartbeat-interval D] ...

			An XSUB/XPUB forwarder: applications connect to --frontend, watchers to --backend.
			  --history ENDPOINT   keep the last 1000 events forwarded (subscribing to everything
			                       upstream) and serve them there to -n watchers
			  --stats DURATION     print a status line every DURATION on stderr (e.g. 10s):
			                       instances and watchers connected, messages forwarded,
			                       subscriptions, CURVE refusals and failed handshakes on
			                       each side
			  --json               print the status lines as JSON
			  --frontend-key-file FILE
			                       be a CURVE server on the frontend with this secret
			                       certificate (keygen --out FILE), or with the secret key in
			                       ZMQLOG_FRONTEND_SECRET_KEY; only the instances whose public
			                       keys are listed get in:
			  --frontend-allowed-keys-file FILE
			                       one public key per line (bare, or public-key = "..."), #
			                       comments; --frontend-allowed-key KEY adds one (repeatable)
			  --backend-key-file FILE, --backend-allowed-keys-file FILE, --backend-allowed-key KEY
			                       the same for the backend and the watchers' keys
			                       (ZMQLOG_BACKEND_SECRET_KEY); each side is independent
			  Secret keys are never taken on the command line (ps shows it to every user).
			""";

	/**
	 * Parses the arguments after {@code proxy}.
	 * @param environment the environment, for the secret keys
	 * @param args the arguments
	 * @return the options
	 * @throws IllegalArgumentException with a message for the user, quoting no key
	 */
	public static ProxyOptions parse(Map<String, String> environment, String... args) {
		String frontend = null;
		String backend = null;
		String history = null;
		Duration stats = null;
		boolean json = false;
		boolean[] consumed = new boolean[args.length];
		SocketTuning tuning = SocketTuning.parse(args, consumed);
		Side front = new Side("frontend");
		Side back = new Side("backend");
		for (int i = 0; i < args.length; i++) {
			if (consumed[i]) {
				continue;
			}
			String arg = args[i];
			switch (arg) {
				case "--frontend" -> frontend = value(args, ++i, arg);
				case "--backend" -> backend = value(args, ++i, arg);
				case "--history" -> history = value(args, ++i, arg);
				case "--stats" -> stats = stats(args, ++i, arg);
				case "--json" -> json = true;
				default -> {
					Side side = arg.startsWith("--frontend-") ? front : arg.startsWith("--backend-") ? back : null;
					if (side == null || !side.take(arg.substring(side.name.length() + 3), value(args, i + 1, arg))) {
						throw new IllegalArgumentException("unknown proxy argument " + ShownArgument.shown(args, i));
					}
					i++;
				}
			}
		}
		if (frontend == null || backend == null) {
			throw new IllegalArgumentException("proxy needs --frontend ENDPOINT and --backend ENDPOINT");
		}
		if (json && stats == null) {
			throw new IllegalArgumentException("--json shapes the --stats lines: give --stats DURATION too");
		}
		return new ProxyOptions(frontend, backend, history, front.curve(environment), back.curve(environment), stats,
				json, tuning);
	}

	private static Duration stats(String[] args, int index, String option) {
		Duration duration = DurationArgument.parse(value(args, index, option).strip(), 9, "ms", "s", "m");
		if (duration != null && duration.toMillis() >= 100) {
			return duration;
		}
		throw new IllegalArgumentException(option + " takes a duration of 100ms or more, such as 10s or 1m, not "
				+ ShownArgument.shown(args, index));
	}

	private static String value(String[] args, int index, String option) {
		if (index >= args.length) {
			throw new IllegalArgumentException(option + " needs a value");
		}
		return args[index];
	}

	/** One side's CURVE options as given. */
	private static final class Side {

		private final String name;

		private @Nullable String keyFile;

		private @Nullable String allowedKeysFile;

		private final List<String> allowedKeys = new ArrayList<>();

		Side(String name) {
			this.name = name;
		}

		boolean take(String option, String value) {
			switch (option) {
				case "key-file" -> this.keyFile = value;
				case "allowed-keys-file" -> this.allowedKeysFile = value;
				case "allowed-key" -> this.allowedKeys.add(value);
				case "secret-key",
						"curve-secret-key" ->
					throw new IllegalArgumentException("--" + this.name + "-" + option
							+ ": the forwarder takes no secret key on the command line (every user sees it"
							+ " in ps); use --" + this.name + "-key-file FILE or "
							+ ForwarderCurve.secretKeyEnv(this.name));
				default -> {
					return false;
				}
			}
			return true;
		}

		@Nullable ForwarderCurve curve(Map<String, String> environment) {
			return ForwarderCurve.of(this.name, this.keyFile, this.allowedKeysFile, this.allowedKeys, environment);
		}

	}

}

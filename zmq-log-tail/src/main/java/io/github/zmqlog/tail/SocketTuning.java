package io.github.zmqlog.tail;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.zeromq.ZMQ;

/**
 * How a socket reconnects and finds dead peers: the reconnect interval and its backoff,
 * ZMTP heartbeats and TCP keep-alive, the same options on the watcher and the forwarder.
 * Each is {@code null} when not given, and then left at JeroMQ's default (reconnect every
 * 100 ms without backoff, no heartbeats, the system's keep-alive), which is the behaviour
 * without these options.
 *
 * @param reconnectInterval {@code --reconnect-interval}
 * @param reconnectIntervalMax {@code --reconnect-interval-max}: the interval doubles on
 * each failed attempt up to this
 * @param heartbeatInterval {@code --heartbeat-interval}: a ZMTP PING this often
 * @param heartbeatTimeout {@code --heartbeat-timeout}: the connection is closed when
 * nothing arrives this long after a PING
 * @param heartbeatTtl {@code --heartbeat-ttl}: the peer closes the connection when it
 * hears nothing from this side this long
 * @param tcpKeepAlive {@code --tcp-keepalive on|off}
 * @param tcpKeepAliveIdle {@code --tcp-keepalive-idle}, whole seconds
 * @param tcpKeepAliveInterval {@code --tcp-keepalive-interval}, whole seconds
 * @param tcpKeepAliveCount {@code --tcp-keepalive-count}
 */
public record SocketTuning(@Nullable Duration reconnectInterval, @Nullable Duration reconnectIntervalMax,
		@Nullable Duration heartbeatInterval, @Nullable Duration heartbeatTimeout, @Nullable Duration heartbeatTtl,
		@Nullable Boolean tcpKeepAlive, @Nullable Duration tcpKeepAliveIdle, @Nullable Duration tcpKeepAliveInterval,
		@Nullable Integer tcpKeepAliveCount) {

	/** No option given: JeroMQ's defaults. */
	public static final SocketTuning DEFAULTS = new SocketTuning(null, null, null, null, null, null, null, null, null);

	/** ZMTP carries the TTL in deciseconds in 16 bits. */
	private static final long MAX_TTL_MILLIS = 6_553_500;

	static final Set<String> OPTIONS = Set.of("--reconnect-interval", "--reconnect-interval-max",
			"--heartbeat-interval", "--heartbeat-timeout", "--heartbeat-ttl", "--tcp-keepalive", "--tcp-keepalive-idle",
			"--tcp-keepalive-interval", "--tcp-keepalive-count");

	static final String USAGE = """
			  --reconnect-interval DURATION
			                       wait this long before reconnecting (default 100ms), e.g. 250ms, 2s
			  --reconnect-interval-max DURATION
			                       double the wait after each failed attempt, up to this
			                       (default: no backoff)
			  --heartbeat-interval DURATION
			                       send a ZMTP heartbeat this often (default: none)
			  --heartbeat-timeout DURATION
			                       drop the connection (and reconnect) when nothing answers a
			                       heartbeat this long (default: the interval)
			  --heartbeat-ttl DURATION
			                       ask the peer to drop this connection when it hears nothing
			                       this long (at least 100ms, whole tenths of a second)
			  --tcp-keepalive on|off
			                       TCP keep-alive (default: the system's)
			  --tcp-keepalive-idle S, --tcp-keepalive-interval S, --tcp-keepalive-count N
			                       keep-alive probes after S idle seconds, every S seconds,
			                       N unanswered ones close the connection
			""";

	/**
	 * Parses the options among a command line.
	 * @param args the arguments
	 * @param consumed set to true at each index taken (option and value)
	 * @return the options
	 * @throws IllegalArgumentException naming the option at fault and the rule
	 */
	static SocketTuning parse(String[] args, boolean[] consumed) {
		Duration reconnect = null;
		Duration reconnectMax = null;
		Duration heartbeat = null;
		Duration timeout = null;
		Duration ttl = null;
		Boolean keepAlive = null;
		Duration idle = null;
		Duration interval = null;
		Integer count = null;
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (!OPTIONS.contains(arg) || consumed[i]) {
				continue;
			}
			if (i + 1 >= args.length) {
				throw new IllegalArgumentException(arg + " needs a value");
			}
			consumed[i] = true;
			consumed[i + 1] = true;
			String value = args[++i];
			switch (arg) {
				case "--reconnect-interval" -> reconnect = millis(arg, value, 1);
				case "--reconnect-interval-max" -> reconnectMax = millis(arg, value, 1);
				case "--heartbeat-interval" -> heartbeat = millis(arg, value, 1);
				case "--heartbeat-timeout" -> timeout = millis(arg, value, 1);
				case "--heartbeat-ttl" -> ttl = millis(arg, value, 100);
				case "--tcp-keepalive" -> keepAlive = onOff(arg, value);
				case "--tcp-keepalive-idle" -> idle = seconds(arg, value);
				case "--tcp-keepalive-interval" -> interval = seconds(arg, value);
				default -> count = probes(arg, value);
			}
		}
		if (reconnectMax != null && reconnect != null && reconnectMax.compareTo(reconnect) < 0) {
			throw new IllegalArgumentException("--reconnect-interval-max (" + reconnectMax.toMillis()
					+ " ms) must be at least --reconnect-interval (" + reconnect.toMillis() + " ms)");
		}
		if (reconnectMax != null && reconnect == null && reconnectMax.toMillis() < 100) {
			throw new IllegalArgumentException(
					"--reconnect-interval-max must be at least the reconnect interval, 100 ms by default");
		}
		if (heartbeat == null && (timeout != null || ttl != null)) {
			throw new IllegalArgumentException(((timeout != null) ? "--heartbeat-timeout" : "--heartbeat-ttl")
					+ " works with heartbeats only: give --heartbeat-interval too");
		}
		if (ttl != null && ttl.toMillis() > MAX_TTL_MILLIS) {
			throw new IllegalArgumentException("--heartbeat-ttl is at most 6553.5 s (ZMTP sends it in tenths of a"
					+ " second in 16 bits), not " + ttl.toMillis() + " ms");
		}
		if (Boolean.FALSE.equals(keepAlive) && (idle != null || interval != null || count != null)) {
			throw new IllegalArgumentException(
					"--tcp-keepalive-idle, -interval and -count need keep-alive on: drop --tcp-keepalive off");
		}
		if (keepAlive == null && (idle != null || interval != null || count != null)) {
			keepAlive = true;
		}
		return new SocketTuning(reconnect, reconnectMax, heartbeat, timeout, ttl, keepAlive, idle, interval, count);
	}

	private static Duration millis(String option, String value, long min) {
		Duration duration = duration(option, value);
		if (duration.toMillis() < min || duration.toMillis() > Integer.MAX_VALUE) {
			throw new IllegalArgumentException(option + " takes a duration from " + min + "ms to 24 days, not '"
					+ ShownArgument.shown(value) + "'");
		}
		return duration;
	}

	private static Duration seconds(String option, String value) {
		Duration duration = duration(option, value);
		if (duration.toMillis() % 1000 != 0 || duration.toSeconds() < 1 || duration.toSeconds() > 32_767) {
			throw new IllegalArgumentException(
					option + " takes whole seconds from 1 to 32767, not '" + ShownArgument.shown(value) + "'");
		}
		return duration;
	}

	private static Duration duration(String option, String value) {
		Duration duration = DurationArgument.parse(value.strip().toLowerCase(Locale.ROOT), 10, "ms", "s", "m", "h");
		if (duration == null) {
			throw new IllegalArgumentException(
					option + " takes a duration such as 250ms, 2s or 1m, not '" + ShownArgument.shown(value) + "'");
		}
		return duration;
	}

	private static int probes(String option, String value) {
		if (value.strip().matches("\\d{1,5}")) {
			int count = Integer.parseInt(value.strip());
			if (count >= 1 && count <= 32_767) {
				return count;
			}
		}
		throw new IllegalArgumentException(
				option + " takes a whole number from 1 to 32767, not '" + ShownArgument.shown(value) + "'");
	}

	private static boolean onOff(String option, String value) {
		return switch (value.toLowerCase(Locale.ROOT)) {
			case "on" -> true;
			case "off" -> false;
			default -> throw new IllegalArgumentException(
					option + " takes on or off, not '" + ShownArgument.shown(value) + "'");
		};
	}

	/**
	 * Sets what was given on a socket, before it binds or connects; what was not given
	 * stays JeroMQ's default.
	 * @param socket the socket
	 */
	void apply(ZMQ.Socket socket) {
		if (this.reconnectInterval != null) {
			socket.setReconnectIVL((int) this.reconnectInterval.toMillis());
		}
		if (this.reconnectIntervalMax != null) {
			socket.setReconnectIVLMax((int) this.reconnectIntervalMax.toMillis());
		}
		if (this.heartbeatInterval != null) {
			socket.setHeartbeatIvl((int) this.heartbeatInterval.toMillis());
		}
		if (this.heartbeatTimeout != null) {
			socket.setHeartbeatTimeout((int) this.heartbeatTimeout.toMillis());
		}
		if (this.heartbeatTtl != null) {
			socket.setHeartbeatTtl((int) this.heartbeatTtl.toMillis());
		}
		if (this.tcpKeepAlive != null) {
			socket.setTCPKeepAlive(this.tcpKeepAlive ? 1 : 0);
		}
		if (this.tcpKeepAliveIdle != null) {
			socket.setTCPKeepAliveIdle(this.tcpKeepAliveIdle.toSeconds());
		}
		if (this.tcpKeepAliveInterval != null) {
			socket.setTCPKeepAliveInterval(this.tcpKeepAliveInterval.toSeconds());
		}
		if (this.tcpKeepAliveCount != null) {
			socket.setTCPKeepAliveCount(this.tcpKeepAliveCount);
		}
	}

}

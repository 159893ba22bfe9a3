package io.github.zmqlog.tail;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The reconnect, heartbeat and keep-alive options: the same on the watcher and the
 * forwarder, set on real JeroMQ sockets, absent options leaving today's defaults, and bad
 * values refused with a message naming the option and the rule.
 */
class SocketTuningTests {

	private static final String[] TUNED = { "--reconnect-interval", "250ms", "--reconnect-interval-max", "5s",
			"--heartbeat-interval", "1s", "--heartbeat-timeout", "3s", "--heartbeat-ttl", "10s", "--tcp-keepalive-idle",
			"30", "--tcp-keepalive-interval", "5s", "--tcp-keepalive-count", "4" };

	@Test
	void theWatcherAndTheForwarderTakeTheSameOptionsAndSetThemOnTheirSockets() {
		SocketTuning watcher = TailOptions.parse(Map.of(), with(TUNED, "tcp://127.0.0.1:5556")).tuning();
		SocketTuning forwarder = ProxyOptions
			.parse(Map.of(), with(TUNED, "--frontend", "tcp://127.0.0.1:5559", "--backend", "tcp://127.0.0.1:5560"))
			.tuning();
		assertThat(forwarder).isEqualTo(watcher);
		assertThat(WebOptions.parse(Map.of(), with(TUNED, "tcp://127.0.0.1:5556")).tail().tuning()).isEqualTo(watcher);
		try (ZContext zmq = new ZContext(1)) {
			ZMQ.Socket socket = Watcher.unsubscribed(zmq,
					TailOptions.parse(Map.of(), with(TUNED, "tcp://127.0.0.1:5556")));
			assertThat(socket.getReconnectIVL()).isEqualTo(250);
			assertThat(socket.getReconnectIVLMax()).isEqualTo(5000);
			assertThat(socket.getHeartbeatIvl()).isEqualTo(1000);
			assertThat(socket.getHeartbeatTimeout()).isEqualTo(3000);
			assertThat(socket.getHeartbeatTtl()).isEqualTo(10000);
			assertThat(socket.getTCPKeepAlive()).isEqualTo(1);
			assertThat(socket.getTCPKeepAliveIdle()).isEqualTo(30);
			assertThat(socket.getTCPKeepAliveInterval()).isEqualTo(5);
			assertThat(socket.getTCPKeepAliveCount()).isEqualTo(4);
		}
	}

	@Test
	void withoutTheOptionsSocketsKeepJeroMqsDefaults() {
		assertThat(TailOptions.parse(Map.of(), "tcp://127.0.0.1:5556").tuning()).isEqualTo(SocketTuning.DEFAULTS);
		assertThat(
				ProxyOptions.parse(Map.of(), "--frontend", "tcp://127.0.0.1:5559", "--backend", "tcp://127.0.0.1:5560")
					.tuning())
			.isEqualTo(SocketTuning.DEFAULTS);
		try (ZContext zmq = new ZContext(1)) {
			ZMQ.Socket fresh = zmq.createSocket(SocketType.SUB);
			ZMQ.Socket watcher = Watcher.unsubscribed(zmq, TailOptions.parse(Map.of(), "tcp://127.0.0.1:5556"));
			assertThat(watcher.getReconnectIVL()).isEqualTo(fresh.getReconnectIVL()).isEqualTo(100);
			assertThat(watcher.getReconnectIVLMax()).isEqualTo(fresh.getReconnectIVLMax()).isZero();
			assertThat(watcher.getHeartbeatIvl()).isEqualTo(fresh.getHeartbeatIvl()).isZero();
			assertThat(watcher.getTCPKeepAlive()).isEqualTo(fresh.getTCPKeepAlive()).isEqualTo(-1);
		}
	}

	@Test
	void badValuesAreRefusedNamingTheOptionAndTheRule() {
		assertRefused("--reconnect-interval takes a duration such as 250ms, 2s or 1m, not 'soon'",
				"--reconnect-interval", "soon");
		assertRefused("--reconnect-interval takes a duration from 1ms to 24 days, not '0'", "--reconnect-interval",
				"0");
		assertRefused("--reconnect-interval-max (100 ms) must be at least --reconnect-interval (1000 ms)",
				"--reconnect-interval", "1s", "--reconnect-interval-max", "100ms");
		assertRefused("--heartbeat-timeout works with heartbeats only: give --heartbeat-interval too",
				"--heartbeat-timeout", "5s");
		assertRefused("--heartbeat-ttl takes a duration from 100ms to 24 days, not '50ms'", "--heartbeat-interval",
				"1s", "--heartbeat-ttl", "50ms");
		assertRefused("--heartbeat-ttl is at most 6553.5 s", "--heartbeat-interval", "1s", "--heartbeat-ttl", "2h");
		assertRefused("--tcp-keepalive takes on or off, not 'yes'", "--tcp-keepalive", "yes");
		assertRefused("--tcp-keepalive-idle takes whole seconds from 1 to 32767, not '1500ms'", "--tcp-keepalive-idle",
				"1500ms");
		assertRefused("--tcp-keepalive-count takes a whole number from 1 to 32767, not '0'", "--tcp-keepalive-count",
				"0");
		assertRefused("need keep-alive on: drop --tcp-keepalive off", "--tcp-keepalive", "off", "--tcp-keepalive-count",
				"3");
		assertRefused("--heartbeat-interval needs a value", "--heartbeat-interval");
	}

	private static void assertRefused(String message, String... args) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TailOptions.parse(Map.of(), with(new String[] { "tcp://127.0.0.1:5556" }, args)))
			.withMessageContaining(message);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ProxyOptions.parse(Map.of(), with(
					new String[] { "--frontend", "tcp://127.0.0.1:5559", "--backend", "tcp://127.0.0.1:5560" }, args)))
			.withMessageContaining(message);
	}

	private static String[] with(String[] first, String... more) {
		String[] all = new String[first.length + more.length];
		System.arraycopy(first, 0, all, 0, first.length);
		System.arraycopy(more, 0, all, first.length, more.length);
		return all;
	}

}

package io.github.zmqlog.logback.transport;

import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SocketTuning} on a real JeroMQ socket: what it sets is what the socket reports,
 * and the default is what the socket had before the options existed.
 */
class SocketTuningTests {

	@Test
	void theOptionsReachTheSocket() {
		try (ZContext context = new ZContext(1)) {
			ZMQ.Socket socket = context.createSocket(SocketType.XPUB);
			new SocketTuning(250, 4000, 2000, 9000, 1, 30, 5, 4).applyTo(socket);
			assertThat(socket.getReconnectIVL()).isEqualTo(250);
			assertThat(socket.getReconnectIVLMax()).isEqualTo(4000);
			assertThat(socket.getHeartbeatIvl()).isEqualTo(2000);
			// ZeroMQ keeps the TTL in tenths of a second.
			assertThat(socket.getHeartbeatTtl()).isEqualTo(9000);
			assertThat(socket.getTCPKeepAlive()).isEqualTo(1);
			assertThat(socket.getTCPKeepAliveIdle()).isEqualTo(30);
			assertThat(socket.getTCPKeepAliveInterval()).isEqualTo(5);
			assertThat(socket.getTCPKeepAliveCount()).isEqualTo(4);
		}
	}

	@Test
	void theDefaultIsJeroMqsWithTheOneSecondHeartbeat() {
		try (ZContext context = new ZContext(1)) {
			ZMQ.Socket untouched = context.createSocket(SocketType.XPUB);
			ZMQ.Socket tuned = context.createSocket(SocketType.XPUB);
			SocketTuning.DEFAULT.applyTo(tuned);
			assertThat(tuned.getReconnectIVL()).isEqualTo(untouched.getReconnectIVL());
			assertThat(tuned.getReconnectIVLMax()).isEqualTo(untouched.getReconnectIVLMax());
			assertThat(tuned.getHeartbeatTtl()).isEqualTo(untouched.getHeartbeatTtl());
			assertThat(tuned.getTCPKeepAlive()).isEqualTo(untouched.getTCPKeepAlive());
			assertThat(tuned.getTCPKeepAliveIdle()).isEqualTo(untouched.getTCPKeepAliveIdle());
			assertThat(tuned.getTCPKeepAliveInterval()).isEqualTo(untouched.getTCPKeepAliveInterval());
			assertThat(tuned.getTCPKeepAliveCount()).isEqualTo(untouched.getTCPKeepAliveCount());
			assertThat(tuned.getHeartbeatIvl()).isEqualTo(1000);
		}
	}

}

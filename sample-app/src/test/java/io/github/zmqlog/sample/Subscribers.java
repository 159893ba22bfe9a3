package io.github.zmqlog.sample;

import java.nio.charset.StandardCharsets;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * What a Java subscriber needs: a SUB, a short handshake interval (JeroMQ 0.6.0 otherwise
 * stalls about one new connection in twenty for 30 s), a prefix, connect.
 */
final class Subscribers {

	private Subscribers() {
	}

	static ZMQ.Socket subscribe(ZContext context, String endpoint, String prefix) {
		ZMQ.Socket subscriber = context.createSocket(SocketType.SUB);
		subscriber.setHandshakeIvl(1000);
		subscriber.subscribe(prefix.getBytes(StandardCharsets.UTF_8));
		subscriber.connect(endpoint);
		return subscriber;
	}

}

package io.github.zmqlog.benchmarks;

import java.nio.charset.StandardCharsets;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import io.github.zmqlog.logback.ZmqLogAppender;

/**
 * The transport limit: one PUB socket (our send high-water mark) sending pre-built
 * two-frame messages {@code [myapp.INFO.sub.topic, body]}, no logging framework. Several
 * calling threads share the socket under a lock: one socket is one endpoint and one
 * connection per subscriber, as for the appenders (a socket per thread would be as many
 * endpoints for a subscriber to connect to).
 */
final class RawJeroMqTarget implements Target {

	static final String NAME = "raw-jeromq";

	private final ZContext context;

	private final ZMQ.Socket socket;

	private final byte[] topic = Workload.TOPIC.getBytes(StandardCharsets.UTF_8);

	private final byte[] body = Workload.body(123456, 42);

	private final boolean stampIds;

	private final String prefix = Workload.bodyPrefix();

	private final String endpoint;

	RawJeroMqTarget(boolean stampIds) {
		this.stampIds = stampIds;
		this.context = new ZContext(1);
		this.socket = this.context.createSocket(SocketType.PUB);
		this.socket.setSndHWM(ZmqLogAppender.DEFAULT_SEND_HWM);
		this.socket.setHandshakeIvl(2000);
		this.socket.bind("tcp://127.0.0.1:*");
		this.endpoint = this.socket.getLastEndpoint();
	}

	@Override
	public void log(long id, int ms) {
		byte[] message = this.stampIds ? (this.prefix + id + Workload.bodySuffix(ms)).getBytes(StandardCharsets.UTF_8)
				: this.body;
		synchronized (this.socket) {
			this.socket.sendMore(this.topic);
			this.socket.send(message);
		}
	}

	@Override
	public String endpoint() {
		return this.endpoint;
	}

	@Override
	public void close() {
		this.context.close();
	}

}

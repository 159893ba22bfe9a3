package io.github.zmqlog.tail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The forwarder's ZAP handler (ZeroMQ RFC 27): tells its CURVE sides whether a client
 * that completed the handshake may connect, by its public key. ZeroMQ lets every client
 * with a valid handshake in when nothing answers ZAP, so this binds before either side
 * does. It runs no thread of its own: the proxy loop polls {@link #socket()} and calls
 * {@link #answer()}, so that every socket of the forwarder stays on one thread. (The
 * appender's {@code ZapHandler} reports through Logback's status, which the tail's jar
 * leaves out; this one counts, for {@code --stats}.)
 */
final class ForwarderZap {

	static final String FRONTEND = "zmq-log-tail-frontend";

	static final String BACKEND = "zmq-log-tail-backend";

	private final ZMQ.Socket socket;

	private final @Nullable ForwarderCurve frontend;

	private final @Nullable ForwarderCurve backend;

	private long refusedFrontend;

	private long refusedBackend;

	/**
	 * Binds the handler in the forwarder's context.
	 * @param context the forwarder's context, before its CURVE sockets bind
	 * @param frontend the frontend's CURVE, or {@code null}
	 * @param backend the backend's CURVE, or {@code null}
	 */
	ForwarderZap(ZContext context, @Nullable ForwarderCurve frontend, @Nullable ForwarderCurve backend) {
		this.frontend = frontend;
		this.backend = backend;
		this.socket = context.createSocket(SocketType.REP);
		this.socket.setLinger(0);
		this.socket.bind("inproc://zeromq.zap.01");
	}

	ZMQ.Socket socket() {
		return this.socket;
	}

	/**
	 * Answers the requests waiting, without blocking.
	 * @return whether a refusal was counted
	 */
	boolean answer() {
		boolean refused = false;
		List<byte[]> request;
		while ((request = receive()) != null) {
			// version, request id, domain, address, identity, mechanism, credentials...
			boolean allowed = decide(request);
			refused |= !allowed;
			this.socket.sendMore("1.0");
			this.socket.sendMore((request.size() > 1) ? request.get(1) : new byte[0]);
			this.socket.sendMore(allowed ? "200" : "400");
			this.socket.sendMore(allowed ? "OK" : "Client key not allowed");
			this.socket.sendMore("");
			this.socket.send(new byte[0]);
		}
		return refused;
	}

	private boolean decide(List<byte[]> request) {
		String domain = (request.size() > 2) ? text(request.get(2)) : "";
		ForwarderCurve curve = domain.equals(FRONTEND) ? this.frontend : domain.equals(BACKEND) ? this.backend : null;
		boolean allowed = curve != null && request.size() >= 7 && "1.0".equals(text(request.get(0)))
				&& "CURVE".equals(text(request.get(5))) && request.get(6).length == 32 && curve.allows(request.get(6));
		if (!allowed && domain.equals(FRONTEND)) {
			this.refusedFrontend++;
		}
		else if (!allowed && domain.equals(BACKEND)) {
			this.refusedBackend++;
		}
		return allowed;
	}

	private @Nullable List<byte[]> receive() {
		byte[] first = this.socket.recv(ZMQ.DONTWAIT);
		if (first == null) {
			return null;
		}
		List<byte[]> frames = new ArrayList<>();
		frames.add(first);
		while (this.socket.hasReceiveMore()) {
			frames.add(this.socket.recv());
		}
		return frames;
	}

	private static String text(byte[] frame) {
		return new String(frame, StandardCharsets.UTF_8);
	}

	long refusedFrontend() {
		return this.refusedFrontend;
	}

	long refusedBackend() {
		return this.refusedBackend;
	}

}

package io.github.zmqlog.logback;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.jspecify.annotations.Nullable;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import io.github.zmqlog.logback.curve.CurveSecurity;
import io.github.zmqlog.logback.curve.ZapHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A SUB that binds, for an appender that connects (as to a forwarder): on its own
 * context, subscribed to everything, optionally a CURVE server through the project's own
 * {@link CurveSecurity} and {@link ZapHandler} with an allowlist. Used by the test thread
 * only.
 */
final class BoundSubscriber implements AutoCloseable {

	private final ZContext context = new ZContext(1);

	private final ZMQ.Socket socket;

	private final @Nullable CurveSecurity curve;

	private final ZapHandler.@Nullable Registration zap;

	private final LoggerContext status = new LoggerContext();

	private final String endpoint;

	private boolean closed;

	/**
	 * Binds a SUB.
	 * @param bind the endpoint, {@code tcp://127.0.0.1:*} or a port to take again
	 * @param server the CURVE server options, or {@code null} for plain text
	 */
	BoundSubscriber(String bind, @Nullable CurveConfiguration server) {
		this.socket = this.context.createSocket(SocketType.SUB);
		this.socket.setLinger(0);
		this.socket.setHandshakeIvl(1000);
		this.socket.setReceiveTimeOut(100);
		if (server != null) {
			List<ConfigurationProblem> problems = new ArrayList<>();
			this.curve = CurveSecurity.check(server, true, false, problems);
			assertThat(problems).isEmpty();
			ContextAwareBase aware = new ContextAwareBase();
			aware.setContext(this.status);
			this.zap = this.curve.apply(this.context, this.socket, aware);
		}
		else {
			this.curve = null;
			this.zap = null;
		}
		this.socket.subscribe(new byte[0]);
		try {
			this.socket.bind(bind);
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
		this.endpoint = this.socket.getLastEndpoint();
	}

	String endpoint() {
		return this.endpoint;
	}

	/**
	 * Receives one message, the topic and body, within a timeout.
	 * @param timeout how long to wait
	 * @return {@code topic + " " + body}, or {@code null}
	 */
	@Nullable String receive(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		do {
			byte[] topic = this.socket.recv();
			if (topic != null) {
				byte[] body = this.socket.hasReceiveMore() ? this.socket.recv() : new byte[0];
				return new String(topic, StandardCharsets.UTF_8) + " " + new String(body, StandardCharsets.UTF_8);
			}
		}
		while (System.nanoTime() < deadline);
		return null;
	}

	/**
	 * Returns how many CURVE handshakes this server refused.
	 * @return the count
	 */
	long refused() {
		return (this.curve != null) ? this.curve.refusedClients() : 0;
	}

	/**
	 * Returns how many CURVE clients this server admitted.
	 * @return the count
	 */
	long admitted() {
		return (this.curve != null) ? this.curve.admittedClients() : 0;
	}

	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		this.socket.close();
		if (this.zap != null) {
			this.zap.close();
		}
		this.context.close();
		this.status.stop();
	}

}

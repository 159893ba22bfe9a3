package io.github.zmqlog.logback.curve;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import ch.qos.logback.core.spi.ContextAware;
import org.jspecify.annotations.Nullable;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;
import zmq.ZError;

import io.github.zmqlog.logback.status.StatusThrottle;
import io.github.zmqlog.logback.thread.ThreadStart;

/**
 * A ZAP handler (ZeroMQ RFC 27): the thread that tells a CURVE server socket whether the
 * client that just proved it holds a key pair may connect. Without a handler ZeroMQ lets
 * every client with a valid handshake in, so one is registered before a CURVE socket
 * binds and unregistered after it closes.
 *
 * <p>
 * ZeroMQ looks for the handler at {@code inproc://zeromq.zap.01} in the socket's context,
 * so a context has at most one. Every appender using a context registers its own ZAP
 * domain and allowlist with the one handler of that context, which runs while any
 * registration is open. A request for a domain nobody registered (another CURVE or PLAIN
 * socket in a shared context) is denied. If something else already serves ZAP in the
 * context (JeroMQ's {@code ZAuth}), registering fails.
 *
 * <p>
 * The handler fails closed: a request it cannot decide is denied, a status listener that
 * throws while a refusal is reported is ignored, and if the thread dies all the same (an
 * {@link Error}) its socket stays bound and unanswered, so that no handshake completes,
 * and {@link Registration#failure()} says so until the last registration is closed.
 */
public final class ZapHandler {

	private static final String ENDPOINT = "inproc://zeromq.zap.01";

	private static final int POLL_MILLIS = 100;

	private static final long START_TIMEOUT_MILLIS = 10_000;

	private static final long STOP_TIMEOUT_MILLIS = 2_000;

	private static final Map<ZContext, ZapHandler> handlers = new IdentityHashMap<>();

	private static final AtomicInteger domains = new AtomicInteger();

	private static final AtomicInteger threads = new AtomicInteger();

	private final ZContext context;

	private final Map<String, Policy> policies = new ConcurrentHashMap<>();

	private final Thread thread;

	private final CountDownLatch bound = new CountDownLatch(1);

	private volatile boolean running = true;

	private volatile @Nullable RuntimeException bindFailure;

	/** The REP socket, left bound by a thread that died; handed over by its end. */
	private volatile ZMQ.@Nullable Socket socket;

	private volatile @Nullable String failure;

	private ZapHandler(ZContext context) {
		this.context = context;
		this.thread = ThreadStart.daemon("zmqlog-zap-" + threads.incrementAndGet(), this::run);
	}

	/**
	 * Registers an allowlist with the handler of a context, starting the handler if there
	 * is none. When this returns, the handler is bound and answers requests for the
	 * returned domain.
	 * @param context the context of the CURVE socket
	 * @param policy whom to let in
	 * @return the registration; close it after the socket is closed
	 * @throws ZapException when the handler cannot bind
	 */
	static Registration register(ZContext context, Policy policy) throws ZapException {
		synchronized (handlers) {
			ZapHandler handler = handlers.get(context);
			if (handler == null) {
				handler = new ZapHandler(context);
				handler.start();
				handlers.put(context, handler);
			}
			String domain = "zmqlog-" + domains.incrementAndGet();
			handler.policies.put(domain, policy);
			return new Registration(handler, domain);
		}
	}

	private void start() throws ZapException {
		ThreadStart.Outcome started = ThreadStart.startAndAwait(this.thread, this.bound, START_TIMEOUT_MILLIS);
		if (started != ThreadStart.Outcome.READY) {
			this.running = false;
			throw new ZapException((started == ThreadStart.Outcome.TIMED_OUT)
					? "the ZAP handler did not start within " + (START_TIMEOUT_MILLIS / 1000) + " s"
					: "interrupted while starting the ZAP handler");
		}
		RuntimeException failure = this.bindFailure;
		if (failure != null) {
			String reason = (failure instanceof ZMQException zmq && zmq.getErrorCode() == ZError.EADDRINUSE)
					? "another ZAP handler (such as JeroMQ's ZAuth) already serves the appender's ZContext; give"
							+ " the appender a ZContext of its own"
					: "could not start the ZAP handler: " + failure;
			throw new ZapException(reason);
		}
	}

	private void unregister(String domain) {
		synchronized (handlers) {
			this.policies.remove(domain);
			if (!this.policies.isEmpty()) {
				return;
			}
			handlers.remove(this.context);
			this.running = false;
			// Under the lock: a handler registered next for this context binds after this
			// one unbound. An interrupted caller waits all the same, or the endpoint
			// stays bound and the next registration fails.
			ThreadStart.join(this.thread, STOP_TIMEOUT_MILLIS);
			ZMQ.Socket abandoned = this.socket;
			if (abandoned != null && !this.thread.isAlive()) {
				// The thread died and left it bound: unbind it, so that a handler started
				// next for this context can bind.
				this.socket = null;
				unbindAndClose(abandoned);
			}
		}
	}

	private void run() {
		ZMQ.Socket socket = null;
		try {
			socket = this.context.createSocket(SocketType.REP);
			socket.setLinger(0);
			socket.setReceiveTimeOut(POLL_MILLIS);
			socket.bind(ENDPOINT);
		}
		catch (RuntimeException ex) {
			this.bindFailure = ex;
			this.running = false;
			if (socket != null) {
				this.context.destroySocket(socket);
			}
			return;
		}
		finally {
			this.bound.countDown();
		}
		boolean failed = false;
		try {
			while (this.running) {
				List<byte[]> request;
				try {
					request = receive(socket);
				}
				catch (ZMQException ex) {
					if (ex.getErrorCode() == ZError.ETERM) {
						return; // the context was closed under the socket: nothing is
								// left to guard
					}
					continue;
				}
				if (request != null) {
					reply(socket, request);
				}
			}
		}
		catch (RuntimeException | Error ex) {
			failed = true;
			died(ex);
			throw ex;
		}
		finally {
			if (!this.running) {
				// Unbinding an inproc endpoint is immediate; closing alone frees it
				// later, on the reaper.
				unbindAndClose(socket);
			}
			else if (failed) {
				// The socket stays bound and unanswered, so handshakes wait and none
				// passes. The last unregister() unbinds it.
				this.socket = socket;
			}
		}
	}

	private void died(Throwable ex) {
		String reason = "the ZAP handler thread failed (" + ex + "): every CURVE client is refused, allowed ones"
				+ " too, until the appender is restarted";
		this.failure = reason;
		for (Policy policy : this.policies.values()) {
			try {
				policy.report(reason, ex);
			}
			catch (Error again) {
				// Dying already; the stats carry the reason.
			}
		}
	}

	private void unbindAndClose(ZMQ.Socket socket) {
		try {
			socket.unbind(ENDPOINT);
		}
		catch (RuntimeException ex) {
			// the context is closing: the endpoint goes with it
		}
		this.context.destroySocket(socket);
	}

	private static @Nullable List<byte[]> receive(ZMQ.Socket socket) {
		byte[] first = socket.recv();
		if (first == null) {
			return null;
		}
		List<byte[]> frames = new ArrayList<>();
		frames.add(first);
		while (socket.hasReceiveMore()) {
			frames.add(socket.recv());
		}
		return frames;
	}

	private void reply(ZMQ.Socket socket, List<byte[]> request) {
		// version, request id, domain, address, identity, mechanism, credentials...
		String requestId = (request.size() > 1) ? text(request.get(1)) : "";
		String statusText;
		try {
			statusText = decide(request);
		}
		catch (RuntimeException ex) {
			// Denied, and the handler goes on answering: a REP socket must reply.
			statusText = "Internal error";
		}
		boolean allowed = statusText.equals("OK");
		socket.sendMore("1.0");
		socket.sendMore(requestId);
		socket.sendMore(allowed ? "200" : "400");
		socket.sendMore(statusText);
		socket.sendMore("");
		socket.send(new byte[0]);
	}

	/**
	 * Decides a request and counts it.
	 * @param request the request's frames
	 * @return {@code OK} when the client may connect, otherwise why not
	 */
	private String decide(List<byte[]> request) {
		if (request.size() < 6 || !"1.0".equals(text(request.get(0)))) {
			return "Malformed ZAP request";
		}
		Policy policy = this.policies.get(text(request.get(2)));
		if (policy == null) {
			return "No CURVE allowlist for this ZAP domain";
		}
		if (!"CURVE".equals(text(request.get(5))) || request.size() < 7 || request.get(6).length != 32) {
			policy.denied(text(request.get(3)));
			return "CURVE required";
		}
		if (!policy.allows(request.get(6))) {
			policy.denied(text(request.get(3)));
			return "Client key not allowed";
		}
		policy.allowed.incrementAndGet();
		return "OK";
	}

	private static String text(byte[] frame) {
		return new String(frame, StandardCharsets.UTF_8);
	}

	/** Whom one appender lets in, and how many it let in or refused. */
	static final class Policy {

		private final Set<String> allowedKeys;

		private final boolean allowAny;

		private final ContextAware status;

		private final StatusThrottle deniedStatus = new StatusThrottle();

		final AtomicLong allowed = new AtomicLong();

		final AtomicLong denied = new AtomicLong();

		/**
		 * Creates a policy.
		 * @param allowedKeys the allowed client public keys, 32 bytes each
		 * @param allowAny whether any client with a valid CURVE handshake may connect
		 * @param status where refusals are reported (thinned, and without keys)
		 */
		Policy(List<byte[]> allowedKeys, boolean allowAny, ContextAware status) {
			this.allowedKeys = Set.copyOf(allowedKeys.stream().map(CurveKeys::encode).toList());
			this.allowAny = allowAny;
			this.status = status;
		}

		boolean allows(byte[] clientKey) {
			return this.allowAny || this.allowedKeys.contains(CurveKeys.encode(clientKey));
		}

		void denied(String address) {
			long count = this.denied.incrementAndGet();
			if (this.deniedStatus.allow()) {
				report("Refused a CURVE client from " + address + ": its public key is not allowed (" + count
						+ " refused so far; a refused client may keep retrying)", null);
			}
		}

		/**
		 * Reports through the appender's status; a status listener that throws a
		 * {@link RuntimeException} is ignored, so that it cannot stop the handler.
		 * @param message the warning, naming no key
		 * @param cause the exception behind it, or {@code null}
		 */
		void report(String message, @Nullable Throwable cause) {
			try {
				this.status.addWarn(message, cause);
			}
			catch (RuntimeException ex) {
				// What the status cannot take is still counted, or in the stats.
			}
		}

	}

	/**
	 * One appender's registration; closing the last one of a context stops its handler.
	 */
	public static final class Registration implements AutoCloseable {

		private final ZapHandler handler;

		private final String domain;

		private Registration(ZapHandler handler, String domain) {
			this.handler = handler;
			this.domain = domain;
		}

		/**
		 * Returns the ZAP domain to set on the socket.
		 * @return the domain
		 */
		String domain() {
			return this.domain;
		}

		/**
		 * Returns why the handler stopped answering.
		 * @return the reason, or {@code null} while it answers
		 */
		@Nullable String failure() {
			return this.handler.failure;
		}

		@Override
		public void close() {
			this.handler.unregister(this.domain);
		}

	}

	/** The handler could not start; the message names no key. */
	public static final class ZapException extends RuntimeException {

		ZapException(String message) {
			super(message);
		}

	}

}

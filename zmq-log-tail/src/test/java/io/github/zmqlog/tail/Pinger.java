package io.github.zmqlog.tail;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * An instance as raw JeroMQ: a PUB, a CURVE client when given keys, connecting to the
 * forwarder's frontend and sending {@code [topic, "ping N"]} every 20 ms on a thread of
 * its own (which owns the socket) until closed; what it sent is counted.
 */
final class Pinger implements AutoCloseable {

	private final ZContext context = new ZContext(1);

	private final Thread thread;

	private final CountDownLatch done = new CountDownLatch(1);

	private final AtomicLong sent = new AtomicLong();

	private volatile boolean running = true;

	/**
	 * Starts sending.
	 * @param endpoint the frontend
	 * @param topic the topic of every message
	 * @param serverKey the frontend's public key, or {@code null} for plain text
	 * @param keys this instance's key pair, or {@code null}
	 */
	Pinger(String endpoint, String topic, @Nullable String serverKey, ZMQ.Curve.@Nullable KeyPair keys) {
		this.thread = new Thread(() -> {
			ZMQ.Socket socket = this.context.createSocket(SocketType.PUB);
			try {
				socket.setHandshakeIvl(1000);
				socket.setLinger(0);
				if (serverKey != null && keys != null) {
					socket.setCurveServerKey(ZMQ.Curve.z85Decode(serverKey));
					socket.setCurvePublicKey(ZMQ.Curve.z85Decode(keys.publicKey));
					socket.setCurveSecretKey(ZMQ.Curve.z85Decode(keys.secretKey));
				}
				socket.connect(endpoint);
				long n = 0;
				while (this.running) {
					socket.sendMore(topic);
					socket.send(("ping " + (++n)).getBytes(StandardCharsets.UTF_8), ZMQ.DONTWAIT);
					this.sent.incrementAndGet();
					this.done.await(20, TimeUnit.MILLISECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				socket.close();
			}
		}, "pinger-" + topic);
		this.thread.setDaemon(true);
		this.thread.start();
	}

	long sent() {
		return this.sent.get();
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.done.countDown();
		this.thread.join(5000);
		this.context.close();
	}

}

package io.github.zmqlog.tail;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Not a test: a short probe of what the forwarder's own proxy loop (which counts, and
 * with {@code --stats} reads socket monitors) costs against JeroMQ's {@code ZMQ.proxy}.
 * One PUB sends N messages of 100 bytes into the frontend, one SUB counts them on the
 * backend. Run: {@code java -cp <test classpath> io.github.zmqlog.tail.ForwarderRateProbe
 * [N] [rounds]}.
 */
public final class ForwarderRateProbe {

	private ForwarderRateProbe() {
	}

	public static void main(String[] args) throws Exception {
		int n = (args.length > 0) ? Integer.parseInt(args[0]) : 200_000;
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 3;
		for (int round = 1; round <= rounds; round++) {
			System.out.printf("round %d: ZMQ.proxy %,d msg/s; Forwarder %,d msg/s; Forwarder --stats %,d msg/s%n",
					round, plainProxy(n), forwarder(n, false), forwarder(n, true));
		}
	}

	private static long forwarder(int n, boolean stats) throws Exception {
		Forwarder forwarder = new Forwarder(new ProxyOptions("tcp://127.0.0.1:*", "tcp://127.0.0.1:*", null, null, null,
				stats ? Duration.ofSeconds(10) : null, false, SocketTuning.DEFAULTS), 0);
		CompletableFuture<Void> run = CompletableFuture.runAsync(forwarder::run);
		String[] endpoints = forwarder.awaitReady(Duration.ofSeconds(10));
		try {
			return measure(endpoints[0], endpoints[1], n);
		}
		finally {
			forwarder.stop(Duration.ofSeconds(5));
			run.join();
		}
	}

	private static long plainProxy(int n) throws Exception {
		ZContext zmq = new ZContext(1);
		ZMQ.Socket front = zmq.createSocket(SocketType.XSUB);
		ZMQ.Socket back = zmq.createSocket(SocketType.XPUB);
		ZMQ.Socket control = zmq.createSocket(SocketType.PAIR);
		for (ZMQ.Socket socket : new ZMQ.Socket[] { front, back }) {
			socket.setHandshakeIvl(2000);
			socket.setRcvHWM(100_000);
			socket.setSndHWM(100_000);
		}
		control.bind("inproc://probe-control");
		front.bind("tcp://127.0.0.1:*");
		back.bind("tcp://127.0.0.1:*");
		String frontend = front.getLastEndpoint();
		String backend = back.getLastEndpoint();
		CompletableFuture<Void> run = CompletableFuture.runAsync(() -> ZMQ.proxy(front, back, null, control));
		try {
			return measure(frontend, backend, n);
		}
		finally {
			ZMQ.Socket command = zmq.createSocket(SocketType.PAIR);
			command.connect("inproc://probe-control");
			command.send(ZMQ.PROXY_TERMINATE);
			run.join();
			zmq.close();
		}
	}

	private static long measure(String frontend, String backend, int n) throws Exception {
		try (ZContext zmq = new ZContext(1)) {
			ZMQ.Socket sub = zmq.createSocket(SocketType.SUB);
			sub.setHandshakeIvl(1000);
			sub.setRcvHWM(0);
			sub.subscribe(new byte[0]);
			sub.connect(backend);
			ZMQ.Socket pub = zmq.createSocket(SocketType.PUB);
			pub.setHandshakeIvl(1000);
			pub.setSndHWM(0);
			pub.connect(frontend);
			byte[] body = new byte[100];
			sub.setReceiveTimeOut(20);
			// The slow joiner: ping until the SUB sees one, then drain.
			while (true) {
				pub.sendMore("sync");
				pub.send(body);
				if (sub.recv() != null) {
					break;
				}
			}
			while (sub.recv() != null) {
				// drain the pings
			}
			sub.setReceiveTimeOut(2000);
			long start = System.nanoTime();
			CompletableFuture<Void> send = CompletableFuture.runAsync(() -> {
				for (int i = 0; i < n; i++) {
					pub.sendMore("app.INFO");
					pub.send(body);
				}
			});
			long received = 0;
			long last = start;
			while (received < n) {
				byte[] topic = sub.recv();
				if (topic == null) {
					break;
				}
				sub.recv();
				received++;
				last = System.nanoTime();
			}
			send.join();
			if (received < n) {
				System.out.printf("  (received %,d of %,d)%n", received, n);
			}
			return Math.round(received / ((last - start) / 1e9));
		}
	}

}

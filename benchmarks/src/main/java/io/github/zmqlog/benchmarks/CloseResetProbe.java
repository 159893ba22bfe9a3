package io.github.zmqlog.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Shows how messages a JeroMQ socket has accepted are lost when it closes, with a linger
 * long enough and a subscriber that reads everything: raw JeroMQ 0.6.0, no appender. An
 * XPUB sends a backlog to a SUB that has stalled for a moment; the XPUB closes (linger 20
 * s) while the SUB catches up. When the SUB sends nothing upstream while it reads
 * ("quiet"), it receives every message. When it does (here a subscription every 50
 * messages; in an application: subscriptions, heartbeat PINGs, PONGs answering the
 * publisher's PINGs), the publisher's socket can be closed with the subscriber's bytes
 * unread in its receive buffer; Linux then resets the connection instead of closing it
 * (the {@code TCPAbortOnClose} counter in {@code /proc/net/netstat} goes up) and what
 * both kernels still held for the subscriber is gone: about 2 MB here, uncounted by
 * either side.
 * <p>
 * {@code java -cp benchmarks.jar io.github.zmqlog.benchmarks.CloseResetProbe [runs]}
 */
public final class CloseResetProbe {

	private static final int MESSAGES = 20_000;

	private static final int BODY_BYTES = 1_000;

	private CloseResetProbe() {
	}

	public static void main(String[] args) throws Exception {
		int runs = (args.length > 0) ? Integer.parseInt(args[0]) : 3;
		System.out.println("| run | subscriber | received of " + MESSAGES
				+ " | TCPAbortOnClose during the run | context close took (waits out the linger) |");
		System.out.println("|---|---|---|---|---|");
		for (int run = 1; run <= runs; run++) {
			for (boolean chatter : new boolean[] { false, true }) {
				long abortsBefore = abortsOnClose();
				long[] result = run(chatter);
				long aborts = abortsOnClose() - abortsBefore;
				System.out.printf("| %d | %s | %,d | %s | %,d ms |%n", run, chatter ? "sends upstream" : "quiet",
						result[0], (abortsBefore < 0) ? "unknown" : Long.toString(aborts), result[1]);
			}
		}
	}

	private static long[] run(boolean chatter) throws InterruptedException {
		try (ZContext publisherContext = new ZContext(); ZContext subscriberContext = new ZContext()) {
			ZMQ.Socket xpub = publisherContext.createSocket(SocketType.XPUB);
			xpub.setSndHWM(1_000_000);
			xpub.setLinger(20_000);
			int port = xpub.bindToRandomPort("tcp://127.0.0.1");
			ZMQ.Socket sub = subscriberContext.createSocket(SocketType.SUB);
			sub.setHandshakeIvl(1000);
			sub.setRcvHWM(100);
			sub.setReceiveBufferSize(4096);
			sub.subscribe("t".getBytes(StandardCharsets.UTF_8));
			sub.connect("tcp://127.0.0.1:" + port);
			// Wait for the subscription, keeping the SUB's own thread busy with its
			// socket:
			// a JeroMQ SUB whose handshake stalled re-subscribes only then.
			xpub.setReceiveTimeOut(100);
			while (xpub.recv() == null) {
				sub.recv(ZMQ.DONTWAIT);
			}
			byte[] body = new byte[BODY_BYTES];
			for (int i = 0; i < MESSAGES; i++) {
				xpub.sendMore("t");
				xpub.send(body);
			}
			long[] closeMillis = new long[1];
			Thread closer = new Thread(() -> {
				long start = System.nanoTime();
				publisherContext.close();
				closeMillis[0] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			}, "closer");
			closer.start();
			// The scenario, not a synchronisation: the subscriber is behind when the
			// close begins and catches up within the linger.
			Thread.sleep(1000);
			sub.setReceiveTimeOut(3000);
			long received = 0;
			int subscriptions = 0;
			while (sub.recv() != null) {
				sub.recv();
				received++;
				if (chatter && received % 50 == 0) {
					sub.subscribe(("x" + subscriptions++).getBytes(StandardCharsets.UTF_8));
				}
			}
			closer.join();
			return new long[] { received, closeMillis[0] };
		}
	}

	/**
	 * Reads Linux's count of connections reset because the application closed them with
	 * data unread.
	 * @return the count, or -1 where it cannot be read
	 */
	private static long abortsOnClose() {
		try {
			List<String> lines = Files.readAllLines(Path.of("/proc/net/netstat"));
			for (int i = 0; i + 1 < lines.size(); i += 2) {
				String[] names = lines.get(i).split(" ");
				String[] values = lines.get(i + 1).split(" ");
				for (int k = 1; k < names.length && k < values.length; k++) {
					if (names[k].equals("TCPAbortOnClose")) {
						return Long.parseLong(values[k]);
					}
				}
			}
			return -1;
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

}

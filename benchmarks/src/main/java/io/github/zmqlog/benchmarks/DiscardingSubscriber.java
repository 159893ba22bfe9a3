package io.github.zmqlog.benchmarks;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The benchmarks' subscriber, in its own JVM: subscribes to everything on an endpoint and reads
 * and discards messages until its parent ends it.
 */
public final class DiscardingSubscriber {

	private DiscardingSubscriber() {
	}

	public static void main(String[] args) {
		try (ZContext context = new ZContext(1)) {
			ZMQ.Socket socket = context.createSocket(SocketType.SUB);
			socket.setHandshakeIvl(1000);
			socket.setRcvHWM(0);
			socket.subscribe(new byte[0]);
			socket.connect(args[0]);
			System.out.println("READY");
			System.out.flush();
			while (!Thread.currentThread().isInterrupted()) {
				socket.recv();
			}
		}
	}

}

package io.github.zmqlog.testsupport;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A subscriber process for fault tests:
 * {@code CountingSubscriber ENDPOINT PREFIX [--latency]}. Counts what it receives and
 * reports on stdout: {@code ready} once connected, {@code sync BODY} for each message
 * whose topic ends in {@value #SYNC}, {@code count N TWO_FRAMES} every 200 ms while the
 * count changes, and {@code end N TWO_FRAMES [LATENCIES]} when a message whose topic ends
 * in {@value #END} arrives, after which it exits. Sync and end messages are not counted.
 * With {@code --latency}, each counted body ends in {@code t=NANOS}, the sender's
 * {@code System.nanoTime()} (a clock every process on the host shares on Linux), and the
 * end line adds p50, p99 and max latency in microseconds.
 */
public final class CountingSubscriber {

	/** Subtopic of the messages a test logs until the subscriber reports one. */
	public static final String SYNC = "zmqlog-sync";

	/** Subtopic of the message that makes the subscriber report and exit. */
	public static final String END = "zmqlog-end";

	private CountingSubscriber() {
	}

	public static void main(String[] args) {
		PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
		boolean latency = args.length > 2 && args[2].equals("--latency");
		long[] latencies = new long[latency ? 1 << 20 : 0];
		try (ZContext context = new ZContext(1)) {
			ZMQ.Socket socket = context.createSocket(SocketType.SUB);
			socket.setHandshakeIvl(1000);
			socket.setRcvHWM(0);
			socket.setLinger(0);
			socket.setReceiveTimeOut(100);
			socket.subscribe(args[1].getBytes(StandardCharsets.UTF_8));
			socket.connect(args[0]);
			out.println("ready");
			long count = 0;
			long twoFrames = 0;
			long reported = 0;
			long nextReport = System.nanoTime();
			while (true) {
				byte[] topic = socket.recv();
				if (topic != null) {
					int frames = 1;
					byte[] body = null;
					while (socket.hasReceiveMore()) {
						byte[] frame = socket.recv();
						body = (frames == 1) ? frame : body;
						frames++;
					}
					String topicText = new String(topic, StandardCharsets.UTF_8);
					if (topicText.endsWith(SYNC)) {
						out.println("sync " + ((body != null) ? new String(body, StandardCharsets.UTF_8).trim() : ""));
					}
					else if (topicText.endsWith(END)) {
						out.println("end " + count + " " + twoFrames + (latency
								? " " + percentiles(latencies, (int) Math.min(count, latencies.length)) : ""));
						return;
					}
					else {
						if (latency && body != null && count < latencies.length) {
							latencies[(int) count] = System.nanoTime() - stamp(body);
						}
						count++;
						if (frames == 2) {
							twoFrames++;
						}
					}
				}
				if (System.nanoTime() - nextReport >= 0) {
					if (count != reported) {
						out.println("count " + count + " " + twoFrames);
						reported = count;
					}
					nextReport = System.nanoTime() + 200_000_000L;
				}
			}
		}
	}

	private static long stamp(byte[] body) {
		String text = new String(body, StandardCharsets.UTF_8).trim();
		return Long.parseLong(text.substring(text.lastIndexOf("t=") + 2));
	}

	private static String percentiles(long[] latencies, int count) {
		if (count == 0) {
			return "p50=0 p99=0 max=0";
		}
		long[] sorted = Arrays.copyOf(latencies, count);
		Arrays.sort(sorted);
		return "p50=" + sorted[count / 2] / 1000 + " p99=" + sorted[(int) (count * 0.99)] / 1000 + " max="
				+ sorted[count - 1] / 1000;
	}

}

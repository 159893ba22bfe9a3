package io.github.zmqlog.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The benchmarks' subscriber, in its own JVM: subscribes to everything on an endpoint,
 * reads every message, and answers its parent's commands on standard input, one reply
 * line each:
 * <ul>
 * <li>{@code COUNT}: {@code COUNT n}, messages (of one frame or more) received so
 * far;</li>
 * <li>{@code SAMPLE}: {@code SAMPLE frames=.. topic=.. bodyBytes=.. body=..} (URL-encoded
 * values) for a recent message;</li>
 * <li>{@code RESET}: forgets the delays recorded so far, {@code OK};</li>
 * <li>{@code DELAYS}: {@code DELAYS n p50 p99 p999 max} in nanoseconds, the delays since
 * the send timestamp each body carries after {@code "Order "} ({@code System.nanoTime()}
 * is {@code CLOCK_MONOTONIC} on Linux, the same clock in every process).</li>
 * </ul>
 * It exits when its standard input closes.
 */
public final class Subscriber {

	private static final int MAX_DELAYS = 1 << 20;

	private static final byte[] ID_PREFIX = Workload.ID_PREFIX.getBytes(StandardCharsets.US_ASCII);

	private final AtomicLong count = new AtomicLong();

	private final long[] delays = new long[MAX_DELAYS];

	private final boolean recordDelays;

	private int delayCount;

	private volatile byte @Nullable [][] sample;

	private Subscriber(boolean recordDelays) {
		this.recordDelays = recordDelays;
	}

	/**
	 * Runs the subscriber.
	 * @param args the endpoint, then {@code count} or {@code delays}
	 * @throws Exception on a broken standard input
	 */
	public static void main(String[] args) throws Exception {
		Subscriber subscriber = new Subscriber(args.length > 1 && args[1].equals("delays"));
		// Not closed: the receiver blocks in recv until the JVM exits, when the parent
		// closes stdin.
		ZContext context = new ZContext(1);
		ZMQ.Socket socket = context.createSocket(SocketType.SUB);
		socket.setHandshakeIvl(1000);
		socket.setRcvHWM(0);
		socket.subscribe(new byte[0]);
		socket.connect(args[0]);
		Thread receiver = new Thread(() -> subscriber.receive(socket), "receiver");
		receiver.setDaemon(true);
		receiver.start();
		System.out.println("READY");
		System.out.flush();
		subscriber.answer();
		System.exit(0);
	}

	private void receive(ZMQ.Socket socket) {
		long received = 0;
		while (true) {
			byte[] first = socket.recv(0);
			if (first == null) {
				return;
			}
			byte[] last = first;
			int frames = 1;
			while (socket.hasReceiveMore()) {
				last = socket.recv(0);
				frames++;
			}
			if (this.recordDelays) {
				long now = System.nanoTime();
				long sent = sendTimestamp(last);
				if (sent != 0) {
					synchronized (this.delays) {
						if (this.delayCount < MAX_DELAYS) {
							this.delays[this.delayCount++] = now - sent;
						}
					}
				}
			}
			received++;
			if (received < 16 || (received & 1023) == 0) {
				this.sample = (frames == 1) ? new byte[][] { first } : new byte[][] { first, last };
			}
			this.count.lazySet(received);
		}
	}

	private static long sendTimestamp(byte[] body) {
		int at = indexOf(body, ID_PREFIX);
		if (at < 0) {
			return 0;
		}
		long value = 0;
		int digits = 0;
		for (int i = at + ID_PREFIX.length; i < body.length && body[i] >= '0' && body[i] <= '9'; i++) {
			value = value * 10 + (body[i] - '0');
			digits++;
		}
		return (digits > 0) ? value : 0;
	}

	private static int indexOf(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i + needle.length <= haystack.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	private void answer() throws Exception {
		BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		String command;
		while ((command = in.readLine()) != null) {
			String reply = switch (command.trim()) {
				case "COUNT" -> "COUNT " + this.count.get();
				case "SAMPLE" -> sampleLine();
				case "RESET" -> reset();
				case "DELAYS" -> delaysLine();
				default -> "ERROR unknown command " + command;
			};
			System.out.println(reply);
			System.out.flush();
		}
	}

	private String sampleLine() {
		byte[][] frames = this.sample;
		if (frames == null) {
			return "SAMPLE frames=0";
		}
		byte[] body = frames[frames.length - 1];
		String topic = (frames.length > 1) ? new String(frames[0], StandardCharsets.UTF_8) : "";
		return "SAMPLE frames=" + frames.length + " topic=" + encode(topic) + " bodyBytes=" + body.length + " body="
				+ encode(new String(body, StandardCharsets.UTF_8));
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private String reset() {
		synchronized (this.delays) {
			this.delayCount = 0;
		}
		return "OK";
	}

	private String delaysLine() {
		long[] delays;
		synchronized (this.delays) {
			delays = Arrays.copyOf(this.delays, this.delayCount);
		}
		StringBuilder line = new StringBuilder("DELAYS");
		for (long value : summary(delays)) {
			line.append(' ').append(value);
		}
		return line.toString();
	}

	/**
	 * Summarises a distribution, sorting the array in place.
	 * @param values the values, in any order
	 * @return samples, p50, p99, p99.9 and max (all 0 for no values)
	 */
	static long[] summary(long[] values) {
		if (values.length == 0) {
			return new long[5];
		}
		Arrays.sort(values);
		return new long[] { values.length, percentile(values, 50), percentile(values, 99), percentile(values, 99.9),
				values[values.length - 1] };
	}

	private static long percentile(long[] sorted, double percent) {
		int index = (int) Math.ceil(percent / 100 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

}

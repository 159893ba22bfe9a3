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
 * is {@code CLOCK_MONOTONIC} on Linux, the same clock in every process);</li>
 * <li>{@code STAGES}: for the bodies that also carry the time they were formatted
 * ({@link HandOffStamps}), each delay split at that time: {@code STAGES n} then the
 * hand-off's {@code p50 p99 p999 max}, the rest's {@code p50 p99 p999 max}, then over the
 * slowest 1 % of those events (delay at least its p99) their count, mean delay and mean
 * hand-off, in nanoseconds.</li>
 * </ul>
 * It exits when its standard input closes.
 */
public final class Subscriber {

	private static final int MAX_DELAYS = 1 << 20;

	private static final byte[] ID_PREFIX = Workload.ID_PREFIX.getBytes(StandardCharsets.US_ASCII);

	private static final byte[] FORMATTED_PREFIX = HandOffStamps.PREFIX.getBytes(StandardCharsets.US_ASCII);

	private final AtomicLong count = new AtomicLong();

	private final long[] delays = new long[MAX_DELAYS];

	/** For each delay, the part until the body was formatted, or -1 when not stamped. */
	private final long[] handOffs = new long[MAX_DELAYS];

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
				long sent = stamp(last, ID_PREFIX);
				if (sent != 0) {
					long formatted = stamp(last, FORMATTED_PREFIX);
					synchronized (this.delays) {
						if (this.delayCount < MAX_DELAYS) {
							this.handOffs[this.delayCount] = (formatted != 0) ? formatted - sent : -1;
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

	/**
	 * Reads the decimal number after the first occurrence of a prefix.
	 * @param body the body
	 * @param prefix what precedes the number
	 * @return the number, 0 when the body has no such prefix and number
	 */
	private static long stamp(byte[] body, byte[] prefix) {
		int at = indexOf(body, prefix);
		if (at < 0) {
			return 0;
		}
		long value = 0;
		int digits = 0;
		for (int i = at + prefix.length; i < body.length && body[i] >= '0' && body[i] <= '9'; i++) {
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
				case "STAGES" -> stagesLine();
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

	private String stagesLine() {
		long[] delays;
		long[] handOffs;
		synchronized (this.delays) {
			delays = Arrays.copyOf(this.delays, this.delayCount);
			handOffs = Arrays.copyOf(this.handOffs, this.delayCount);
		}
		int stamped = 0;
		for (long handOff : handOffs) {
			if (handOff >= 0) {
				stamped++;
			}
		}
		long[] firsts = new long[stamped];
		long[] rests = new long[stamped];
		long[] stampedDelays = new long[stamped];
		int next = 0;
		for (int i = 0; i < delays.length; i++) {
			if (handOffs[i] >= 0) {
				firsts[next] = handOffs[i];
				rests[next] = delays[i] - handOffs[i];
				stampedDelays[next++] = delays[i];
			}
		}
		long slowest = (stamped > 0) ? summary(stampedDelays.clone())[2] : 0;
		long tail = 0;
		long tailDelay = 0;
		long tailHandOff = 0;
		for (int i = 0; i < stamped; i++) {
			if (stampedDelays[i] >= slowest) {
				tail++;
				tailDelay += stampedDelays[i];
				tailHandOff += firsts[i];
			}
		}
		StringBuilder line = new StringBuilder("STAGES ").append(stamped);
		long[] first = summary(firsts);
		long[] rest = summary(rests);
		for (int i = 1; i < 5; i++) {
			line.append(' ').append(first[i]);
		}
		for (int i = 1; i < 5; i++) {
			line.append(' ').append(rest[i]);
		}
		line.append(' ').append(tail);
		line.append(' ').append((tail > 0) ? tailDelay / tail : 0);
		line.append(' ').append((tail > 0) ? tailHandOff / tail : 0);
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

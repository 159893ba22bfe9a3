package io.github.zmqlog.logback.history;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The history protocol, version 1, spoken over a ROUTER (the publisher) and a DEALER (the
 * watcher). All numbers are ASCII decimal frames.
 *
 * <p>
 * Requests, watcher to publisher:
 * <ul>
 * <li>{@code [zmqlog-history/1, get, COUNT, MAX_AGE_MILLIS, PREFIX...]}: replay the last
 * {@code COUNT} events (0 for none) whose topic starts with one of the prefixes (none, or
 * an empty one, for every topic) and that are at most {@code MAX_AGE_MILLIS} old (0 for
 * any age), then follow: every later matching event is sent to this watcher too.</li>
 * <li>{@code [zmqlog-history/1, ping]}: the watcher is still there; a follower not heard
 * of for {@link #FOLLOWER_TTL_MILLIS} is forgotten.</li>
 * <li>{@code [zmqlog-history/1, bye]}: forget this watcher.</li>
 * </ul>
 * Replies, publisher to watcher:
 * <ul>
 * <li>{@code [event, SEQ, N, TOPIC, BODY]}: an event; {@code SEQ} is its number in this
 * publisher (every published event takes the next one), {@code N} its number among the
 * events offered to this watcher since its {@code get} (1, 2, ...): a jump in {@code N}
 * is events missed, because the watcher's queue was full.</li>
 * <li>{@code [live, SEQ, N]}: the history is over; {@code SEQ} is the number the next
 * event will take, {@code N} how many events were offered so far.</li>
 * <li>{@code [pong]}, or {@code [gone]} for a watcher the publisher does not follow (it
 * restarted or forgot it): ask again.</li>
 * <li>{@code [error, TEXT]}: the request was refused.</li>
 * </ul>
 */
public final class HistoryProtocol {

	/** The first frame of every request. */
	public static final String VERSION = "zmqlog-history/1";

	/** Request: history, then follow. */
	public static final String GET = "get";

	/** Request: keep-alive. */
	public static final String PING = "ping";

	/** Request: stop following. */
	public static final String BYE = "bye";

	/** Reply: one event. */
	public static final String EVENT = "event";

	/** Reply: the history is over, live events follow. */
	public static final String LIVE = "live";

	/** Reply to a ping. */
	public static final String PONG = "pong";

	/** Reply to a ping from a watcher not followed. */
	public static final String GONE = "gone";

	/** Reply: refused. */
	public static final String ERROR = "error";

	/** How long a follower may stay silent before it is forgotten. */
	public static final long FOLLOWER_TTL_MILLIS = 15_000;

	/** How often a watcher pings. */
	public static final long PING_INTERVAL_MILLIS = 5_000;

	/** The most prefixes one request may hold. */
	public static final int MAX_PREFIXES = 32;

	/** The longest prefix, in bytes. */
	public static final int MAX_PREFIX_BYTES = 1024;

	private HistoryProtocol() {
	}

	/**
	 * Returns a frame as bytes.
	 * @param text the text
	 * @return its UTF-8 bytes
	 */
	public static byte[] frame(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Returns a number as a frame.
	 * @param number the number
	 * @return its ASCII decimal bytes
	 */
	public static byte[] frame(long number) {
		return Long.toString(number).getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * Reads a number frame.
	 * @param frame the frame
	 * @return the number, or -1 when the frame is not a non-negative decimal number
	 */
	public static long number(byte[] frame) {
		if (frame.length == 0 || frame.length > 18) {
			return -1;
		}
		long value = 0;
		for (byte b : frame) {
			if (b < '0' || b > '9') {
				return -1;
			}
			value = value * 10 + (b - '0');
		}
		return value;
	}

	/**
	 * Returns whether a frame holds a text.
	 * @param frame the frame
	 * @param text the text, ASCII
	 * @return whether they are equal
	 */
	public static boolean is(byte[] frame, String text) {
		if (frame.length != text.length()) {
			return false;
		}
		for (int i = 0; i < frame.length; i++) {
			if (frame[i] != text.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The history endpoint a watcher finds next to a publisher's endpoint, and the one a
	 * publisher binds when no history endpoint is set: a TCP port plus one
	 * ({@code tcp://127.0.0.1:5556} gives {@code tcp://127.0.0.1:5557}), and
	 * {@code .history} after an {@code ipc} or {@code inproc} name.
	 * @param endpoint the publisher's endpoint
	 * @return the history endpoint, or {@code null} when none follows from it (a
	 * {@code *} or missing port)
	 */
	public static @org.jspecify.annotations.Nullable String derivedEndpoint(String endpoint) {
		if (endpoint.startsWith("ipc://") || endpoint.startsWith("inproc://")) {
			return endpoint + ".history";
		}
		int colon = endpoint.lastIndexOf(':');
		if (!endpoint.startsWith("tcp://") || colon < "tcp://".length()) {
			return null;
		}
		String port = endpoint.substring(colon + 1);
		long number = number(port.getBytes(StandardCharsets.US_ASCII));
		if (number < 1 || number >= 65535) {
			return null;
		}
		return endpoint.substring(0, colon + 1) + (number + 1);
	}

	/**
	 * Returns whether a topic starts with one of the prefixes, as a SUB socket matches.
	 * @param topic the topic frame
	 * @param prefixes the prefixes; none for every topic
	 * @return whether it matches
	 */
	public static boolean matches(byte[] topic, byte[][] prefixes) {
		if (prefixes.length == 0) {
			return true;
		}
		for (byte[] prefix : prefixes) {
			if (prefix.length <= topic.length && Arrays.equals(topic, 0, prefix.length, prefix, 0, prefix.length)) {
				return true;
			}
		}
		return false;
	}

}

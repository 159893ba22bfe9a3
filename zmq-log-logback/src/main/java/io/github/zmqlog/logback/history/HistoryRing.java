package io.github.zmqlog.logback.history;

import java.util.function.Consumer;

/**
 * The most recent published events, bounded in count and in bytes, each with its sequence
 * number and the time it was published. It keeps the frames it is given, without a copy:
 * they must not change afterwards (the publisher's topic and body frames never do).
 *
 * <p>
 * Not thread-safe: the publisher thread's own.
 */
public final class HistoryRing {

	/** What one entry costs beyond its frames, roughly: the references and the time. */
	static final int ENTRY_OVERHEAD_BYTES = 32;

	private final byte[][] topics;

	private final byte[][] bodies;

	private final long[] times;

	private final long maxBytes;

	/** Where the oldest entry is. */
	private int head;

	private int count;

	private long bytes;

	/** The number the next event takes; the oldest entry holds {@code next - count}. */
	private long next = 1;

	/**
	 * Creates a ring.
	 * @param size how many events it holds at most, at least 1
	 * @param maxBytes what their frames may hold together
	 */
	public HistoryRing(int size, long maxBytes) {
		if (size < 1) {
			throw new IllegalArgumentException("size must be at least 1");
		}
		this.topics = new byte[size][];
		this.bodies = new byte[size][];
		this.times = new long[size];
		this.maxBytes = maxBytes;
	}

	/**
	 * Keeps an event, forgetting the oldest ones beyond the bounds.
	 * @param topic the topic frame
	 * @param body the body frame
	 * @param timeMillis when it was published
	 * @return its sequence number
	 */
	public long add(byte[] topic, byte[] body, long timeMillis) {
		long sequence = this.next++;
		long size = (long) topic.length + body.length + ENTRY_OVERHEAD_BYTES;
		if (size > this.maxBytes) {
			// Too large to keep: everything older goes too, so that the ring stays a run
			// of
			// consecutive numbers and a replay never skips one silently.
			clear();
			return sequence;
		}
		if (this.count == this.topics.length) {
			removeOldest();
		}
		while (this.bytes + size > this.maxBytes) {
			removeOldest();
		}
		int slot = (this.head + this.count) % this.topics.length;
		this.topics[slot] = topic;
		this.bodies[slot] = body;
		this.times[slot] = timeMillis;
		this.count++;
		this.bytes += size;
		return sequence;
	}

	private void removeOldest() {
		this.bytes -= (long) this.topics[this.head].length + this.bodies[this.head].length + ENTRY_OVERHEAD_BYTES;
		this.topics[this.head] = null;
		this.bodies[this.head] = null;
		this.head = (this.head + 1) % this.topics.length;
		this.count--;
	}

	private void clear() {
		while (this.count > 0) {
			removeOldest();
		}
	}

	/**
	 * Hands the last {@code limit} matching events to {@code action}, oldest first.
	 * @param limit how many at most
	 * @param minTimeMillis the oldest time wanted, or {@link Long#MIN_VALUE}
	 * @param prefixes the topic prefixes wanted; empty for every topic
	 * @param action what to do with each
	 * @return how many were handed over
	 */
	public int replay(int limit, long minTimeMillis, byte[][] prefixes, Consumer<Entry> action) {
		if (limit <= 0) {
			return 0;
		}
		// Walk back from the newest to find where the replay starts, then forward.
		int found = 0;
		int start = this.count;
		for (int i = this.count - 1; i >= 0 && found < limit; i--) {
			int slot = (this.head + i) % this.topics.length;
			if (this.times[slot] < minTimeMillis) {
				break;
			}
			if (HistoryProtocol.matches(this.topics[slot], prefixes)) {
				found++;
				start = i;
			}
		}
		int handed = 0;
		for (int i = start; i < this.count && handed < found; i++) {
			int slot = (this.head + i) % this.topics.length;
			if (HistoryProtocol.matches(this.topics[slot], prefixes)) {
				action.accept(new Entry(this.next - this.count + i, this.topics[slot], this.bodies[slot]));
				handed++;
			}
		}
		return handed;
	}

	/**
	 * Returns the number the next event takes.
	 * @return the number
	 */
	public long nextSequence() {
		return this.next;
	}

	/**
	 * Returns how many events the ring holds.
	 * @return the count
	 */
	public int size() {
		return this.count;
	}

	/**
	 * Returns what the held events' frames hold, with a small overhead per event.
	 * @return the bytes
	 */
	public long bytes() {
		return this.bytes;
	}

	/**
	 * One event of the ring.
	 *
	 * @param sequence its number
	 * @param topic its topic frame
	 * @param body its body frame
	 */
	public record Entry(long sequence, byte[] topic, byte[] body) {

	}

}

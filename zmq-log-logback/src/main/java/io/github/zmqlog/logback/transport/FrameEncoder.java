package io.github.zmqlog.logback.transport;

import java.nio.charset.StandardCharsets;

import ch.qos.logback.core.spi.ContextAware;

import io.github.zmqlog.logback.DropReason;
import io.github.zmqlog.logback.format.BodyBuffer;
import io.github.zmqlog.logback.format.BodyFormat;
import io.github.zmqlog.logback.format.PublishableEvent;
import io.github.zmqlog.logback.format.TopicCache;
import io.github.zmqlog.logback.format.TopicRule;
import io.github.zmqlog.logback.status.StatusReports;
import io.github.zmqlog.logback.status.StatusThrottle;

/**
 * Turns a batch of events into topic and body frames before any is sent: the topic from a
 * cache of recent subtopics, the body written by the layouts into one reused buffer and
 * cut to the largest message size. What cannot be framed is counted here. The publisher
 * thread's own, except {@link #setTopicRule}.
 */
final class FrameEncoder {

	private static final String TRUNCATION_MARKER = "...[truncated from %d bytes]\n";

	private final BodyFormat layouts;

	private final int maxMessageBytes;

	private final DeliveryCounters counters;

	private final ContextAware status;

	private final StatusThrottle formatFailedStatus = new StatusThrottle();

	private final BodyBuffer body = new BodyBuffer();

	private final TopicCache topics = new TopicCache();

	/**
	 * The topic and body frames of each slot, {@code [2 * slot]} and
	 * {@code [2 * slot + 1]}.
	 */
	private final byte[][] frames;

	/** The level index of each slot's event, what it is counted under. */
	private final int[] levels;

	private volatile TopicRule topicRule;

	/**
	 * Creates an encoder.
	 * @param slots how many events a batch holds at most
	 * @param topicRule the topic rule
	 * @param layouts the body layouts
	 * @param maxMessageBytes the largest topic or body; a longer body is cut with a
	 * marker
	 * @param counters where events that cannot be framed, and cut bodies, are counted
	 * @param status where formatting failures are reported
	 */
	FrameEncoder(int slots, TopicRule topicRule, BodyFormat layouts, int maxMessageBytes, DeliveryCounters counters,
			ContextAware status) {
		this.frames = new byte[slots * 2][];
		this.levels = new int[slots];
		this.topicRule = topicRule;
		this.layouts = layouts;
		this.maxMessageBytes = maxMessageBytes;
		this.counters = counters;
		this.status = status;
	}

	/**
	 * Changes the topic rule for the events framed from now on; any thread.
	 * @param topicRule the new rule
	 */
	void setTopicRule(TopicRule topicRule) {
		this.topicRule = topicRule;
	}

	/**
	 * Builds an event's topic and body frames into a slot, or counts why it cannot be
	 * sent.
	 * @param event the event
	 * @param slot where to put the frames
	 * @return whether the slot now holds the event's frames
	 */
	boolean prepare(PublishableEvent event, int slot) {
		byte[] topic;
		byte[] body;
		int level = DeliveryCounters.levelIndex(event.getLevel());
		try {
			topic = this.topics.topic(this.topicRule, event);
			if (topic.length > this.maxMessageBytes) {
				this.counters.dropAt(DropReason.TOO_LARGE, level);
				return false;
			}
			body = truncate(this.layouts.format(event, this.body), event.cutBytes());
		}
		catch (RuntimeException ex) {
			// Reported before it is counted: an Error from a status listener leaves the
			// event to the batch's count.
			if (this.formatFailedStatus.allow()) {
				StatusReports.warn(this.status,
						"Dropped an event: could not format an event (each drop is counted in the stats)", ex);
			}
			this.counters.dropAt(DropReason.SEND_FAILED, level);
			return false;
		}
		this.frames[slot * 2] = topic;
		this.frames[slot * 2 + 1] = body;
		this.levels[slot] = level;
		return true;
	}

	/**
	 * Returns the topic frame of a slot.
	 * @param slot a slot {@link #prepare} filled
	 * @return the frame (shared: do not modify)
	 */
	byte[] topic(int slot) {
		return this.frames[slot * 2];
	}

	/**
	 * Returns the body frame of a slot.
	 * @param slot a slot {@link #prepare} filled
	 * @return the frame
	 */
	byte[] body(int slot) {
		return this.frames[slot * 2 + 1];
	}

	/**
	 * Returns the level index of a slot's event.
	 * @param slot a slot {@link #prepare} filled
	 * @return its {@link DeliveryCounters#levelIndex level index}
	 */
	int level(int slot) {
		return this.levels[slot];
	}

	/**
	 * Lets go of a slot's frames once they are sent, so that the array holds no old body.
	 * @param slot the slot
	 */
	void release(int slot) {
		this.frames[slot * 2] = null;
		this.frames[slot * 2 + 1] = null;
	}

	private byte[] truncate(byte[] bytes, long cutBytes) {
		if (bytes.length <= this.maxMessageBytes && cutBytes == 0) {
			return bytes;
		}
		this.counters.truncated.increment();
		byte[] marker = String.format(TRUNCATION_MARKER, bytes.length + cutBytes).getBytes(StandardCharsets.UTF_8);
		if (bytes.length + marker.length <= this.maxMessageBytes) {
			// Cut on the logging thread and short enough now, as a pattern without the
			// whole message can make it.
			byte[] marked = new byte[bytes.length + marker.length];
			System.arraycopy(bytes, 0, marked, 0, bytes.length);
			System.arraycopy(marker, 0, marked, bytes.length, marker.length);
			return marked;
		}
		int keep = this.maxMessageBytes - marker.length;
		while (keep > 0 && (bytes[keep] & 0xC0) == 0x80) {
			keep--; // do not cut a UTF-8 sequence in two
		}
		byte[] truncated = new byte[keep + marker.length];
		System.arraycopy(bytes, 0, truncated, 0, keep);
		System.arraycopy(marker, 0, truncated, keep, marker.length);
		return truncated;
	}

}

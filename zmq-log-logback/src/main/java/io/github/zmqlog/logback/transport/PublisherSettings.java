package io.github.zmqlog.logback.transport;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.zeromq.ZContext;

import io.github.zmqlog.logback.OverflowPolicy;
import io.github.zmqlog.logback.curve.CurveSecurity;
import io.github.zmqlog.logback.history.HistorySettings;

/**
 * What the publisher needs to know, validated once by the appender's {@code start()}.
 *
 * @param name the appender's name, for the thread's name
 * @param bind endpoints to bind
 * @param connect endpoints to connect to
 * @param queueSize capacity of the hand-off queue
 * @param maxQueuedBytes what the large events in the queue may hold together, in bytes
 * @param overflowPolicy what a full queue does
 * @param maxBlockNanos longest wait for room in the queue with
 * {@link OverflowPolicy#BLOCK}
 * @param sendHwm send high-water mark, in messages per subscriber
 * @param noDrop whether a full subscriber makes the publisher wait, then drop and count
 * @param sendTimeoutMillis with {@code noDrop}, longest wait for a full subscriber
 * @param lingerMillis how long closing the socket waits for queued messages to leave
 * @param heartbeatTimeoutMillis how long a peer may send nothing back before the socket
 * drops it
 * @param maxMessageBytes largest body before truncation
 * @param curve the CURVE server settings, or {@code null} without CURVE
 * @param zContext a context to create the socket in, owned by someone else, or
 * {@code null}
 * @param history the history ring and its server
 * @param tuning reconnects, heartbeats and TCP keep-alive
 */
public record PublisherSettings(String name, List<String> bind, List<String> connect, int queueSize,
		long maxQueuedBytes, OverflowPolicy overflowPolicy, long maxBlockNanos, int sendHwm, boolean noDrop,
		int sendTimeoutMillis, int lingerMillis, int heartbeatTimeoutMillis, int maxMessageBytes,
		@Nullable CurveSecurity curve, @Nullable ZContext zContext, HistorySettings history, SocketTuning tuning) {

	public PublisherSettings {
		bind = List.copyOf(bind);
		connect = List.copyOf(connect);
	}

	/**
	 * Settings without history, with the default {@link SocketTuning}.
	 * @param name the appender's name
	 * @param bind endpoints to bind
	 * @param connect endpoints to connect to
	 * @param queueSize capacity of the hand-off queue
	 * @param maxQueuedBytes what the large events in the queue may hold together
	 * @param overflowPolicy what a full queue does
	 * @param maxBlockNanos longest wait for room in the queue
	 * @param sendHwm send high-water mark
	 * @param noDrop whether a full subscriber makes the publisher wait
	 * @param sendTimeoutMillis with {@code noDrop}, longest wait for a full subscriber
	 * @param lingerMillis how long closing the socket waits
	 * @param heartbeatTimeoutMillis how long a peer may send nothing back
	 * @param maxMessageBytes largest body before truncation
	 * @param curve the CURVE server settings, or {@code null}
	 * @param zContext a context owned by someone else, or {@code null}
	 */
	public PublisherSettings(String name, List<String> bind, List<String> connect, int queueSize, long maxQueuedBytes,
			OverflowPolicy overflowPolicy, long maxBlockNanos, int sendHwm, boolean noDrop, int sendTimeoutMillis,
			int lingerMillis, int heartbeatTimeoutMillis, int maxMessageBytes, @Nullable CurveSecurity curve,
			@Nullable ZContext zContext) {
		this(name, bind, connect, queueSize, maxQueuedBytes, overflowPolicy, maxBlockNanos, sendHwm, noDrop,
				sendTimeoutMillis, lingerMillis, heartbeatTimeoutMillis, maxMessageBytes, curve, zContext,
				HistorySettings.OFF, SocketTuning.DEFAULT);
	}

}

package io.github.zmqlog.logback;

import ch.qos.logback.core.util.FileSize;
import org.jspecify.annotations.Nullable;

/**
 * The appender's history options, the {@code <history>} element in {@code logback.xml}:
 * how many recent events the publisher keeps for watchers that arrive late, and where it
 * serves them.
 *
 * <pre>
 * &lt;history&gt;
 *   &lt;size&gt;1000&lt;/size&gt;
 *   &lt;maxBytes&gt;1MB&lt;/maxBytes&gt;
 *   &lt;endpoint&gt;tcp://127.0.0.1:5557&lt;/endpoint&gt;
 * &lt;/history&gt;
 * </pre>
 *
 * <p>
 * Without an endpoint, the history is served next to each bound endpoint: on the TCP port
 * plus one, or at the {@code ipc}/{@code inproc} name plus {@code .history}; a port that
 * is taken is a warning, not a failure. A size of 0 turns the history off.
 *
 * <p>
 * Thread-safety: set before the appender starts, which reads it once.
 */
public class HistoryConfiguration {

	/** How many events are kept by default. */
	public static final int DEFAULT_SIZE = 1000;

	/** What the kept events may hold together by default, in bytes. */
	public static final long DEFAULT_MAX_BYTES = 1024 * 1024;

	/** The largest size. */
	public static final int MAX_SIZE = 1_000_000;

	/** The smallest byte budget. */
	public static final long MIN_MAX_BYTES = 1024;

	private int size = DEFAULT_SIZE;

	private @Nullable FileSize maxBytes = new FileSize(DEFAULT_MAX_BYTES);

	private @Nullable String endpoint;

	/**
	 * Returns how many recent events are kept.
	 * @return the count, 0 for no history
	 */
	public int getSize() {
		return this.size;
	}

	/**
	 * Sets how many recent events are kept for watchers that ask; 0 turns the history
	 * off.
	 * @param size the count
	 */
	public void setSize(int size) {
		this.size = size;
	}

	/**
	 * Returns what the kept events may hold together.
	 * @return the size
	 */
	public @Nullable FileSize getMaxBytes() {
		return this.maxBytes;
	}

	/**
	 * Sets what the kept events may hold together, e.g. {@code 1MB}; the oldest go first.
	 * @param maxBytes the size
	 */
	public void setMaxBytes(@Nullable FileSize maxBytes) {
		this.maxBytes = maxBytes;
	}

	/**
	 * Returns where the history is served.
	 * @return the endpoint, or {@code null} to serve it next to each bound endpoint
	 */
	public @Nullable String getEndpoint() {
		return this.endpoint;
	}

	/**
	 * Sets where the history is served, e.g. {@code tcp://127.0.0.1:5557}.
	 * @param endpoint the endpoint to bind, or {@code null} to serve it next to each
	 * bound endpoint
	 */
	public void setEndpoint(@Nullable String endpoint) {
		this.endpoint = (endpoint == null || endpoint.isBlank()) ? null : endpoint.strip();
	}

	@Override
	public String toString() {
		return "HistoryConfiguration[size=" + this.size + ", maxBytes=" + this.maxBytes + ", endpoint=" + this.endpoint
				+ "]";
	}

}

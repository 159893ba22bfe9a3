package io.github.zmqlog.logback.history;

import java.util.List;

/**
 * What a publisher's history needs, validated.
 *
 * @param size how many events the ring holds; 0 for no history
 * @param maxBytes what the ring's events may hold together
 * @param endpoints where the history server binds
 * @param derived whether the endpoints were derived from the bind endpoints rather than
 * set, so that one that is taken is worth a warning only
 */
public record HistorySettings(int size, long maxBytes, List<String> endpoints, boolean derived) {

	/** No history. */
	public static final HistorySettings OFF = new HistorySettings(0, 0, List.of(), true);

	public HistorySettings {
		endpoints = List.copyOf(endpoints);
	}

	/**
	 * Returns whether the history is on.
	 * @return whether the ring holds events
	 */
	public boolean enabled() {
		return this.size > 0;
	}

}

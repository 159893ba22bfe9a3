package io.github.zmqlog.logback;

/**
 * What the logging thread does when the appender's queue is full.
 */
public enum OverflowPolicy {

	/** Drop the event and count it: the logging thread never waits. */
	DROP,

	/**
	 * Wait up to {@code maxBlockTime} for room in the queue, then drop the event and
	 * count it.
	 */
	BLOCK

}

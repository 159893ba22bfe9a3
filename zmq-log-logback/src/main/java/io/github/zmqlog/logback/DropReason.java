package io.github.zmqlog.logback;

/**
 * Why an event was not published. Every dropped event is counted under exactly one
 * reason.
 */
public enum DropReason {

	/**
	 * The queue was full (with {@link OverflowPolicy#BLOCK}, still full after
	 * {@code maxBlockTime}).
	 */
	QUEUE_FULL,

	/** The topic frame alone was longer than {@code maxMessageSize}. */
	TOO_LARGE,

	/** The appender was not started: never started, failed to start, or stopped. */
	NOT_STARTED,

	/**
	 * The socket refused the message, or the event could not be prepared: freezing it on
	 * the logging thread or formatting its body on the publisher thread threw.
	 */
	SEND_FAILED,

	/** Still queued when {@code stop()} gave up after {@code shutdownTimeout}. */
	SHUTDOWN,

	/** Logged while publishing was paused. */
	PAUSED,

	/**
	 * Logged by the publisher thread itself, while publishing: never published, to avoid
	 * a loop.
	 */
	RECURSIVE,

	/**
	 * With {@code noDrop}: a subscriber stayed {@code sendHwm} messages behind for
	 * {@code sendTimeout}, so the event went to no subscriber.
	 */
	SUBSCRIBER_FULL,

	/**
	 * The publisher thread had failed (its error is in the appender's status): the event
	 * was queued when it died, or logged after.
	 */
	PUBLISHER_FAILED,

	/**
	 * A logging thread claimed a place in the queue and did not write its event there
	 * within a bound (it was descheduled for long, or an {@link Error} such as
	 * {@link StackOverflowError} struck between the claim and the write): the publisher
	 * skipped the place so that the events behind it go on.
	 */
	HANDOFF_ABANDONED,

	/**
	 * Logged before the first subscription arrived, while the start-up hold was full
	 * ({@code startupHoldMaxEvents} or {@code startupHoldMaxBytes}): the events held
	 * before it are sent, this one is not.
	 */
	STARTUP_HOLD_FULL

}

package io.github.zmqlog.logback;

import org.jspecify.annotations.Nullable;

/**
 * Why an appender did not start, or why its publisher stopped: what kind of problem, the
 * option at fault, the value it had, and a sentence that says what is wrong, as reported
 * in Logback's status.
 *
 * @param kind what kind of problem it is
 * @param option the option, as named in XML: {@code bind}, {@code queueSize},
 * {@code warnPattern}...; one inside a nested component has the component's name in
 * front, {@code curve.serverSecretKey}
 * @param value the offending value, such as the endpoint that could not be bound, or
 * {@code null}
 * @param message the problem, naming the option
 */
public record ConfigurationProblem(Kind kind, String option, @Nullable String value, String message) {

	/**
	 * Creates a problem with an option's value, {@link Kind#INVALID}.
	 * @param option the option, as named in XML
	 * @param value the offending value, or {@code null}
	 * @param message the problem, naming the option
	 */
	public ConfigurationProblem(String option, @Nullable String value, String message) {
		this(Kind.INVALID, option, value, message);
	}

	/**
	 * Returns whether the problem is an endpoint whose address is taken by another
	 * socket.
	 * @return whether binding failed because the address is in use
	 */
	public boolean isAddressInUse() {
		return this.kind == Kind.ADDRESS_IN_USE;
	}

	/**
	 * Returns the same problem with a message put in front, e.g. the appender's name.
	 * @param prefix what to put in front of the message
	 * @return the problem
	 */
	public ConfigurationProblem withPrefix(String prefix) {
		return new ConfigurationProblem(this.kind, this.option, this.value, prefix + this.message);
	}

	/**
	 * What kind of problem it is.
	 */
	public enum Kind {

		/** An option has a value that cannot work. */
		INVALID,

		/** An endpoint could not be bound because another socket has its address. */
		ADDRESS_IN_USE,

		/** An endpoint could not be bound or connected for another reason. */
		ENDPOINT,

		/** The socket did not open in time, or opening it was interrupted. */
		OPEN_TIMEOUT,

		/** CURVE could not be set up. */
		CURVE,

		/**
		 * The publisher thread failed after it had started: not a configuration problem.
		 */
		PUBLISHER_FAILED

	}

}

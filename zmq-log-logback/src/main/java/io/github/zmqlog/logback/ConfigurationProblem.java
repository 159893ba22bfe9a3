package io.github.zmqlog.logback;

import org.jspecify.annotations.Nullable;

/**
 * Why an appender did not start: the option at fault, the value it had, and a sentence that says
 * what is wrong, as reported in Logback's status.
 *
 * @param option the option, as named in XML: {@code bind}, {@code queueSize}, {@code warnPattern}...
 * @param value the offending value, such as the endpoint that could not be bound, or {@code null}
 * @param message the problem, naming the option
 */
public record ConfigurationProblem(String option, @Nullable String value, String message) {

	/**
	 * Returns whether the problem is an endpoint whose address is taken by another socket.
	 * @return whether binding failed because the address is in use
	 */
	public boolean isAddressInUse() {
		return this.message.endsWith("Address already in use");
	}

}

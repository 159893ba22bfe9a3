package io.github.zmqlog.autoconfigure;

import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import io.github.zmqlog.logback.ConfigurationProblem;

/**
 * Thrown when the publisher cannot start and {@code zmqlog.fail-fast} is true.
 * {@link ZmqLogFailureAnalyzer} explains it in terms of {@code zmqlog.*} properties.
 */
public class ZmqLogStartupException extends RuntimeException {

	private static final String PREFIX = "zmqlog.";

	private final List<ConfigurationProblem> problems;

	/**
	 * Creates an exception.
	 * @param problems why the appender did not start
	 */
	public ZmqLogStartupException(List<ConfigurationProblem> problems) {
		super("ZeroMQ log publishing could not start: "
				+ problems.stream().map(ZmqLogStartupException::describe).collect(Collectors.joining("; ")));
		this.problems = List.copyOf(problems);
	}

	/**
	 * Returns the problems.
	 * @return why the appender did not start
	 */
	public List<ConfigurationProblem> getProblems() {
		return this.problems;
	}

	private static String describe(ConfigurationProblem problem) {
		String property = property(problem);
		return (property != null) ? property + ": " + problem.message() : problem.message();
	}

	/**
	 * Returns the {@code zmqlog.*} property of the option a problem names: from
	 * {@link ZmqLogOption} for the appender's options, as it is for the problems the
	 * auto-configuration finds in properties the appender has not.
	 * @param problem the problem
	 * @return the property, e.g. {@code zmqlog.queue-size} or
	 * {@code zmqlog.patterns.warn}, or {@code null} when no property is at fault (the
	 * publisher thread failed)
	 */
	static @Nullable String property(ConfigurationProblem problem) {
		if (problem.kind() == ConfigurationProblem.Kind.PUBLISHER_FAILED) {
			return null;
		}
		String option = problem.option();
		if (option.startsWith(PREFIX)) {
			return option;
		}
		ZmqLogOption known = ZmqLogOption.forXmlName(option);
		return (known != null) ? known.property() : null;
	}

}

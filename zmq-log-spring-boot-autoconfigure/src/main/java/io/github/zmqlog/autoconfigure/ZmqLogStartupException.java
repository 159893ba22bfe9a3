package io.github.zmqlog.autoconfigure;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.zmqlog.logback.ConfigurationProblem;

/**
 * Thrown when the publisher cannot start and {@code zmqlog.fail-fast} is true.
 * {@link ZmqLogFailureAnalyzer} explains it in terms of {@code zmqlog.*} properties.
 */
public class ZmqLogStartupException extends RuntimeException {

	private static final Map<String, String> PROPERTIES = Map.of("maxMessageBytes", "max-message-size",
			"publisher", "enabled", "curveAllowedClientKey", "curve.allowed-client-keys");

	private final List<ConfigurationProblem> problems;

	/**
	 * Creates an exception.
	 * @param problems why the appender did not start
	 */
	public ZmqLogStartupException(List<ConfigurationProblem> problems) {
		super("ZeroMQ log publishing could not start: " + problems.stream()
			.map((problem) -> property(problem) + ": " + problem.message())
			.collect(Collectors.joining("; ")));
		this.problems = List.copyOf(problems);
	}

	/**
	 * Returns the problems.
	 * @return why the appender did not start
	 */
	public List<ConfigurationProblem> getProblems() {
		return this.problems;
	}

	/**
	 * Returns the {@code zmqlog.*} property of the option a problem names.
	 * @param problem the problem
	 * @return the property, e.g. {@code zmqlog.queue-size} or {@code zmqlog.patterns.warn}
	 */
	static String property(ConfigurationProblem problem) {
		String option = problem.option();
		if (option.endsWith("Pattern")) {
			return "zmqlog.patterns." + option.substring(0, option.length() - "Pattern".length());
		}
		String kebab = PROPERTIES.get(option);
		if (kebab == null && option.startsWith("curve") && option.length() > "curve".length()) {
			// curveServerSecretKey is zmqlog.curve.server-secret-key
			kebab = "curve." + kebab(option.substring("curve".length()));
		}
		if (kebab == null) {
			kebab = kebab(option);
		}
		return "zmqlog." + kebab;
	}

	private static String kebab(String camel) {
		return camel.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
	}

}

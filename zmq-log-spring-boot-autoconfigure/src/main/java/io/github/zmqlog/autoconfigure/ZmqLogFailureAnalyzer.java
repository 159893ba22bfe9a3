package io.github.zmqlog.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import io.github.zmqlog.logback.ConfigurationProblem;

/**
 * Explains why ZeroMQ log publishing stopped the application from starting, naming the
 * {@code zmqlog.*} property at fault and, by the {@link ConfigurationProblem.Kind kind}
 * of each problem, what to do about it.
 */
class ZmqLogFailureAnalyzer extends AbstractFailureAnalyzer<ZmqLogStartupException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ZmqLogStartupException cause) {
		StringBuilder description = new StringBuilder("ZeroMQ log publishing could not start:");
		StringBuilder action = new StringBuilder();
		for (ConfigurationProblem problem : cause.getProblems()) {
			String property = ZmqLogStartupException.property(problem);
			String name = (property != null) ? property : "'" + problem.option() + "'";
			description.append(System.lineSeparator()).append("    ").append(description(problem, name));
			appendLine(action, action(problem, name));
		}
		appendLine(action, "To start the application anyway, without publishing,"
				+ " set zmqlog.fail-fast=false; to turn publishing off, set zmqlog.enabled=false.");
		return new FailureAnalysis(description.toString(), action.toString(), cause);
	}

	private static String description(ConfigurationProblem problem, String property) {
		return switch (problem.kind()) {
			case ADDRESS_IN_USE -> property + " " + problem.value() + " is already in use; set another port, or"
					+ " connect to a forwarder with zmqlog.connect";
			case PUBLISHER_FAILED -> "the publisher thread failed: " + problem.message();
			case INVALID, ENDPOINT, OPEN_TIMEOUT, CURVE -> property + ": " + problem.message();
		};
	}

	private static String action(ConfigurationProblem problem, String property) {
		return switch (problem.kind()) {
			case ADDRESS_IN_USE -> "Set another port in " + property + " (tcp://127.0.0.1:* takes any free port), or"
					+ " connect to a forwarder with zmqlog.connect.";
			case OPEN_TIMEOUT -> "Check that the endpoints in " + property + " can be opened: a host name that takes"
					+ " long to resolve, or a machine too busy to start the publisher thread.";
			case CURVE -> "Give the appender a ZContext of its own, one without another ZAP handler (such as"
					+ " JeroMQ's ZAuth): CURVE needs the context's ZAP endpoint.";
			case PUBLISHER_FAILED -> "This is not a configuration problem: Logback's status has the publisher"
					+ " thread's error with its stack trace; please report it.";
			case INVALID, ENDPOINT -> "Correct " + property + value(problem.value()) + ".";
		};
	}

	private static String value(@Nullable String value) {
		return (value != null) ? " (now '" + value + "')" : "";
	}

	private static void appendLine(StringBuilder text, String line) {
		if (!text.isEmpty()) {
			text.append(System.lineSeparator());
		}
		text.append(line);
	}

}

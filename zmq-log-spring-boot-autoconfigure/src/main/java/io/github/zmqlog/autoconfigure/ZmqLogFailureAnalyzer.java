package io.github.zmqlog.autoconfigure;

import io.github.zmqlog.logback.ConfigurationProblem;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains why ZeroMQ log publishing stopped the application from starting, naming the
 * {@code zmqlog.*} property at fault.
 */
class ZmqLogFailureAnalyzer extends AbstractFailureAnalyzer<ZmqLogStartupException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ZmqLogStartupException cause) {
		StringBuilder description = new StringBuilder("ZeroMQ log publishing could not start:");
		StringBuilder action = new StringBuilder();
		for (ConfigurationProblem problem : cause.getProblems()) {
			String property = ZmqLogStartupException.property(problem);
			description.append(System.lineSeparator()).append("    ");
			if (problem.isAddressInUse()) {
				description.append(property + " " + problem.value() + " is already in use; set another port, or"
						+ " connect to a forwarder with zmqlog.connect");
				appendLine(action, "Set another port in " + property + " (tcp://127.0.0.1:* takes any free port), or"
						+ " connect to a forwarder with zmqlog.connect.");
			}
			else {
				description.append(property + ": " + problem.message());
				appendLine(action, "Correct " + property + ((problem.value() != null) ? " (now '" + problem.value() + "')" : "")
						+ ".");
			}
		}
		appendLine(action, "To start the application anyway, without publishing,"
				+ " set zmqlog.fail-fast=false; to turn publishing off, set zmqlog.enabled=false.");
		return new FailureAnalysis(description.toString(), action.toString(), cause);
	}

	private static void appendLine(StringBuilder text, String line) {
		if (!text.isEmpty()) {
			text.append(System.lineSeparator());
		}
		text.append(line);
	}

}

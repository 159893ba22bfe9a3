package io.github.zmqlog.autoconfigure;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import io.github.zmqlog.logback.ConfigurationProblem;
import io.github.zmqlog.logback.ConfigurationProblem.Kind;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ZmqLogFailureAnalyzer}: a description per problem naming its property, and
 * advice chosen by the problem's kind.
 */
class ZmqLogFailureAnalyzerTests {

	private static final String ANYWAY = "To start the application anyway, without publishing, set"
			+ " zmqlog.fail-fast=false; to turn publishing off, set zmqlog.enabled=false.";

	private static final ConfigurationProblem ADDRESS_IN_USE = new ConfigurationProblem(Kind.ADDRESS_IN_USE, "bind",
			"tcp://127.0.0.1:5556",
			"Appender [zmqLogAppender] could not bind tcp://127.0.0.1:5556: Address already in use");

	private static final ConfigurationProblem QUEUE_SIZE = new ConfigurationProblem("queueSize", "0",
			"Invalid 'queueSize' 0: it must be at least 1");

	@Test
	void addressInUseAdvisesAnotherPortOrAForwarder() {
		FailureAnalysis analysis = analyze(ADDRESS_IN_USE);
		assertThat(analysis.getDescription()).isEqualTo("ZeroMQ log publishing could not start:"
				+ System.lineSeparator() + "    zmqlog.bind tcp://127.0.0.1:5556 is already in use; set another port,"
				+ " or connect to a forwarder with zmqlog.connect");
		assertThat(analysis.getAction()).isEqualTo("Set another port in zmqlog.bind (tcp://127.0.0.1:* takes any free"
				+ " port), or connect to a forwarder with zmqlog.connect." + System.lineSeparator() + ANYWAY);
	}

	@Test
	void invalidValueNamesThePropertyAndItsValue() {
		FailureAnalysis analysis = analyze(QUEUE_SIZE);
		assertThat(analysis.getDescription())
			.endsWith(System.lineSeparator() + "    zmqlog.queue-size: Invalid 'queueSize' 0: it must be at least 1");
		assertThat(analysis.getAction()).startsWith("Correct zmqlog.queue-size (now '0').");
	}

	@Test
	void invalidCurveKeyNamesThePropertyButNoValue() {
		FailureAnalysis analysis = analyze(new ConfigurationProblem("curve.serverSecretKey", null,
				"Invalid 'curve.serverSecretKey': a CURVE key is 40 Z85 characters, this one has 10"));
		assertThat(analysis.getDescription()).contains("    zmqlog.curve.server-secret-key: Invalid"
				+ " 'curve.serverSecretKey': a CURVE key is 40 Z85 characters, this one has 10");
		assertThat(analysis.getAction()).startsWith("Correct zmqlog.curve.server-secret-key." + System.lineSeparator());
	}

	@Test
	void curveThatCannotBeSetUpAdvisesAContextOfItsOwn() {
		FailureAnalysis analysis = analyze(new ConfigurationProblem(Kind.CURVE, "curve", null,
				"Appender [zmqLogAppender] could not start CURVE: another ZAP handler (such as JeroMQ's ZAuth)"
						+ " already serves the appender's ZContext"));
		assertThat(analysis.getDescription())
			.contains("    zmqlog.curve: Appender [zmqLogAppender] could not start CURVE");
		assertThat(analysis.getAction()).startsWith("Give the appender a ZContext of its own");
	}

	@Test
	void openTimeoutAdvisesCheckingTheEndpoints() {
		FailureAnalysis analysis = analyze(new ConfigurationProblem(Kind.OPEN_TIMEOUT, "connect", null,
				"Appender [zmqLogAppender] the socket did not open within 10000 ms"));
		assertThat(analysis.getDescription()).contains("    zmqlog.connect: Appender [zmqLogAppender] the socket");
		assertThat(analysis.getAction()).startsWith("Check that the endpoints in zmqlog.connect can be opened");
	}

	@Test
	void publisherFailureIsNotBlamedOnAProperty() {
		FailureAnalysis analysis = analyze(new ConfigurationProblem(Kind.PUBLISHER_FAILED, "publisher", null,
				"Appender [zmqLogAppender] publisher thread failed: java.lang.OutOfMemoryError: Java heap space"));
		assertThat(analysis.getDescription()).isEqualTo("ZeroMQ log publishing could not start:"
				+ System.lineSeparator() + "    the publisher thread failed: Appender [zmqLogAppender] publisher"
				+ " thread failed: java.lang.OutOfMemoryError: Java heap space");
		assertThat(analysis.getAction()).startsWith("This is not a configuration problem:")
			.doesNotContain("Correct")
			.endsWith(ANYWAY);
	}

	@Test
	void severalProblemsGiveALineEachThenTheWayToStartAnyway() {
		FailureAnalysis analysis = analyze(QUEUE_SIZE, ADDRESS_IN_USE,
				new ConfigurationProblem("zmqlog.format", "nosuch", "Invalid 'format' 'nosuch': no such format"));
		assertThat(analysis.getDescription().split(System.lineSeparator())).containsExactly(
				"ZeroMQ log publishing could not start:",
				"    zmqlog.queue-size: Invalid 'queueSize' 0: it must be at least 1",
				"    zmqlog.bind tcp://127.0.0.1:5556 is already in use; set another port, or connect to a"
						+ " forwarder with zmqlog.connect",
				"    zmqlog.format: Invalid 'format' 'nosuch': no such format");
		assertThat(analysis.getAction().split(System.lineSeparator())).containsExactly(
				"Correct zmqlog.queue-size (now '0').",
				"Set another port in zmqlog.bind (tcp://127.0.0.1:* takes any free port), or connect to a forwarder"
						+ " with zmqlog.connect.",
				"Correct zmqlog.format (now 'nosuch').", ANYWAY);
	}

	@Test
	void theExceptionIsFoundAmongTheCauses() {
		ZmqLogStartupException cause = new ZmqLogStartupException(List.of(QUEUE_SIZE));
		FailureAnalysis analysis = new ZmqLogFailureAnalyzer()
			.analyze(new BeanCreationException("zmqLogAppender", "Failed to instantiate", cause));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getCause()).isSameAs(cause);
	}

	private static FailureAnalysis analyze(ConfigurationProblem... problems) {
		FailureAnalysis analysis = new ZmqLogFailureAnalyzer().analyze(new ZmqLogStartupException(List.of(problems)));
		assertThat(analysis).isNotNull();
		return analysis;
	}

}

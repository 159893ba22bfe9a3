package io.github.zmqlog.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.zmqlog.logback.ConfigurationProblem;
import io.github.zmqlog.logback.ConfigurationProblem.Kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link ZmqLogStartupException}: the {@code zmqlog.*} property of each problem, from the
 * option table.
 */
class ZmqLogStartupExceptionTests {

	@Test
	void propertyOfAnAppenderOptionComesFromTheTable() {
		assertThat(property("queueSize")).isEqualTo("zmqlog.queue-size");
		assertThat(property("maxMessageSize")).isEqualTo("zmqlog.max-message-size");
		assertThat(property("warnPattern")).isEqualTo("zmqlog.patterns.warn");
		assertThat(property("curve.serverSecretKeyFile")).isEqualTo("zmqlog.curve.server-secret-key-file");
		assertThat(property("curve.allowedClientKey")).isEqualTo("zmqlog.curve.allowed-client-keys");
		assertThat(property("curve")).isEqualTo("zmqlog.curve");
	}

	@Test
	void problemFoundInPropertiesTheAppenderHasNotNamesItsProperty() {
		assertThat(property("zmqlog.format")).isEqualTo("zmqlog.format");
		assertThat(property("zmqlog.patterns.off")).isEqualTo("zmqlog.patterns.off");
	}

	@Test
	void optionOfTheAppenderAloneHasNoProperty() {
		assertThat(property("zContext")).isNull();
		assertThat(property("noSuchOption")).isNull();
	}

	@Test
	void publisherFailureHasNoProperty() {
		ConfigurationProblem failed = new ConfigurationProblem(Kind.PUBLISHER_FAILED, "publisher", null,
				"publisher thread failed: java.lang.OutOfMemoryError");
		assertThat(ZmqLogStartupException.property(failed)).isNull();
		assertThat(new ZmqLogStartupException(List.of(failed)))
			.hasMessage("ZeroMQ log publishing could not start: publisher thread failed: java.lang.OutOfMemoryError");
	}

	@Test
	void messageNamesThePropertyOfEveryProblem() {
		ZmqLogStartupException exception = new ZmqLogStartupException(
				List.of(new ConfigurationProblem("queueSize", "0", "Invalid 'queueSize' 0: it must be at least 1"),
						new ConfigurationProblem(Kind.ADDRESS_IN_USE, "bind", "tcp://127.0.0.1:5556",
								"could not bind tcp://127.0.0.1:5556: Address already in use")));
		assertThat(exception).hasMessage("ZeroMQ log publishing could not start: zmqlog.queue-size: Invalid"
				+ " 'queueSize' 0: it must be at least 1; zmqlog.bind: could not bind tcp://127.0.0.1:5556: Address"
				+ " already in use");
	}

	@Test
	void problemsAreACopy() {
		List<ConfigurationProblem> problems = new ArrayList<>();
		problems
			.add(new ConfigurationProblem("linger", "-1 milliseconds", "Invalid 'linger': it must not be negative"));
		ZmqLogStartupException exception = new ZmqLogStartupException(problems);
		problems.clear();
		assertThat(exception.getProblems()).hasSize(1);
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> exception.getProblems().clear());
	}

	private static String property(String option) {
		return ZmqLogStartupException.property(new ConfigurationProblem(option, null, "a problem"));
	}

}

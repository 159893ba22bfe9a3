package io.github.zmqlog.tail;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.zmqlog.testsupport.EnabledIfPyZmq;
import io.github.zmqlog.testsupport.PyZmq;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java watcher receives what PyZMQ's own {@code PUBHandler} publishes.
 */
@Timeout(60)
@EnabledIfPyZmq
class PyZmqPublisherInteropTests {

	@Test
	void watcherPrintsPubHandlersLogs() throws Exception {
		Process python = PyZmq.script("pubhandler.py", "publish", "pyapp", "30");
		try {
			String line = new BufferedReader(new InputStreamReader(python.getErrorStream(), StandardCharsets.UTF_8))
				.readLine();
			assertThat(line).startsWith("ENDPOINT ");
			ByteArrayOutputStream output = new ByteArrayOutputStream();
			Watcher watcher = new Watcher(
					TailOptions.parse("-t", "pyapp.WARNING.clock", "--count", "3", "--seconds", "30",
							line.substring("ENDPOINT ".length())),
					new PrintStream(output, true, StandardCharsets.UTF_8), false);
			assertThat(watcher.run()).isEqualTo(3);
			assertThat(output.toString(StandardCharsets.UTF_8).lines().toList()).hasSize(3)
				.allMatch((l) -> l.matches("pyapp\\.WARNING\\.clock \\| WARNING \\S+\\.py:\\d+ - tock \\d+"));
		}
		finally {
			python.destroy();
		}
	}

}

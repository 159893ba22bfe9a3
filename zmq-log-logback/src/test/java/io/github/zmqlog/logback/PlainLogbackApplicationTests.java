package io.github.zmqlog.logback;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.zmqlog.testsupport.ChildJvm;
import io.github.zmqlog.testsupport.Faults;
import io.github.zmqlog.testsupport.TestSubscriber;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The appender as a plain Logback application uses it: this module alone on the class
 * path, no Spring, configured by Logback's own start-up from a {@code logback.xml} file.
 */
@Timeout(60)
class PlainLogbackApplicationTests {

	@Test
	void appenderConfiguredFromLogbackXmlPublishesWithoutSpring(@TempDir Path dir) throws Exception {
		int port = Faults.freePort();
		Path config = dir.resolve("logback.xml");
		Files.writeString(config, """
				<configuration>
				  <appender name="ZMQ" class="io.github.zmqlog.logback.ZmqLogAppender">
				    <bind>tcp://127.0.0.1:%d</bind>
				    <rootTopic>plain</rootTopic>
				  </appender>
				  <root level="INFO"><appender-ref ref="ZMQ"/></root>
				</configuration>
				""".formatted(port), StandardCharsets.UTF_8);
		try (ChildJvm app = ChildJvm.start(PlainLogbackApp.class, config.toString());
				TestSubscriber subscriber = new TestSubscriber("tcp://127.0.0.1:" + port, "plain.INFO")) {
			assertThat(app.awaitLine((line) -> line.startsWith("spring "), Duration.ofSeconds(30)))
				.isEqualTo("spring absent");
			TestSubscriber.Message message = subscriber.receive(Duration.ofSeconds(30));
			assertThat(message).as("a message from the child JVM; its stderr: %s", app.errors()).isNotNull();
			assertThat(message.topic()).isEqualTo("plain.INFO");
			assertThat(message.body()).startsWith("ping ");
		}
	}

}

package io.github.zmqlog.sample;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import io.github.zmqlog.logback.ZmqLogAppender;
import io.github.zmqlog.testsupport.EnabledIfPyZmq;
import io.github.zmqlog.testsupport.PyZmq;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PyZMQ's own watcher, {@code python3 -m zmq.log}, against the sample application.
 */
@SpringBootTest(properties = "zmqlog.bind=tcp://127.0.0.1:*")
@Timeout(60)
@EnabledIfPyZmq
class PyZmqWatcherTests {

	@Autowired
	private ZmqLogAppender appender;

	@Test
	void pyzmqWatcherPrintsTheHeartbeat() throws Exception {
		Process watcher = PyZmq.module("zmq.log", this.appender.getStats().socket().boundEndpoints().get(0));
		try {
			// The heartbeat logs every second; the first that reaches the watcher is
			// printed.
			CompletableFuture<String> heartbeat = CompletableFuture.supplyAsync(() -> {
				try (BufferedReader out = new BufferedReader(
						new InputStreamReader(watcher.getInputStream(), StandardCharsets.UTF_8))) {
					String line;
					while ((line = out.readLine()) != null) {
						if (line.startsWith("sample.INFO.heartbeat")) {
							return line;
						}
					}
					return null;
				}
				catch (java.io.IOException ex) {
					return null;
				}
			});
			assertThat(heartbeat.get(30, TimeUnit.SECONDS)).matches("sample\\.INFO\\.heartbeat \\| beat \\d+");
		}
		finally {
			watcher.destroy();
		}
	}

}

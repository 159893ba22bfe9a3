package io.github.zmqlog.logback;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.zmqlog.testsupport.ChildJvm;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queue is bounded in bytes as well as in events: large messages logged into a held
 * publisher neither exhaust a small heap nor go uncounted.
 */
@Timeout(120)
class ZmqLogQueueMemoryTests {

	@Test
	void tenMegabyteMessagesIntoAHeldPublisherFitA256MegabyteHeapAndAreAllCounted() throws Exception {
		int messages = 60;
		try (ChildJvm app = ChildJvm.start(LargeMessagesApp.class, String.valueOf(messages),
				String.valueOf(10 * 1024 * 1024))) {
			String line = app.awaitLine((text) -> text.startsWith("counts ") || text.equals("out of memory"),
					Duration.ofSeconds(90));
			assertThat(line).as("the child's report (stderr: %s)", app.errors()).startsWith("counts ");
			Map<String, Long> counts = parse(line);
			assertThat(counts.get("logged")).isEqualTo(messages + 1);
			assertThat(counts.get("enqueued") + counts.get("queueFull")).isEqualTo(counts.get("logged"));
			assertThat(counts.get("sent") + counts.get("dropped") - counts.get("queueFull"))
				.isEqualTo(counts.get("enqueued"));
			assertThat(counts.get("queueFull")).as("turned away by the byte budget").isPositive();
			assertThat(counts.get("truncated")).as("cut to maxMessageSize").isEqualTo(counts.get("enqueued") - 1);
		}
	}

	private static Map<String, Long> parse(String line) {
		Map<String, Long> counts = new HashMap<>();
		for (String pair : line.substring("counts ".length()).split(" ")) {
			String[] parts = pair.split("=");
			counts.put(parts[0], Long.parseLong(parts[1]));
		}
		return counts;
	}

}

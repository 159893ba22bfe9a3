package io.github.zmqlog.logback;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.zmqlog.testsupport.ChildJvm;
import io.github.zmqlog.testsupport.EnabledIfModernJdk;
import io.github.zmqlog.testsupport.ModernJdk;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Logging from 10,000 virtual threads at once, with each overflow policy, in a child JVM
 * of a JDK 21 or later ({@link ModernJdk}; this build's own JDK may be 17): JFR's
 * {@code jdk.VirtualThreadPinned} (no threshold) records no pinning with a frame of ours,
 * while a control that parks in a class initializer is recorded; every event is sent or
 * counted; the threads the appender starts, even from a virtual thread, are named
 * platform daemons. {@code BLOCK} parks the callers with {@code LockSupport.parkNanos},
 * which unmounts a virtual thread.
 */
@EnabledIfModernJdk
@Timeout(240)
class VirtualThreadsTests {

	private static final int THREADS = 10_000;

	private static final int EVENTS_PER_THREAD = 5;

	/** Small, so that both policies meet a full queue. */
	private static final int QUEUE_SIZE = 256;

	@ParameterizedTest
	@EnumSource(OverflowPolicy.class)
	void virtualThreadsLogWithoutPinningInOurCode(OverflowPolicy policy) throws Exception {
		ModernJdk.Found jdk = ModernJdk.find().orElseThrow();
		try (ChildJvm child = ChildJvm.start(jdk.java(), System.getProperty("java.class.path"), List.of(),
				VirtualThreadsApp.class, policy.name(), String.valueOf(THREADS), String.valueOf(EVENTS_PER_THREAD),
				String.valueOf(QUEUE_SIZE))) {
			String result = child.awaitLine((line) -> line.startsWith("result ") || line.startsWith("failed "),
					Duration.ofSeconds(200));
			System.out.println("[virtual-threads] JDK " + jdk.version() + " " + result);
			assertThat(result).startsWith("result ");
			Map<String, String> figures = figures(result);
			assertThat(figures.get("ours")).as("pinnings with a frame of ours").isEqualTo("0");
			assertThat(Long.parseLong(figures.get("control"))).as("the control pinning is recorded").isPositive();
			long logged = Long.parseLong(figures.get("logged"));
			assertThat(logged).isEqualTo((long) THREADS * EVENTS_PER_THREAD);
			assertThat(Long.parseLong(figures.get("sent")) + Long.parseLong(figures.get("dropped")))
				.as("sent + dropped = logged")
				.isEqualTo(logged);
			assertThat(Long.parseLong(figures.get("received")))
				.isLessThanOrEqualTo(Long.parseLong(figures.get("sent")));
		}
	}

	@ParameterizedTest
	@EnumSource(OverflowPolicy.class)
	void threadsTheAppenderStartsFromAVirtualThreadAreNamedPlatformDaemons(OverflowPolicy policy) throws Exception {
		ModernJdk.Found jdk = ModernJdk.find().orElseThrow();
		try (ChildJvm child = ChildJvm.start(jdk.java(), System.getProperty("java.class.path"), List.of(),
				VirtualThreadsApp.class, policy.name(), "10", "1", String.valueOf(QUEUE_SIZE))) {
			List<String> threads = new ArrayList<>();
			String line = awaitThreadOrResult(child);
			while (!line.startsWith("result ")) {
				assertThat(line).doesNotStartWith("failed ");
				threads.add(line);
				line = awaitThreadOrResult(child);
			}
			assertThat(threads).anySatisfy((thread) -> assertThat(thread).startsWith("thread zmqlog-publisher-vt "))
				.anySatisfy((thread) -> assertThat(thread).startsWith("thread zmqlog-zap-"))
				.allSatisfy((thread) -> assertThat(thread).endsWith(" virtual=false daemon=true"));
		}
	}

	private static String awaitThreadOrResult(ChildJvm child) throws InterruptedException {
		return child.awaitLine(
				(line) -> line.startsWith("thread ") || line.startsWith("result ") || line.startsWith("failed "),
				Duration.ofSeconds(120));
	}

	private static Map<String, String> figures(String result) {
		Map<String, String> figures = new HashMap<>();
		for (String pair : result.substring("result ".length()).split(" ")) {
			int equals = pair.indexOf('=');
			figures.put(pair.substring(0, equals), pair.substring(equals + 1));
		}
		return figures;
	}

}

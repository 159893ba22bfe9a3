package io.github.zmqlog.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A contender with its subscriber JVM, subscription in place, for a JMH trial; on close
 * it appends the contender's counters and a sample of what the subscriber received to the
 * notes file named by the system property {@value #NOTES_PROPERTY}, which the report
 * reads.
 */
final class Fixture implements AutoCloseable {

	static final String NOTES_PROPERTY = "zmqlog.bench.notes";

	final Target target;

	private final @Nullable SubscriberProcess subscriber;

	private Fixture(Target target, @Nullable SubscriberProcess subscriber) {
		this.target = target;
		this.subscriber = subscriber;
	}

	static Fixture open(String contender) throws Exception {
		Target target = Target.open(contender, false);
		SubscriberProcess subscriber = null;
		if (target.endpoint() != null) {
			subscriber = SubscriberProcess.start(target.endpoint(), false);
			subscriber.awaitSubscribed(target, 60_000);
		}
		return new Fixture(target, subscriber);
	}

	/**
	 * Closes the contender and the subscriber, and writes the notes.
	 * @param what what the trial measured, {@code key=value} pairs
	 */
	void close(String what) {
		StringBuilder line = new StringBuilder(what);
		this.target.counters().forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
		if (this.subscriber != null) {
			line.append(' ').append(this.subscriber.ask("SAMPLE").substring("SAMPLE ".length()));
		}
		close();
		System.out.println(line);
		String notes = System.getProperty(NOTES_PROPERTY);
		if (notes != null) {
			try {
				Files.writeString(Path.of(notes), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
						StandardOpenOption.APPEND);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}
	}

	@Override
	public void close() {
		this.target.close();
		if (this.subscriber != null) {
			this.subscriber.close();
		}
	}

	static Map<String, String> parse(String line) {
		Map<String, String> values = new java.util.LinkedHashMap<>();
		for (String pair : line.trim().split(" ")) {
			int eq = pair.indexOf('=');
			if (eq > 0) {
				values.put(pair.substring(0, eq),
						java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
			}
		}
		return values;
	}

}

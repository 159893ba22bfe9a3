package io.github.zmqlog.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One run of the report: its mode and logs, and what its figures leave for the header and
 * the end of the document (the time each took, what went wrong, a message of each
 * contender's as the subscriber received it).
 */
final class Run {

	private final boolean quick;

	private final Path logs;

	private final long startNanos = System.nanoTime();

	private final String loadAtStart = Machine.loadAverage();

	private final Map<String, String> timings = new LinkedHashMap<>();

	private final List<String> problems = new ArrayList<>();

	private final Map<String, WireSample> samples = new HashMap<>();

	Run(boolean quick, Path logs) {
		this.quick = quick;
		this.logs = logs;
	}

	/**
	 * Whether everything runs very briefly, to check the harness.
	 * @return {@code true} for a quick run, whose figures mean nothing
	 */
	boolean quick() {
		return this.quick;
	}

	Path logs() {
		return this.logs;
	}

	/**
	 * Measures a figure, saying so on the console, and keeps the time it took for the
	 * header.
	 * @param figure the figure, named on the console and in the header by its
	 * {@link Figure#name() name}
	 * @throws Exception as the figure's {@link Figure#measure(Run) measure} throws it
	 */
	void measure(Figure figure) throws Exception {
		long start = System.nanoTime();
		say(figure.name() + " ...");
		figure.measure(this);
		this.timings.put(figure.name(), Units.minutes(System.nanoTime() - start));
		say(figure.name() + " done in " + Units.minutes(System.nanoTime() - start));
	}

	Map<String, String> timings() {
		return Collections.unmodifiableMap(this.timings);
	}

	/**
	 * The time since the run started.
	 * @return the minutes and seconds, {@code m:ss}
	 */
	String elapsed() {
		return Units.minutes(System.nanoTime() - this.startNanos);
	}

	String loadAtStart() {
		return this.loadAtStart;
	}

	void say(String message) {
		System.out.println("[report " + elapsed() + "] " + message);
		System.out.flush();
	}

	/**
	 * Notes what went wrong, for the end of the document: a figure goes on with what it
	 * has.
	 * @param problem a sentence saying what went wrong, and where to look
	 */
	void problem(String problem) {
		this.problems.add(problem);
	}

	List<String> problems() {
		return Collections.unmodifiableList(this.problems);
	}

	void sampled(String contender, WireSample sample) {
		this.samples.put(contender, sample);
	}

	/**
	 * Returns a message of the contender's as the subscriber received it.
	 * @param contender the contender
	 * @return the message, {@code null} when none was received (a contender without
	 * transport)
	 */
	@Nullable WireSample sample(String contender) {
		return this.samples.get(contender);
	}

}

package io.github.zmqlog.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Measures every figure for every contender and writes {@code BENCHMARKS.md}, keeping the
 * sections written by hand at its end ({@link ReportDocument#BY_HAND}). Run it from the
 * repository root after {@code mvn -B -Pbenchmarks -DskipTests package}:
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.zmqlog.benchmarks.Report [quick]
 * </pre>
 *
 * System properties: {@code quick=true} (the same as the argument {@code quick}:
 * everything very briefly, to check the harness), {@code out} (the Markdown file,
 * {@code BENCHMARKS.md}), {@code sampleApp} (the jar,
 * {@code sample-app/target/sample-app.jar}), {@code figures} (the figures to measure, by
 * name: {@code unpaced}, {@code paced}, {@code lossless}, {@code burst},
 * {@code allocation}, {@code delay}, {@code startup}; all by default), {@code jfr=false}
 * (no profile of ours, which otherwise follows the lossless sweep), {@code note} (a
 * warning put at the top, e.g. that the machine was busy), {@value Log4j2Target#SND_HWM}
 * (Log4j2's send high-water mark instead of its default 1000),
 * {@value ZmqLogTarget#QUEUE_SIZE} (our appender's queue size instead of its default).
 * Logs of every run go to {@code benchmarks/target/benchmark-logs}.
 */
public final class Report {

	private Report() {
	}

	public static void main(String[] args) throws Exception {
		boolean quick = Boolean.getBoolean("quick") || Arrays.asList(args).contains("quick");
		List<String> names = Arrays.stream(System.getProperty("figures", "").split(","))
			.map(String::trim)
			.filter((name) -> !name.isEmpty())
			.toList();
		run(new Run(quick, Path.of("benchmarks", "target", "benchmark-logs")), names,
				!"false".equals(System.getProperty("jfr")),
				Path.of(System.getProperty("sampleApp", "sample-app/target/sample-app.jar")),
				Path.of(System.getProperty("out", "BENCHMARKS.md")));
	}

	/**
	 * Measures the figures and writes the report.
	 * @param run the run
	 * @param names the figures to measure, all when empty
	 * @param jfr whether to profile ours after the lossless sweep
	 * @param sampleApp the sample app's jar, for the start-up
	 * @param out the Markdown file
	 * @throws Exception if a figure cannot be measured or the file not written
	 */
	static void run(Run run, List<String> names, boolean jfr, Path sampleApp, Path out) throws Exception {
		UnpacedCallerCost unpaced = new UnpacedCallerCost(run.quick());
		PacedCallerCost paced = new PacedCallerCost(run.quick());
		LosslessSweep lossless = new LosslessSweep(run.quick());
		Burst burst = new Burst(run.quick());
		IdleAndDelay delay = new IdleAndDelay(run.quick());
		Startup startup = new Startup(run.quick(), sampleApp);
		JfrProfile profile = new JfrProfile(run.quick(), lossless);
		Allocation allocation = new Allocation(paced, unpaced);
		List<Figure> selectable = List.of(unpaced, paced, lossless, burst, allocation, delay, startup);
		Set<Figure> measured = select(selectable, names);
		// The profile is of ours at the first rate where the sweep saw it lose: it
		// follows the sweep.
		if (jfr && measured.contains(lossless)) {
			measured.add(profile);
		}
		Files.createDirectories(run.logs());
		run.say("Benchmarks, " + (run.quick() ? "QUICK mode" : "full run") + "; logs in " + run.logs());
		for (Figure figure : List.of(unpaced, paced, lossless, burst, delay, startup, profile)) {
			if (measured.contains(figure)) {
				run.measure(figure);
			}
		}
		List<Figure> sections = new ArrayList<>(selectable);
		sections.add(profile);
		// The targets table keeps the order of issue 17's targets, not that of the
		// sections.
		List<Figure> targets = List.of(lossless, burst, paced, delay, allocation, startup);
		String byHand = ReportDocument.byHand(out);
		Files.writeString(out, new ReportDocument(run, sections, targets).markdown() + byHand, StandardCharsets.UTF_8);
		run.say("Wrote " + out.toAbsolutePath() + " after " + run.elapsed());
	}

	private static Set<Figure> select(List<Figure> figures, List<String> names) {
		List<String> known = figures.stream().map(Figure::name).toList();
		for (String name : names) {
			if (!known.contains(name)) {
				throw new IllegalArgumentException("unknown figure '" + name + "', use some of " + known);
			}
		}
		Set<Figure> selected = new LinkedHashSet<>();
		for (Figure figure : figures) {
			if (names.isEmpty() || names.contains(figure.name())) {
				selected.addAll(figure.measurements());
			}
		}
		return selected;
	}

}

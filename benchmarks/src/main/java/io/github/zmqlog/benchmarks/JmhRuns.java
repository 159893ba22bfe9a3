package io.github.zmqlog.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs a caller-cost benchmark through JMH's Runner API, one fork for each contender,
 * with JMH's {@code gc} profiler, and reads back what each fork noted ({@link Fixture}):
 * ours' drops and a message as the subscriber received it.
 */
final class JmhRuns {

	private JmhRuns() {
	}

	/**
	 * Runs the {@code logInfo} method of a benchmark for every contender.
	 * @param run the report's run, told of a contender whose fork failed
	 * @param name the name of the run's log and notes files
	 * @param benchmark the benchmark class
	 * @param threads the calling threads
	 * @param iterations the warm-up and measured iterations
	 * @param params the benchmark's parameters besides the contender
	 * @return each contender's result, none for a fork that failed
	 * @throws Exception if JMH cannot run
	 */
	static Map<String, JmhResult> run(Run run, String name, Class<?> benchmark, int threads, Iterations iterations,
			Map<String, String> params) throws Exception {
		Path notes = run.logs().resolve(name + ".notes");
		Files.deleteIfExists(notes);
		List<String> jvmArgs = ChildJvms.measuredJvmArgs();
		jvmArgs.add("-D" + Fixture.NOTES_PROPERTY + "=" + notes.toAbsolutePath());
		ChainedOptionsBuilder options = new OptionsBuilder().include("\\." + benchmark.getSimpleName() + "\\.logInfo$")
			.param("contender", Target.ALL.toArray(String[]::new))
			.forks(1)
			.jvmArgsAppend(jvmArgs.toArray(String[]::new))
			.addProfiler(GCProfiler.class)
			.timeout(TimeValue.seconds(120))
			.shouldFailOnError(false)
			.output(run.logs().resolve(name + ".log").toString())
			.threads(threads)
			.warmupIterations(iterations.warmups())
			.warmupTime(iterations.time())
			.measurementIterations(iterations.measurements())
			.measurementTime(iterations.time());
		params.forEach((param, value) -> options.param(param, value));
		return collect(run, new Runner(options.build()).run(), notes);
	}

	private static Map<String, JmhResult> collect(Run run, Collection<RunResult> results, Path notesFile)
			throws IOException {
		Map<String, Map<String, String>> notes = new LinkedHashMap<>();
		if (Files.exists(notesFile)) {
			for (String line : Files.readAllLines(notesFile)) {
				Map<String, String> values = Fixture.parse(line);
				String contender = values.get("contender");
				notes.put(contender, values);
				if (values.containsKey("frames") && run.sample(contender) == null) {
					run.sampled(contender, WireSample.from(values));
				}
			}
		}
		Map<String, JmhResult> byContender = new LinkedHashMap<>();
		for (RunResult result : results) {
			String contender = result.getParams().getParam("contender");
			Statistics statistics = result.getPrimaryResult().getStatistics();
			Result<?> alloc = result.getSecondaryResults().get("gc.alloc.rate.norm");
			long ops = 0;
			double seconds = 0;
			for (BenchmarkResult benchmark : result.getBenchmarkResults()) {
				for (IterationResult iteration : benchmark.getIterationResults()) {
					ops += iteration.getMetadata().getAllOps();
					seconds += benchmark.getParams().getMeasurement().getTime().convertTo(TimeUnit.NANOSECONDS) / 1e9;
				}
			}
			byContender.put(contender,
					new JmhResult(statistics.getMean(), statistics.getPercentile(50), statistics.getPercentile(99),
							statistics.getPercentile(99.9), statistics.getN(),
							(alloc != null) ? alloc.getScore() : Double.NaN, ops / seconds,
							JmhResult.Drops.from(notes.getOrDefault(contender, Map.of()))));
		}
		for (String contender : Target.ALL) {
			if (!byContender.containsKey(contender)) {
				run.problem("JMH run of " + contender + " failed, see " + run.logs());
			}
		}
		return byContender;
	}

	/**
	 * The warm-up and measured iterations of a run, each of the same time.
	 *
	 * @param warmups the warm-up iterations
	 * @param measurements the measured iterations
	 * @param time the time of each
	 */
	record Iterations(int warmups, int measurements, TimeValue time) {

		/**
		 * Describes the iterations as the method section says them.
		 * @return the counts and times, e.g. {@code 3 × 2 s warm-up, 5 × 2 s}
		 */
		String describe() {
			long millis = this.time.convertTo(TimeUnit.MILLISECONDS);
			String each = (millis % 1000 == 0) ? (millis / 1000) + " s" : (millis / 1000.0) + " s";
			return this.warmups + " × " + each + " warm-up, " + this.measurements + " × " + each;
		}

	}

}

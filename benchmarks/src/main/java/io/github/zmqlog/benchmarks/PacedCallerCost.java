package io.github.zmqlog.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The time of the workload's call on the calling thread at 100 k events/s from 4 paced
 * threads ({@link PacedCallerCostBenchmark}), the load an application may really put on
 * it.
 */
final class PacedCallerCost implements Figure {

	private static final int TOTAL_RATE = 100_000;

	private final JmhRuns.Iterations iterations;

	private final Map<String, JmhResult> results = new LinkedHashMap<>();

	PacedCallerCost(boolean quick) {
		this.iterations = iterations(quick);
	}

	static JmhRuns.Iterations iterations(boolean quick) {
		return quick ? new JmhRuns.Iterations(1, 2, TimeValue.seconds(1))
				: new JmhRuns.Iterations(2, 5, TimeValue.seconds(3));
	}

	@Override
	public String name() {
		return "paced";
	}

	@Override
	public void measure(Run run) throws Exception {
		this.results.putAll(JmhRuns.run(run, "paced", PacedCallerCostBenchmark.class, 4, this.iterations,
				Map.of("totalRate", String.valueOf(TOTAL_RATE))));
	}

	/**
	 * Returns the results.
	 * @return each contender's result, empty when not measured
	 */
	Map<String, JmhResult> results() {
		return this.results;
	}

	@Override
	public void write(Markdown out) {
		out.line("## Caller cost at 100 k events/s from 4 threads");
		out.line();
		out.line("JMH `Mode.SampleTime`, each of 4 threads paced at 25 k events/s in a `Level.Invocation` setup (not "
				+ "measured). \"achieved\" is the calls per second JMH counted; below 100 k when threads fell more "
				+ "than 1 ms behind their schedule (the machine did not give them the CPU) and gave up slots.");
		out.line();
		CallerCostTable.write(out, this.results, true);
	}

	@Override
	public List<Verdict> verdicts() {
		JmhResult ours = this.results.get(ZmqLogTarget.NAME);
		JmhResult log4j2 = this.results.get(Log4j2Target.NAME);
		if (ours == null || log4j2 == null) {
			return List.of();
		}
		double mean = ours.mean() / log4j2.mean();
		double tail = ours.p999() / log4j2.p999();
		return List.of(
				Verdict.of("4. caller cost at 100 k/s, 4 threads: mean ≤ 1/25 of Log4j2's",
						String.format(Locale.ROOT, "%s vs %s = 1/%.1f", Units.time(ours.mean()),
								Units.time(log4j2.mean()), 1 / mean),
						mean <= 1.0 / 25, String.format(Locale.ROOT, "%.1f× the mean allowed", mean * 25)),
				Verdict.of("4. caller cost at 100 k/s, 4 threads: p99.9 ≤ 1/50 of Log4j2's",
						String.format(Locale.ROOT, "%s vs %s = 1/%.1f", Units.time(ours.p999()),
								Units.time(log4j2.p999()), 1 / tail),
						tail <= 1.0 / 50, String.format(Locale.ROOT, "%.1f× the p99.9 allowed", tail * 50)));
	}

}

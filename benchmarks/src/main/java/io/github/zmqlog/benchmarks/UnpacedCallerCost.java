package io.github.zmqlog.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The time of the workload's call on the calling thread, as fast as 1 and then 4 threads
 * can call ({@link CallerCostBenchmark}): nothing paces them, so every transport is
 * overrun.
 */
final class UnpacedCallerCost implements Figure {

	private static final List<Integer> THREADS = List.of(1, 4);

	private final JmhRuns.Iterations iterations;

	private final Map<Integer, Map<String, JmhResult>> byThreads = new LinkedHashMap<>();

	UnpacedCallerCost(boolean quick) {
		this.iterations = iterations(quick);
	}

	static JmhRuns.Iterations iterations(boolean quick) {
		return quick ? new JmhRuns.Iterations(1, 2, TimeValue.milliseconds(500))
				: new JmhRuns.Iterations(3, 5, TimeValue.seconds(2));
	}

	@Override
	public String name() {
		return "unpaced";
	}

	@Override
	public void measure(Run run) throws Exception {
		for (int threads : THREADS) {
			run.say("  " + threads + " thread(s), " + Target.ALL.size() + " contenders");
			this.byThreads.put(threads, JmhRuns.run(run, "unpaced-t" + threads, CallerCostBenchmark.class, threads,
					this.iterations, Map.of()));
		}
	}

	/**
	 * Returns the results with one calling thread.
	 * @return each contender's result, empty when not measured
	 */
	Map<String, JmhResult> singleThread() {
		return this.byThreads.getOrDefault(1, Map.of());
	}

	@Override
	public void write(Markdown out) {
		out.line("## Caller cost per call, unpaced");
		out.line();
		out.line("JMH `Mode.SampleTime`, the time of the `log.info` call on the calling thread, as fast as the threads "
				+ "can call. Nothing paces them, so every transport is overrun: ours drops when its queue is full "
				+ "(counted, last column), Log4j2 and raw JeroMQ drop silently at their sockets' high-water marks, or "
				+ "wait for the lock of the one socket.");
		out.line();
		this.byThreads.forEach((threads, results) -> {
			out.line("**" + threads + " thread" + ((threads > 1) ? "s" : "") + "**");
			out.line();
			CallerCostTable.write(out, results, false);
		});
	}

	@Override
	public List<Verdict> verdicts() {
		JmhResult ours = singleThread().get(ZmqLogTarget.NAME);
		JmhResult floor = singleThread().get(LogbackAsyncNullTarget.NAME);
		if (ours == null || floor == null) {
			return List.of();
		}
		return List.of(Verdict.of("1 thread: caller cost ≤ Logback AsyncAppender's (mean)",
				Units.time(ours.mean()) + " vs " + Units.time(floor.mean()), ours.mean() <= floor.mean(),
				String.format(Locale.ROOT, "%.0f %% more", 100 * (ours.mean() / floor.mean() - 1))));
	}

}

package io.github.zmqlog.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Bytes allocated per call, by every thread of the JVM (the publisher thread and JeroMQ's
 * included), as JMH's {@code gc} profiler measured them in the caller-cost runs.
 */
final class Allocation implements Figure {

	private final PacedCallerCost paced;

	private final UnpacedCallerCost unpaced;

	Allocation(PacedCallerCost paced, UnpacedCallerCost unpaced) {
		this.paced = paced;
		this.unpaced = unpaced;
	}

	@Override
	public String name() {
		return "allocation";
	}

	@Override
	public List<Figure> measurements() {
		return List.of(this.unpaced, this.paced);
	}

	@Override
	public void measure(Run run) {
		// the caller-cost runs measure it: see measurements()
	}

	@Override
	public void write(Markdown out) {
		out.line("## Allocation per event");
		out.line();
		out.line("JMH's `gc` profiler, `gc.alloc.rate.norm`: bytes allocated by all threads of the JVM (the publisher "
				+ "thread and JeroMQ's included) per call. Paced: the 100 k/s run of the paced caller cost, where "
				+ "nothing should drop; unpaced: the unpaced caller cost with 1 thread, where ours drops most events "
				+ "(a drop allocates little).");
		out.line();
		Map<String, JmhResult> paced = this.paced.results();
		JmhResult log4j2 = paced.get(Log4j2Target.NAME);
		JmhResult raw = paced.get(RawJeroMqTarget.NAME);
		Map<String, JmhResult> single = this.unpaced.singleThread();
		List<List<String>> rows = new ArrayList<>();
		for (String contender : Target.ALL) {
			JmhResult r = paced.get(contender);
			JmhResult u = single.get(contender);
			double alloc = (r != null) ? r.alloc() : Double.NaN;
			rows.add(List.of(Target.title(contender), Units.bytes(alloc),
					Units.ratio(alloc, (log4j2 != null) ? log4j2.alloc() : Double.NaN),
					Units.ratio(alloc, (raw != null) ? raw.alloc() : Double.NaN),
					Units.bytes((u != null) ? u.alloc() : Double.NaN)));
		}
		out.table(List.of("contender", "paced 100 k/s, B/event", "÷ Log4j2", "÷ raw", "unpaced 1 thread, B/call"),
				rows);
	}

	@Override
	public List<Verdict> verdicts() {
		JmhResult ours = this.paced.results().get(ZmqLogTarget.NAME);
		JmhResult log4j2 = this.paced.results().get(Log4j2Target.NAME);
		if (ours == null || log4j2 == null) {
			return List.of();
		}
		double ratio = ours.alloc() / log4j2.alloc();
		return List.of(Verdict.of(
				"6. allocation per event at 100 k/s ≤ Log4j2's", String.format(Locale.ROOT, "%s vs %s B = %.2f×",
						Units.bytes(ours.alloc()), Units.bytes(log4j2.alloc()), ratio),
				ratio <= 1, String.format(Locale.ROOT, "%.0f %% more", 100 * (ratio - 1))));
	}

}

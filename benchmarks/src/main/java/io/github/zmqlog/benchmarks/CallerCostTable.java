package io.github.zmqlog.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The table of the caller-cost figures, paced and unpaced: JMH's figures for each
 * contender, set against Log4j2's and raw JeroMQ's.
 */
final class CallerCostTable {

	private CallerCostTable() {
	}

	/**
	 * Writes the table.
	 * @param out the report
	 * @param results each contender's result
	 * @param showRate whether to show the calls per second achieved (for paced callers,
	 * which may fall behind)
	 */
	static void write(Markdown out, Map<String, JmhResult> results, boolean showRate) {
		JmhResult log4j2 = results.get(Log4j2Target.NAME);
		JmhResult raw = results.get(RawJeroMqTarget.NAME);
		List<List<String>> rows = new ArrayList<>();
		for (String contender : Target.ALL) {
			JmhResult r = results.get(contender);
			if (r == null) {
				rows.add(List.of(Target.title(contender), "failed", "", "", "", "", "", "", "", ""));
				continue;
			}
			List<String> row = new ArrayList<>(List.of(Target.title(contender)));
			if (showRate) {
				row.add(Units.rate(r.rate()));
			}
			row.addAll(List.of(Units.time(r.mean()), Units.time(r.p50()), Units.time(r.p99()), Units.time(r.p999()),
					String.valueOf(r.samples()), Units.ratio(r.mean(), (log4j2 != null) ? log4j2.mean() : Double.NaN),
					Units.ratio(r.mean(), (raw != null) ? raw.mean() : Double.NaN),
					Units.ratio(r.p999(), (log4j2 != null) ? log4j2.p999() : Double.NaN),
					(r.drops() != null) ? r.drops().share() : ""));
			rows.add(row);
		}
		List<String> headers = new ArrayList<>(List.of("contender"));
		if (showRate) {
			headers.add("achieved");
		}
		headers.addAll(List.of("mean", "p50", "p99", "p99.9", "samples", "mean ÷ Log4j2", "mean ÷ raw",
				"p99.9 ÷ Log4j2", "dropped by ours (whole trial)"));
		out.table(headers, rows);
	}

}

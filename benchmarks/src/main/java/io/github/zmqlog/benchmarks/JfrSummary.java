package io.github.zmqlog.benchmarks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Summarises {@code jfr print --events jdk.ExecutionSample} output: samples per group of threads,
 * and per group the methods on top of the stack (self) and anywhere on it (total).
 */
final class JfrSummary {

	private final Map<String, Integer> samples = new TreeMap<>();

	private final Map<String, Map<String, Integer>> self = new HashMap<>();

	private final Map<String, Map<String, Integer>> total = new HashMap<>();

	private String thread;

	private final List<String> stack = new ArrayList<>();

	private boolean inStack;

	void accept(String line) {
		String trimmed = line.trim();
		if (trimmed.startsWith("sampledThread = ")) {
			int open = trimmed.indexOf('"');
			int close = trimmed.indexOf('"', open + 1);
			this.thread = (open >= 0 && close > open) ? trimmed.substring(open + 1, close) : "?";
		}
		else if (trimmed.startsWith("stackTrace = [")) {
			this.inStack = true;
			this.stack.clear();
		}
		else if (this.inStack && trimmed.equals("]")) {
			this.inStack = false;
		}
		else if (this.inStack) {
			if (!trimmed.equals("...")) {
				this.stack.add(trimmed.replaceAll("\\s+line: \\d+.*$", ""));
			}
		}
		else if (trimmed.equals("}") && this.thread != null) {
			String group = group(this.thread);
			this.samples.merge(group, 1, Integer::sum);
			if (!this.stack.isEmpty()) {
				this.self.computeIfAbsent(group, (key) -> new HashMap<>()).merge(this.stack.get(0), 1, Integer::sum);
				Set<String> distinct = new LinkedHashSet<>(this.stack);
				distinct.forEach((frame) -> this.total.computeIfAbsent(group, (key) -> new HashMap<>())
					.merge(frame, 1, Integer::sum));
			}
			this.thread = null;
		}
	}

	private static String group(String thread) {
		if (thread.startsWith("worker-")) {
			return "calling threads (worker-N)";
		}
		if (thread.startsWith("zmqlog-publisher-")) {
			return "publisher thread";
		}
		if (thread.startsWith("iothread") || thread.startsWith("reaper")) {
			return "JeroMQ I/O thread";
		}
		return "other (" + thread.replaceAll("[0-9]+", "N") + ")";
	}

	String markdown(int top) {
		int all = this.samples.values().stream().mapToInt(Integer::intValue).sum();
		if (all == 0) {
			return "_No execution samples were recorded._\n";
		}
		Markdown md = new Markdown();
		List<List<String>> rows = new ArrayList<>();
		this.samples.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.forEach((e) -> rows.add(List.of(e.getKey(), String.valueOf(e.getValue()), pct(e.getValue(), all))));
		md.table(List.of("threads", "samples", "share"), rows);
		for (String group : List.of("calling threads (worker-N)", "publisher thread", "JeroMQ I/O thread")) {
			Integer count = this.samples.get(group);
			if (count == null) {
				continue;
			}
			md.line("**" + group + "** (" + count + " samples): top methods, self (on top of the stack) and total "
					+ "(anywhere on it; frames on every sample left out)");
			md.line();
			List<Map.Entry<String, Integer>> selfTop = top(this.self.get(group), top);
			// Frames on every sample of the group (thread roots, the probe's loop) tell nothing.
			Map<String, Integer> informative = new HashMap<>(this.total.getOrDefault(group, Map.of()));
			informative.values().removeIf((n) -> n >= count);
			List<Map.Entry<String, Integer>> totalTop = top(informative, top);
			List<List<String>> lines = new ArrayList<>();
			for (int i = 0; i < Math.max(selfTop.size(), totalTop.size()); i++) {
				List<String> line = new ArrayList<>();
				addCell(line, selfTop, i, count);
				addCell(line, totalTop, i, count);
				lines.add(line);
			}
			md.table(List.of("self", "%", "total", "%"), lines);
		}
		return md.toString();
	}

	private static void addCell(List<String> line, List<Map.Entry<String, Integer>> entries, int i, int count) {
		if (i < entries.size()) {
			line.add("`" + entries.get(i).getKey() + "`");
			line.add(pct(entries.get(i).getValue(), count));
		}
		else {
			line.add("");
			line.add("");
		}
	}

	private static List<Map.Entry<String, Integer>> top(Map<String, Integer> counts, int n) {
		if (counts == null) {
			return List.of();
		}
		return counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
			.limit(n)
			.toList();
	}

	private static String pct(int part, int whole) {
		return String.format(Locale.ROOT, "%.1f %%", 100.0 * part / whole);
	}

}

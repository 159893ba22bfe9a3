package io.github.zmqlog.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Where ours spends its CPU at the first rate of the lossless sweep where it loses
 * events: a JFR recording of the {@link LoadProbe} at that rate, summarised from
 * {@code jfr print --events jdk.ExecutionSample} as samples per group of threads and, per
 * group, the methods on top of the stack (self) and anywhere on it (total).
 */
final class JfrProfile implements Figure {

	private static final List<String> GROUPS = List.of("calling threads (worker-N)", "publisher thread",
			"JeroMQ I/O thread");

	private static final int TOP = 8;

	private final int seconds;

	private final LosslessSweep sweep;

	private final Map<String, Integer> samples = new TreeMap<>();

	private final Map<String, Map<String, Integer>> self = new HashMap<>();

	private final Map<String, Map<String, Integer>> total = new HashMap<>();

	private final List<String> stack = new ArrayList<>();

	private @Nullable String thread;

	private boolean inStack;

	private @Nullable String intro;

	JfrProfile(boolean quick, LosslessSweep sweep) {
		this.seconds = quick ? 2 : 5;
		this.sweep = sweep;
	}

	@Override
	public String name() {
		return "profile";
	}

	@Override
	public void measure(Run run) throws Exception {
		long rate = this.sweep.firstRateOursLost();
		Path recording = run.logs().resolve("zmqlog-profile.jfr").toAbsolutePath();
		Files.deleteIfExists(recording);
		run.say("  ours at " + rate + " events/s offered, recording " + recording);
		List<Map<String, String>> results = ChildJvms.probe(run, "profile-zmqlog",
				List.of("-XX:StartFlightRecording=filename=" + recording + ",settings=profile,dumponexit=true"),
				LoadProbe.class, ZmqLogTarget.NAME, String.valueOf(this.seconds), "1", "4", String.valueOf(rate));
		Process print = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jfr").toString(), "print",
				"--events", "jdk.ExecutionSample", "--stack-depth", "32", recording.toString())
			.redirectErrorStream(true)
			.start();
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(print.getInputStream(), StandardCharsets.UTF_8))) {
			lines.lines().forEach(this::accept);
		}
		print.waitFor(60, TimeUnit.SECONDS);
		String step = "";
		if (!results.isEmpty()) {
			LosslessSweep.Step measured = LosslessSweep.Step.from(results.get(0));
			step = String.format(Locale.ROOT, " (achieved %s, loss %s, dropped %.0f)", Units.rate(measured.achieved()),
					Units.percent(measured.loss()), measured.dropped());
		}
		this.intro = "JFR (`settings=profile`, an execution sample of each running Java thread every 10 ms) of ours "
				+ "in the load probe at " + Units.rate(rate) + " offered from 4 threads" + step + "; the recording is `"
				+ run.logs().resolve("zmqlog-profile.jfr") + "`.";
	}

	/**
	 * Reads one line of {@code jfr print}: a sample is its thread, then its stack, then a
	 * closing brace.
	 * @param line the line, as {@code jfr print} indents it
	 */
	private void accept(String line) {
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
			return GROUPS.get(0);
		}
		if (thread.startsWith("zmqlog-publisher-")) {
			return GROUPS.get(1);
		}
		if (thread.startsWith("iothread") || thread.startsWith("reaper")) {
			return GROUPS.get(2);
		}
		return "other (" + thread.replaceAll("[0-9]+", "N") + ")";
	}

	@Override
	public void write(Markdown out) {
		if (this.intro == null) {
			return;
		}
		out.line("## Profile of ours where it loses events");
		out.line();
		out.line(this.intro);
		out.line();
		int all = this.samples.values().stream().mapToInt(Integer::intValue).sum();
		if (all == 0) {
			out.line("_No execution samples were recorded._");
			out.line();
			return;
		}
		List<List<String>> rows = new ArrayList<>();
		this.samples.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.forEach((e) -> rows.add(List.of(e.getKey(), String.valueOf(e.getValue()), pct(e.getValue(), all))));
		out.table(List.of("threads", "samples", "share"), rows);
		for (String group : GROUPS) {
			Integer count = this.samples.get(group);
			if (count == null) {
				continue;
			}
			out.line("**" + group + "** (" + count + " samples): top methods, self (on top of the stack) and total "
					+ "(anywhere on it; frames on every sample left out)");
			out.line();
			List<Map.Entry<String, Integer>> selfTop = top(this.self.get(group));
			// Frames on every sample of the group (thread roots, the probe's loop) tell
			// nothing.
			Map<String, Integer> informative = new HashMap<>(this.total.getOrDefault(group, Map.of()));
			informative.values().removeIf((n) -> n >= count);
			List<Map.Entry<String, Integer>> totalTop = top(informative);
			List<List<String>> lines = new ArrayList<>();
			for (int i = 0; i < Math.max(selfTop.size(), totalTop.size()); i++) {
				List<String> line = new ArrayList<>();
				addCell(line, selfTop, i, count);
				addCell(line, totalTop, i, count);
				lines.add(line);
			}
			out.table(List.of("self", "%", "total", "%"), lines);
		}
		out.line();
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

	private static List<Map.Entry<String, Integer>> top(@Nullable Map<String, Integer> counts) {
		if (counts == null) {
			return List.of();
		}
		return counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
			.limit(TOP)
			.toList();
	}

	private static String pct(int part, int whole) {
		return String.format(Locale.ROOT, "%.1f %%", 100.0 * part / whole);
	}

}

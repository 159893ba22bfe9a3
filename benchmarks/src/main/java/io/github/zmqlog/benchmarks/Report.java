package io.github.zmqlog.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.zmqlog.logback.ZmqLogAppender;
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
 * Runs every figure of issue 6 for every contender and writes {@code BENCHMARKS.md}: JMH (through
 * its Runner API) for figures (1), (2) and (4), the {@link LoadProbe} and {@link IdleDelayProbe}
 * JVMs for figures (3) and (5), the sample app's start-ups for figure (6), and a JFR profile of our
 * appender at the first rate where it loses events. Run it from the repository root after
 * {@code mvn -B -Pbenchmarks -DskipTests package}:
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.zmqlog.benchmarks.Report [quick]
 * </pre>
 *
 * System properties: {@code quick=true} (the same as the argument {@code quick}: everything very
 * briefly, to check the harness), {@code out} (the Markdown file, {@code BENCHMARKS.md}),
 * {@code sampleApp} (the jar, {@code sample-app/target/sample-app.jar}), {@code jfr=false} (no
 * profile), {@code figures} (a subset, e.g. {@code 1,2,4}), {@code note} (a warning put at the top, e.g. that the machine was busy),
 * {@code zmqlog.bench.log4j2SndHwm} (Log4j2's send
 * high-water mark instead of its default 1000), {@code zmqlog.bench.queueSize} (our appender's queue
 * size instead of its default). Logs of every run go to
 * {@code benchmarks/target/benchmark-logs}.
 */
public final class Report {

	static final String[] JVM_ARGS = { "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch" };

	private static final Map<String, String> TITLES = Map.of(ZmqLogTarget.NAME, "zmqlog (ours)",
			ZmqLogTarget.NAME_BLOCK, "zmqlog (ours), BLOCK and noDrop", Log4j2Target.NAME,
			"Log4j2 2.25.5 JeroMqAppender", LogbackAsyncNullTarget.NAME, "Logback AsyncAppender → null",
			RawJeroMqTarget.NAME, "raw JeroMQ PUB", Log4j2Target.NAME_HWM,
			"Log4j2 2.25.5 JeroMqAppender, sndHwm " + Log4j2Target.SAME_HWM_AS_OURS);

	private final boolean quick;

	private final Path logs = Path.of("benchmarks", "target", "benchmark-logs");

	private final List<Integer> figures;

	private final boolean jfr;

	private final Path sampleApp;

	private final Path out;

	private final long startNanos = System.nanoTime();

	private final String loadAtStart = loadAverage();

	private final Map<String, String> timings = new LinkedHashMap<>();

	private final List<String> problems = new ArrayList<>();

	// figure 1: threads -> contender -> result
	private final Map<Integer, Map<String, JmhResult>> unpaced = new LinkedHashMap<>();

	// figure 2 (and 4)
	private final Map<String, JmhResult> paced = new LinkedHashMap<>();

	// figure 3: contender -> repetition -> steps
	private final Map<String, List<List<Map<String, String>>>> sweeps = new LinkedHashMap<>();

	private final Map<String, Map<String, String>> wire = new LinkedHashMap<>();

	// figure 5: contender -> repetitions, and the medians over them
	private final Map<String, List<Map<String, String>>> idleRuns = new LinkedHashMap<>();

	private final Map<String, List<Map<String, String>>> delayRuns = new LinkedHashMap<>();

	private final List<Map<String, String>> handOffRuns = new ArrayList<>();

	private final Map<String, Map<String, String>> idle = new LinkedHashMap<>();

	private final Map<String, Map<String, String>> delays = new LinkedHashMap<>();

	// figure 6: enabled -> runs of [started-in seconds, wall seconds]
	private final Map<Boolean, List<double[]>> startups = new LinkedHashMap<>();

	private String profile;

	private Report(boolean quick, List<Integer> figures, boolean jfr, Path sampleApp, Path out) {
		this.quick = quick;
		this.figures = figures;
		this.jfr = jfr;
		this.sampleApp = sampleApp;
		this.out = out;
	}

	public static void main(String[] args) throws Exception {
		boolean quick = Boolean.getBoolean("quick") || Arrays.asList(args).contains("quick");
		List<Integer> figures = Arrays.stream(System.getProperty("figures", "1,2,3,4,5,6").split(","))
			.map(String::trim)
			.map(Integer::valueOf)
			.toList();
		Report report = new Report(quick, figures, !"false".equals(System.getProperty("jfr")),
				Path.of(System.getProperty("sampleApp", "sample-app/target/sample-app.jar")),
				Path.of(System.getProperty("out", "BENCHMARKS.md")));
		report.run();
	}

	private void run() throws Exception {
		Files.createDirectories(this.logs);
		say("Benchmarks of issue 6, " + (this.quick ? "QUICK mode" : "full run") + "; logs in " + this.logs);
		if (this.figures.contains(1) || this.figures.contains(4)) {
			timed("figure 1 (JMH, unpaced, 1 and 4 threads)", this::figure1);
		}
		if (this.figures.contains(2) || this.figures.contains(4)) {
			timed("figures 2 and 4 (JMH, paced 100 k/s, 4 threads, gc profiler)", this::figure2);
		}
		if (this.figures.contains(3)) {
			timed("figure 3 (lossless sweep)", this::figure3);
		}
		if (this.figures.contains(5)) {
			timed("figure 5 (idle CPU, delivery delay)", this::figure5);
		}
		if (this.figures.contains(6)) {
			timed("figure 6 (start-up)", this::figure6);
		}
		if (this.jfr && this.figures.contains(3)) {
			timed("JFR profile of ours", this::profile);
		}
		String markdown = markdown();
		Files.writeString(this.out, markdown, StandardCharsets.UTF_8);
		say("Wrote " + this.out.toAbsolutePath() + " after " + minutes(System.nanoTime() - this.startNanos));
	}

	// ---- figure 1 and 2: JMH ----

	private void figure1() throws Exception {
		for (int threads : List.of(1, 4)) {
			Path notes = this.logs.resolve("figure1-t" + threads + ".notes");
			Files.deleteIfExists(notes);
			ChainedOptionsBuilder options = jmhOptions("\\.CallerCostBenchmark\\.logInfo$", notes,
					this.logs.resolve("figure1-t" + threads + ".log"))
				.threads(threads)
				.warmupIterations(this.quick ? 1 : 3)
				.warmupTime(this.quick ? TimeValue.milliseconds(500) : TimeValue.seconds(2))
				.measurementIterations(this.quick ? 2 : 5)
				.measurementTime(this.quick ? TimeValue.milliseconds(500) : TimeValue.seconds(2));
			say("  " + threads + " thread(s), " + Target.ALL.size() + " contenders");
			this.unpaced.put(threads, collect(new Runner(options.build()).run(), notes));
		}
	}

	private void figure2() throws Exception {
		Path notes = this.logs.resolve("figure2.notes");
		Files.deleteIfExists(notes);
		ChainedOptionsBuilder options = jmhOptions("\\.PacedCallerCostBenchmark\\.logInfo$", notes,
				this.logs.resolve("figure2.log"))
			.threads(4)
			.param("totalRate", "100000")
			.warmupIterations(this.quick ? 1 : 2)
			.warmupTime(this.quick ? TimeValue.seconds(1) : TimeValue.seconds(3))
			.measurementIterations(this.quick ? 2 : 5)
			.measurementTime(this.quick ? TimeValue.seconds(1) : TimeValue.seconds(3));
		this.paced.putAll(collect(new Runner(options.build()).run(), notes));
	}

	private ChainedOptionsBuilder jmhOptions(String include, Path notes, Path log) {
		List<String> jvmArgs = measuredJvmArgs();
		jvmArgs.add("-D" + Fixture.NOTES_PROPERTY + "=" + notes.toAbsolutePath());
		return new OptionsBuilder().include(include)
			.param("contender", Target.ALL.toArray(String[]::new))
			.forks(1)
			.jvmArgsAppend(jvmArgs.toArray(String[]::new))
			.addProfiler(GCProfiler.class)
			.timeout(TimeValue.seconds(120))
			.shouldFailOnError(false)
			.output(log.toString());
	}

	private Map<String, JmhResult> collect(Collection<RunResult> results, Path notesFile) throws IOException {
		Map<String, Map<String, String>> notes = new LinkedHashMap<>();
		if (Files.exists(notesFile)) {
			for (String line : Files.readAllLines(notesFile)) {
				Map<String, String> values = Fixture.parse(line);
				notes.put(values.get("contender"), values);
				if (values.containsKey("frames")) {
					this.wire.putIfAbsent(values.get("contender"), values);
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
							statistics.getPercentile(99.9), statistics.getMax(), statistics.getN(),
							(alloc != null) ? alloc.getScore() : Double.NaN, ops / seconds,
							notes.getOrDefault(contender, Map.of())));
		}
		for (String contender : Target.ALL) {
			if (!byContender.containsKey(contender)) {
				this.problems.add("JMH run of " + contender + " failed, see " + this.logs);
			}
		}
		return byContender;
	}

	// ---- figure 3: lossless sweep ----

	private List<String> rates() {
		return this.quick ? List.of("250000", "750000", "1500000", "2500000")
				: List.of("100000", "250000", "500000", "750000", "1000000", "1250000", "1500000", "2000000", "2500000");
	}

	private void figure3() throws Exception {
		int repetitions = this.quick ? 1 : 3;
		String seconds = this.quick ? "1" : "3";
		String warmup = this.quick ? "1" : "3";
		for (int r = 0; r < repetitions; r++) {
			for (String contender : Target.SWEPT) {
				say("  " + contender + ", repetition " + (r + 1) + " of " + repetitions);
				List<Map<String, String>> results = probe("figure3-" + contender + "-r" + (r + 1), List.of(),
						LoadProbe.class, contender, seconds, warmup, "4", String.join(",", rates()));
				List<Map<String, String>> steps = new ArrayList<>();
				for (Map<String, String> result : results) {
					if ("load".equals(result.get("kind"))) {
						steps.add(result);
					}
					else if ("wire".equals(result.get("kind"))) {
						this.wire.put(contender, result);
					}
				}
				this.sweeps.computeIfAbsent(contender, (key) -> new ArrayList<>()).add(steps);
			}
		}
	}

	/** The highest rate delivered without loss in one repetition: achieved (at most offered) rate. */
	private static double losslessRate(List<Map<String, String>> steps) {
		double best = 0;
		for (Map<String, String> step : steps) {
			if (Double.parseDouble(step.get("loss")) < 0.001) {
				best = Math.max(best, Math.min(num(step, "achieved"), num(step, "offered")));
			}
		}
		return best;
	}

	/** The highest offered rate both achieved (95 %) and delivered without loss in one repetition. */
	private static double losslessOffered(List<Map<String, String>> steps) {
		double best = 0;
		for (Map<String, String> step : steps) {
			if (Double.parseDouble(step.get("loss")) < 0.001 && num(step, "achieved") >= 0.95 * num(step, "offered")) {
				best = Math.max(best, num(step, "offered"));
			}
		}
		return best;
	}

	private double medianOver(String contender, Function<List<Map<String, String>>, Double> metric) {
		List<List<Map<String, String>>> repetitions = this.sweeps.get(contender);
		if (repetitions == null || repetitions.isEmpty()) {
			return Double.NaN;
		}
		return median(repetitions.stream().map(metric).mapToDouble(Double::doubleValue).toArray());
	}

	private double medianStep(String contender, String offered, String key) {
		List<List<Map<String, String>>> repetitions = this.sweeps.get(contender);
		if (repetitions == null) {
			return Double.NaN;
		}
		double[] values = repetitions.stream()
			.flatMap(List::stream)
			.filter((step) -> offered.equals(step.get("offered")) && !step.getOrDefault(key, "").isEmpty())
			.mapToDouble((step) -> num(step, key))
			.toArray();
		return (values.length == 0) ? Double.NaN : median(values);
	}

	// ---- figure 5 ----

	private void figure5() throws Exception {
		// One run's p99 is its 20 slowest events, which the VM's scheduling decides: repeated, with
		// the contenders interleaved so that a noisy stretch falls on all of them alike.
		int repetitions = figure5Repetitions();
		for (int r = 0; r < repetitions; r++) {
			for (String contender : Target.TRANSPORTS) {
				say("  " + contender + ", repetition " + (r + 1) + " of " + repetitions);
				List<Map<String, String>> results = probe("figure5-" + contender + "-r" + (r + 1), List.of(),
						IdleDelayProbe.class, contender, this.quick ? "2" : "10", "100", this.quick ? "3" : "20");
				for (Map<String, String> result : results) {
					if ("idle".equals(result.get("kind"))) {
						this.idleRuns.computeIfAbsent(contender, (key) -> new ArrayList<>()).add(result);
					}
					else if ("delay".equals(result.get("kind"))) {
						this.delayRuns.computeIfAbsent(contender, (key) -> new ArrayList<>()).add(result);
					}
					else if ("handoff".equals(result.get("kind"))) {
						this.handOffRuns.add(result);
					}
				}
			}
		}
		for (String contender : Target.TRANSPORTS) {
			List<Map<String, String>> idles = this.idleRuns.get(contender);
			if (idles != null) {
				this.idle.put(contender,
						medians(idles, "publisherCpuPercent", "jeromqCpuPercent", "processCpuPercent"));
			}
			List<Map<String, String>> runs = this.delayRuns.get(contender);
			if (runs != null) {
				Map<String, String> summary = medians(runs, "p50", "p99", "p999", "max");
				summary.put("received", String.valueOf(runs.stream().mapToLong((run) -> (long) num(run, "received")).sum()));
				summary.put("logged", String.valueOf(runs.stream().mapToLong((run) -> (long) num(run, "logged")).sum()));
				this.delays.put(contender, summary);
			}
		}
	}

	private int figure5Repetitions() {
		return this.quick ? 1 : 3;
	}

	/** Each run's p99, in run order. */
	private static String eachP99(List<Map<String, String>> runs) {
		return String.join(", ", runs.stream().map((run) -> time(num(run, "p99"))).toList());
	}

	/** The median of each key over the runs that have it (an empty value where none has). */
	private static Map<String, String> medians(List<Map<String, String>> runs, String... keys) {
		Map<String, String> medians = new LinkedHashMap<>();
		for (String key : keys) {
			double[] values = runs.stream()
				.filter((run) -> !run.getOrDefault(key, "").isEmpty())
				.mapToDouble((run) -> num(run, key))
				.toArray();
			medians.put(key, (values.length == 0) ? "" : String.valueOf(median(values)));
		}
		return medians;
	}

	// ---- figure 6 ----

	private void figure6() throws Exception {
		if (!Files.exists(this.sampleApp)) {
			this.problems.add("no " + this.sampleApp + ": build it with mvn -B -Pbenchmarks -DskipTests package");
			return;
		}
		int runs = this.quick ? 2 : 9;
		// One start of each first, not counted: the jar's pages in the OS cache, for both alike.
		startup(true);
		startup(false);
		for (int i = 0; i < 2 * runs; i++) {
			boolean enabled = (i % 2 == 0);
			double[] result = startup(enabled);
			if (result != null) {
				this.startups.computeIfAbsent(enabled, (key) -> new ArrayList<>()).add(result);
			}
		}
	}

	private double[] startup(boolean enabled) throws Exception {
		Process process = new ProcessBuilder(java(), "-jar", this.sampleApp.toString(), "--server.port=0",
				"--zmqlog.enabled=" + enabled, "--zmqlog.bind=tcp://127.0.0.1:*")
			.redirectErrorStream(true)
			.start();
		long start = System.nanoTime();
		Pattern started = Pattern.compile("Started \\S+ in ([0-9.]+) seconds");
		Path log = this.logs.resolve("figure6-enabled-" + enabled + ".log");
		double[] result = null;
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
				PrintWriter copy = new PrintWriter(Files.newBufferedWriter(log))) {
			Thread watchdog = watchdog(process, 120);
			String line;
			while ((line = lines.readLine()) != null) {
				copy.println(line);
				Matcher matcher = started.matcher(line);
				if (matcher.find()) {
					result = new double[] { Double.parseDouble(matcher.group(1)), (System.nanoTime() - start) / 1e9 };
					break;
				}
			}
			watchdog.interrupt();
		}
		finally {
			process.destroy();
			if (!process.waitFor(20, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
		if (result == null) {
			this.problems.add("the sample app (zmqlog.enabled=" + enabled + ") did not start, see " + log);
		}
		return result;
	}

	// ---- JFR profile ----

	private void profile() throws Exception {
		String rate = rates().get(rates().size() - 1);
		List<List<Map<String, String>>> ours = this.sweeps.get(ZmqLogTarget.NAME);
		if (ours != null && !ours.isEmpty()) {
			for (String offered : rates()) {
				if (medianStep(ZmqLogTarget.NAME, offered, "loss") >= 0.001) {
					rate = offered;
					break;
				}
			}
		}
		Path recording = this.logs.resolve("zmqlog-profile.jfr").toAbsolutePath();
		Files.deleteIfExists(recording);
		say("  ours at " + rate + " events/s offered, recording " + recording);
		List<Map<String, String>> results = probe("profile-zmqlog", List.of("-XX:StartFlightRecording=filename="
				+ recording + ",settings=profile,dumponexit=true"), LoadProbe.class, ZmqLogTarget.NAME,
				this.quick ? "2" : "5", "1", "4", rate);
		Process print = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jfr").toString(), "print",
				"--events", "jdk.ExecutionSample", "--stack-depth", "32", recording.toString())
			.redirectErrorStream(true)
			.start();
		JfrSummary summary = new JfrSummary();
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(print.getInputStream(), StandardCharsets.UTF_8))) {
			lines.lines().forEach(summary::accept);
		}
		print.waitFor(60, TimeUnit.SECONDS);
		String step = results.isEmpty() ? "" : String.format(Locale.ROOT, " (achieved %s, loss %s, dropped %s)",
				rate(num(results.get(0), "achieved")), percent(num(results.get(0), "loss")),
				results.get(0).get("dropped"));
		this.profile = "JFR (`settings=profile`, an execution sample of each running Java thread every 10 ms) of ours "
				+ "in the load probe at " + rate(Double.parseDouble(rate)) + " offered from 4 threads" + step
				+ "; the recording is `" + this.logs.resolve("zmqlog-profile.jfr") + "`.\n\n" + summary.markdown(8);
	}

	// ---- running child JVMs ----

	private List<Map<String, String>> probe(String name, List<String> extraJvmArgs, Class<?> main, String... args)
			throws Exception {
		List<String> command = new ArrayList<>(List.of(java()));
		command.addAll(measuredJvmArgs());
		command.addAll(extraJvmArgs);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
		command.addAll(List.of(args));
		Path log = this.logs.resolve(name + ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		Thread watchdog = watchdog(process, 300);
		List<Map<String, String>> results = new ArrayList<>();
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
				PrintWriter copy = new PrintWriter(Files.newBufferedWriter(log))) {
			String line;
			while ((line = lines.readLine()) != null) {
				copy.println(line);
				if (line.startsWith(Results.PREFIX)) {
					results.add(Fixture.parse(line.substring(Results.PREFIX.length())));
				}
			}
		}
		int exit = process.waitFor();
		watchdog.interrupt();
		if (exit != 0) {
			this.problems.add(name + " exited with " + exit + ", see " + log);
		}
		return results;
	}

	private static List<String> measuredJvmArgs() {
		List<String> args = new ArrayList<>(List.of(JVM_ARGS));
		for (String property : List.of(Log4j2Target.SND_HWM, ZmqLogTarget.QUEUE_SIZE)) {
			if (System.getProperty(property) != null) {
				args.add("-D" + property + "=" + System.getProperty(property));
			}
		}
		return args;
	}

	/** Ends a child process that runs past its time, so that the whole report stays bounded. */
	private static Thread watchdog(Process process, long seconds) {
		Thread watchdog = new Thread(() -> {
			try {
				if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
					process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				// the process ended in time
			}
		}, "watchdog");
		watchdog.setDaemon(true);
		watchdog.start();
		return watchdog;
	}

	private static String java() {
		return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
	}

	// ---- the Markdown ----

	private String markdown() throws Exception {
		Markdown md = new Markdown();
		md.line("# Benchmarks");
		md.line();
		if (this.quick) {
			md.line("> **QUICK MODE: a very short run for checking the harness, on a shared, noisy machine. These "
					+ "numbers mean nothing; a full run on a quiet machine replaces this file.**");
			md.line();
		}
		String note = System.getProperty("note");
		if (note != null && !note.isBlank()) {
			md.line("> **" + note.strip() + "**");
			md.line();
		}
		md.line("Issue 6's figures for our appender and three contenders, all from one command (from the repository "
				+ "root; about 20 minutes on 2 cores; add `-Dquick=true` for a ~3-minute check of the harness):");
		md.line();
		md.line("```shell");
		md.line("mvn -B -Pbenchmarks -DskipTests package && java -cp benchmarks/target/benchmarks.jar "
				+ "io.github.zmqlog.benchmarks.Report");
		md.line("```");
		md.line();
		md.line("It writes this file; the logs of every run go to `benchmarks/target/benchmark-logs/`. "
				+ "Ratios divide a contender's figure by Log4j2's (÷ Log4j2) and by raw JeroMQ's (÷ raw).");
		md.line();
		environment(md);
		workload(md);
		targets(md);
		figure1(md);
		figure2(md);
		figure3(md);
		figure4(md);
		figure5(md);
		figure6(md);
		if (this.profile != null) {
			md.line("## Profile of ours where it loses events");
			md.line();
			md.line(this.profile);
		}
		md.line("## How it is measured");
		md.line();
		method(md);
		if (!this.problems.isEmpty()) {
			md.line("## Problems in this run");
			md.line();
			this.problems.forEach((problem) -> md.line("- " + problem));
			md.line();
		}
		return md.toString();
	}

	private void environment(Markdown md) throws Exception {
		md.line("## Machine and run");
		md.line();
		md.table(List.of("", ""), List.of(List.of("date", ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME)),
				List.of("git commit", command("git", "describe", "--always", "--dirty", "--abbrev=12")),
				List.of("mode", this.quick ? "quick (check only)" : "full"),
				List.of("CPUs (nproc)", String.valueOf(Runtime.getRuntime().availableProcessors())),
				List.of("CPU model", cpuModel()), List.of("RAM", memory()), List.of("OS", os()),
				List.of("JVM", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
						+ System.getProperty("java.vendor") + ")"),
				List.of("JVM options of measured JVMs", "`" + String.join(" ", JVM_ARGS) + "` (default GC: "
						+ ManagementFactory.getGarbageCollectorMXBeans().get(0).getName() + " in this JVM)"),
				List.of("load average at start / end", this.loadAtStart + " / " + loadAverage()),
				List.of("time taken", minutes(System.nanoTime() - this.startNanos) + " ("
						+ String.join(", ", this.timings.entrySet().stream().map((e) -> e.getKey() + " " + e.getValue())
							.toList()) + ")")));
	}

	private void workload(Markdown md) {
		md.line("## Workload and contenders");
		md.line();
		md.line("Every contender gets `log.info(\"Order {} done in {} ms for {}\", id, ms, customer)` on logger "
				+ "`" + Workload.LOGGER + "` from threads named `worker-N`, pattern `" + Workload.PATTERN
				+ "`, one subscriber in its own JVM on `tcp://127.0.0.1` (subscribed to everything, receive "
				+ "high-water mark unlimited). What the subscriber received (one sample per contender):");
		md.line();
		List<List<String>> rows = new ArrayList<>();
		for (String contender : Target.ALL) {
			Map<String, String> sample = this.wire.get(contender);
			if (sample == null) {
				rows.add(List.of(title(contender), "—", "—", "—", "no socket"));
				continue;
			}
			rows.add(List.of(title(contender), sample.get("frames"),
					sample.get("topic").isEmpty() ? "(none)" : "`" + sample.get("topic") + "`", sample.get("bodyBytes"),
					"`" + sample.getOrDefault("body", "").strip() + "`"));
		}
		md.table(List.of("contender", "frames", "topic frame", "body bytes", "body"), rows);
		String queueSize = System.getProperty(ZmqLogTarget.QUEUE_SIZE);
		md.line("- **zmqlog (ours)**: `ZmqLogAppender` with its defaults (queue "
				+ ((queueSize != null) ? queueSize + " in this run (`-D" + ZmqLogTarget.QUEUE_SIZE + "`; its default is "
						+ ZmqLogAppender.DEFAULT_QUEUE_SIZE + ")" : String.valueOf(ZmqLogAppender.DEFAULT_QUEUE_SIZE))
				+ ", drop when full, send high-water mark 100 000) but endpoint `tcp://127.0.0.1:*`, root topic `myapp`, pattern as above; "
				+ "the message is `sub.topic::Order …`, whose `sub.topic` goes to the topic.");
		md.line("- **zmqlog (ours), BLOCK and noDrop** (lossless sweep only): the same, configured not to lose: "
				+ "`overflowPolicy` `BLOCK` (a caller that finds the queue full waits for room, up to `maxBlockTime`, "
				+ "100 ms) and `noDrop` (the publisher waits for a subscriber `sendHwm` messages behind, up to "
				+ "`sendTimeout`, 1 s, instead of the socket dropping silently); what is dropped after those waits is "
				+ "counted. Like Log4j2, it slows its callers rather than lose.");
		String log4j2Hwm = System.getProperty(Log4j2Target.SND_HWM);
		md.line("- **Log4j2 2.25.5 JeroMqAppender**: its defaults (PUB socket, send high-water mark "
				+ ((log4j2Hwm != null) ? log4j2Hwm + " in this run (`-D" + Log4j2Target.SND_HWM + "`; its default is 1000)"
						: "1000 (`-D" + Log4j2Target.SND_HWM + "=100000` sets ours)")
				+ ", "
				+ "`synchronized append` that formats and sends on the calling thread; it formats every event twice, "
				+ "`layout.toByteArray` for an error message and again to send), configured programmatically in a "
				+ "Log4j2 `LoggerContext` of its own and called through the Log4j API (no SLF4J bridge on the class "
				+ "path). **Where it cannot match the workload**: it sends one frame, no topic, so a subscriber cannot "
				+ "filter by level or subtopic; Log4j2's `%logger{36}` keeps the whole logger name (36 "
				+ "components, not characters), so its body is 2 bytes longer; it counts nothing it drops (a PUB "
				+ "socket past its high-water mark drops silently), so only the subscriber tells its loss.");
		md.line("- **Logback AsyncAppender → null**: Logback's `AsyncAppender` (queue 8192, `neverBlock`, nothing "
				+ "discarded by level) in front of a `NOPAppender`: the caller-cost floor, no transport.");
		md.line("- **raw JeroMQ PUB**: a PUB socket (send high-water mark 100 000, as ours) sending a pre-built "
				+ "two-frame message (topic + the 125-byte body above), no logging framework. Several threads share "
				+ "the one socket under a lock (`synchronized`): one socket is one endpoint and one connection per "
				+ "subscriber, as with the appenders; a socket per thread would be as many endpoints to subscribe to.");
		md.line();
	}

	private void targets(Markdown md) {
		md.line("## Targets (issue 6)");
		md.line();
		List<List<String>> rows = new ArrayList<>();
		JmhResult ours = this.paced.get(ZmqLogTarget.NAME);
		JmhResult log4j2 = this.paced.get(Log4j2Target.NAME);
		if (ours != null && log4j2 != null) {
			double ratio = ours.mean / log4j2.mean;
			rows.add(target("100 k/s, 4 threads: caller mean ≤ 1/25 of Log4j2's",
					String.format(Locale.ROOT, "%s vs %s = 1/%.1f", time(ours.mean), time(log4j2.mean), 1 / ratio),
					ratio <= 1.0 / 25, String.format(Locale.ROOT, "%.1f× too slow", ratio * 25)));
		}
		if (ours != null) {
			rows.add(target("100 k/s, 4 threads: caller p99.9 ≤ 2 µs", time(ours.p999), ours.p999 <= 2000,
					String.format(Locale.ROOT, "%.1f× the target", ours.p999 / 2000)));
		}
		double oursRate = medianOver(ZmqLogTarget.NAME, Report::losslessRate);
		double log4j2Rate = medianOver(Log4j2Target.NAME, Report::losslessRate);
		if (!Double.isNaN(oursRate) && log4j2Rate == 0) {
			rows.add(List.of("highest lossless rate ≥ 1.4× Log4j2's", rate(oursRate) + " vs none: Log4j2 lost ≥ 0.1 % "
					+ "at every step, from " + rate(Double.parseDouble(rates().get(0))), "undetermined (Log4j2's is below "
					+ "the first step)"));
		}
		else if (!Double.isNaN(oursRate) && !Double.isNaN(log4j2Rate)) {
			double ratio = oursRate / log4j2Rate;
			rows.add(target("highest lossless rate ≥ 1.4× Log4j2's",
					String.format(Locale.ROOT, "%s vs %s = %.2f×", rate(oursRate), rate(log4j2Rate), ratio),
					ratio >= 1.4, String.format(Locale.ROOT, "%.0f %% short", 100 * (1 - ratio / 1.4))));
		}
		double log4j2HwmRate = medianOver(Log4j2Target.NAME_HWM, Report::losslessRate);
		if (!Double.isNaN(oursRate) && log4j2HwmRate > 0) {
			double ratio = oursRate / log4j2HwmRate;
			rows.add(target("highest lossless rate ≥ 1.4× Log4j2's, Log4j2 with sndHwm " + Log4j2Target.SAME_HWM_AS_OURS,
					String.format(Locale.ROOT, "%s vs %s = %.2f×", rate(oursRate), rate(log4j2HwmRate), ratio),
					ratio >= 1.4, String.format(Locale.ROOT, "%.0f %% short", 100 * (1 - ratio / 1.4))));
		}
		double blockRate = medianOver(ZmqLogTarget.NAME_BLOCK, Report::losslessRate);
		if (blockRate > 0 && log4j2HwmRate > 0) {
			double ratio = blockRate / log4j2HwmRate;
			rows.add(target("highest lossless rate, both slowing their callers: ours with BLOCK and noDrop ≥ 1.4× Log4j2 with sndHwm "
					+ Log4j2Target.SAME_HWM_AS_OURS,
					String.format(Locale.ROOT, "%s vs %s = %.2f×", rate(blockRate), rate(log4j2HwmRate), ratio),
					ratio >= 1.4, String.format(Locale.ROOT, "%.0f %% short", 100 * (1 - ratio / 1.4))));
		}
		Map<String, JmhResult> single = this.unpaced.get(1);
		if (single != null && single.containsKey(ZmqLogTarget.NAME) && single.containsKey(LogbackAsyncNullTarget.NAME)) {
			double mine = single.get(ZmqLogTarget.NAME).mean;
			double floor = single.get(LogbackAsyncNullTarget.NAME).mean;
			rows.add(target("1 thread: caller cost ≤ Logback AsyncAppender's (mean)",
					time(mine) + " vs " + time(floor), mine <= floor,
					String.format(Locale.ROOT, "%.0f %% more", 100 * (mine / floor - 1))));
		}
		Map<String, String> idleOurs = this.idle.get(ZmqLogTarget.NAME);
		if (idleOurs != null) {
			double cpu = num(idleOurs, "publisherCpuPercent");
			rows.add(target("idle publisher thread < 0.5 % of a core", String.format(Locale.ROOT, "%.3f %%", cpu),
					cpu < 0.5, String.format(Locale.ROOT, "%.1f× the target", cpu / 0.5)));
		}
		Map<String, String> delayOurs = this.delays.get(ZmqLogTarget.NAME);
		if (delayOurs != null) {
			double p99 = num(delayOurs, "p99");
			String measured = time(p99) + " (Log4j2 " + time(num(this.delays.get(Log4j2Target.NAME), "p99"))
					+ "), median of " + this.delayRuns.get(ZmqLogTarget.NAME).size() + " run(s)";
			rows.add(target("delivery delay p99 < 1 ms at 100 events/s", measured, p99 < 1e6,
					String.format(Locale.ROOT, "%.1f× the target", p99 / 1e6)));
		}
		double overhead = startupOverhead();
		if (!Double.isNaN(overhead)) {
			rows.add(target("start-up overhead ≤ 5 %", String.format(Locale.ROOT, "%+.1f %%", overhead), overhead <= 5,
					String.format(Locale.ROOT, "%.1f points over", overhead - 5)));
		}
		md.table(List.of("target", "measured", "verdict"), rows);
		if (this.quick) {
			md.line("_Quick mode: verdicts from a few seconds of noisy data, for checking the harness only._");
			md.line();
		}
	}

	private static List<String> target(String target, String measured, boolean met, String missedBy) {
		return List.of(target, measured, met ? "met" : "**missed**: " + missedBy);
	}

	private void figure1(Markdown md) {
		md.line("## (1) Caller cost per call, unpaced");
		md.line();
		md.line("JMH `Mode.SampleTime`, the time of the `log.info` call on the calling thread, as fast as the threads "
				+ "can call. Nothing paces them, so every transport is overrun: ours drops when its queue is full "
				+ "(counted, last column), Log4j2 and raw JeroMQ drop silently at their sockets' high-water marks, or "
				+ "wait for the lock of the one socket.");
		md.line();
		for (Map.Entry<Integer, Map<String, JmhResult>> entry : this.unpaced.entrySet()) {
			md.line("**" + entry.getKey() + " thread" + ((entry.getKey() > 1) ? "s" : "") + "**");
			md.line();
			callerTable(md, entry.getValue(), false);
		}
	}

	private void figure2(Markdown md) {
		md.line("## (2) Caller cost at 100 k events/s from 4 threads");
		md.line();
		md.line("JMH `Mode.SampleTime`, each of 4 threads paced at 25 k events/s in a `Level.Invocation` setup (not "
				+ "measured). \"achieved\" is the calls per second JMH counted; below 100 k when threads fell more "
				+ "than 1 ms behind their schedule (the machine did not give them the CPU) and gave up slots.");
		md.line();
		callerTable(md, this.paced, true);
	}

	private void callerTable(Markdown md, Map<String, JmhResult> results, boolean showRate) {
		JmhResult log4j2 = results.get(Log4j2Target.NAME);
		JmhResult raw = results.get(RawJeroMqTarget.NAME);
		List<List<String>> rows = new ArrayList<>();
		for (String contender : Target.ALL) {
			JmhResult r = results.get(contender);
			if (r == null) {
				rows.add(List.of(title(contender), "failed", "", "", "", "", "", "", "", ""));
				continue;
			}
			List<String> row = new ArrayList<>(List.of(title(contender)));
			if (showRate) {
				row.add(rate(r.rate));
			}
			row.addAll(List.of(time(r.mean), time(r.p50), time(r.p99), time(r.p999), String.valueOf(r.samples),
					ratio(r.mean, (log4j2 != null) ? log4j2.mean : Double.NaN),
					ratio(r.mean, (raw != null) ? raw.mean : Double.NaN),
					ratio(r.p999, (log4j2 != null) ? log4j2.p999 : Double.NaN), dropNote(r.notes)));
			rows.add(row);
		}
		List<String> headers = new ArrayList<>(List.of("contender"));
		if (showRate) {
			headers.add("achieved");
		}
		headers.addAll(List.of("mean", "p50", "p99", "p99.9", "samples", "mean ÷ Log4j2", "mean ÷ raw",
				"p99.9 ÷ Log4j2", "dropped by ours (whole trial)"));
		md.table(headers, rows);
	}

	private static String dropNote(Map<String, String> notes) {
		if (!notes.containsKey("enqueued")) {
			return "";
		}
		long enqueued = Long.parseLong(notes.get("enqueued"));
		long full = Long.parseLong(notes.getOrDefault("dropped.QUEUE_FULL", "0"));
		long dropped = Long.parseLong(notes.getOrDefault("dropped", "0"));
		return String.format(Locale.ROOT, "%.1f %% of %d calls", 100.0 * dropped / (enqueued + full), enqueued + full);
	}

	private void figure3(Markdown md) {
		md.line("## (3) Highest lossless rate, 4 threads");
		md.line();
		int repetitions = this.sweeps.values().stream().mapToInt(List::size).max().orElse(0);
		md.line("Offered total rates from 4 paced threads, " + (this.quick ? "1 s" : "3 s") + " each, in one JVM per "
				+ "contender and repetition (" + repetitions + ", medians shown), against a subscriber JVM that counts "
				+ "what it receives; loss = 1 − received / logged. \"Lossless rate\" is the highest rate delivered "
				+ "with loss < 0.1 %: the rate the threads achieved at such a step (a contender that sends on the "
				+ "calling thread slows its callers instead of losing). \"Offered and met\" is the highest offered "
				+ "rate that was both achieved (≥ 95 %) and lossless.");
		md.line();
		double log4j2 = medianOver(Log4j2Target.NAME, Report::losslessRate);
		double raw = medianOver(RawJeroMqTarget.NAME, Report::losslessRate);
		List<List<String>> rows = new ArrayList<>();
		for (String contender : Target.SWEPT) {
			double lossless = medianOver(contender, Report::losslessRate);
			double offered = medianOver(contender, Report::losslessOffered);
			rows.add(List.of(title(contender), (lossless > 0) ? rate(lossless) : "none", (offered > 0) ? rate(offered) : "none",
					ratio((lossless > 0) ? lossless : Double.NaN, (log4j2 > 0) ? log4j2 : Double.NaN),
					ratio((lossless > 0) ? lossless : Double.NaN, raw)));
		}
		rows.add(List.of(title(LogbackAsyncNullTarget.NAME), "n/a (no transport)", "", "", ""));
		md.table(List.of("contender", "lossless rate", "offered and met", "÷ Log4j2", "÷ raw"), rows);
		List<List<String>> steps = new ArrayList<>();
		for (String offered : rates()) {
			List<String> row = new ArrayList<>(List.of(rate(Double.parseDouble(offered))));
			for (String contender : Target.SWEPT) {
				double achieved = medianStep(contender, offered, "achieved");
				double loss = medianStep(contender, offered, "loss");
				String cell = rate(achieved) + ", loss " + percent(loss);
				double dropped = medianStep(contender, offered, "dropped");
				if (!Double.isNaN(dropped)) {
					cell += String.format(Locale.ROOT, ", dropped %.0f", dropped);
				}
				row.add(cell);
			}
			steps.add(row);
		}
		md.line("Each step (median achieved rate, loss; ours also the drops its stats counted):");
		md.line();
		List<String> headers = new ArrayList<>(List.of("offered"));
		Target.SWEPT.forEach((contender) -> headers.add(title(contender)));
		md.table(headers, steps);
	}

	private void figure4(Markdown md) {
		md.line("## (4) Allocation per event");
		md.line();
		md.line("JMH's `gc` profiler, `gc.alloc.rate.norm`: bytes allocated by all threads of the JVM (the publisher "
				+ "thread and JeroMQ's included) per call. Paced: the 100 k/s run of figure (2), where nothing should "
				+ "drop; unpaced: figure (1) with 1 thread, where ours drops most events (a drop allocates little).");
		md.line();
		JmhResult log4j2 = this.paced.get(Log4j2Target.NAME);
		JmhResult raw = this.paced.get(RawJeroMqTarget.NAME);
		Map<String, JmhResult> single = this.unpaced.getOrDefault(1, Map.of());
		List<List<String>> rows = new ArrayList<>();
		for (String contender : Target.ALL) {
			JmhResult r = this.paced.get(contender);
			JmhResult u = single.get(contender);
			double alloc = (r != null) ? r.alloc : Double.NaN;
			rows.add(List.of(title(contender), bytes(alloc), ratio(alloc, (log4j2 != null) ? log4j2.alloc : Double.NaN),
					ratio(alloc, (raw != null) ? raw.alloc : Double.NaN), bytes((u != null) ? u.alloc : Double.NaN)));
		}
		md.table(List.of("contender", "paced 100 k/s, B/event", "÷ Log4j2", "÷ raw", "unpaced 1 thread, B/call"), rows);
	}

	private void figure5(Markdown md) {
		md.line("## (5) Idle CPU and delivery delay");
		md.line();
		md.line("One JVM per contender with a subscriber JVM connected. Idle: CPU time over " + (this.quick ? "2" : "10")
				+ " s with no events, after a short warm-up, of the publisher thread (ours: `zmqlog-publisher-*`; the "
				+ "others send on the calling thread), of JeroMQ's I/O and reaper threads, and of the whole process "
				+ "(the OS counts process time in 10 ms ticks: 0.1 % of a core over 10 s). Delay: 100 events/s from one "
				+ "paced thread for " + (this.quick ? "3" : "20") + " s, each body carrying the call's "
				+ "`System.nanoTime()` (CLOCK_MONOTONIC, the same clock in both processes), read by the subscriber "
				+ "when the message arrives. Each contender " + figure5Repetitions() + " time(s), the contenders "
				+ "interleaved; the table shows the median of the runs' figures (received / logged: their sums), "
				+ "and each run's p99 in the last column, in run order.");
		md.line();
		Map<String, String> log4j2 = this.delays.get(Log4j2Target.NAME);
		Map<String, String> raw = this.delays.get(RawJeroMqTarget.NAME);
		List<List<String>> rows = new ArrayList<>();
		for (String contender : Target.TRANSPORTS) {
			Map<String, String> i = this.idle.getOrDefault(contender, Map.of());
			Map<String, String> d = this.delays.getOrDefault(contender, Map.of());
			rows.add(List.of(title(contender), cpu(i.get("publisherCpuPercent")), cpu(i.get("jeromqCpuPercent")),
					cpu(i.get("processCpuPercent")), time(num(d, "p50")), time(num(d, "p99")), time(num(d, "p999")),
					time(num(d, "max")), d.getOrDefault("received", "") + " / " + d.getOrDefault("logged", ""),
					ratio(num(d, "p99"), num(log4j2, "p99")), ratio(num(d, "p99"), num(raw, "p99")),
					eachP99(this.delayRuns.getOrDefault(contender, List.of()))));
		}
		md.table(List.of("contender", "idle publisher thread", "idle JeroMQ threads", "idle process", "delay p50", "p99",
				"p99.9", "max", "received / logged", "p99 ÷ Log4j2", "p99 ÷ raw", "each run's p99"), rows);
		if (!this.handOffRuns.isEmpty()) {
			Map<String, String> handOff = medians(this.handOffRuns, "p50", "p99", "p999", "max");
			md.line("Of ours' delay, the hand-off from the logging thread until the publisher thread formats the event "
					+ "(recorded by a pattern converter that writes nothing, medians of the runs): p50 "
					+ time(num(handOff, "p50")) + ", p99 " + time(num(handOff, "p99")) + ", p99.9 "
					+ time(num(handOff, "p999")) + ", max " + time(num(handOff, "max")) + "; each run's p99: "
					+ eachP99(this.handOffRuns)
					+ ". A synchronous sender has no such hop; the rest of the path (JeroMQ's I/O thread, TCP, the "
					+ "subscriber's threads) is the same for every contender.");
			md.line();
		}
	}

	private double startupOverhead() {
		List<double[]> on = this.startups.get(true);
		List<double[]> off = this.startups.get(false);
		if (on == null || off == null || on.isEmpty() || off.isEmpty()) {
			return Double.NaN;
		}
		return 100 * (median(on.stream().mapToDouble((r) -> r[0]).toArray())
				/ median(off.stream().mapToDouble((r) -> r[0]).toArray()) - 1);
	}

	private void figure6(Markdown md) {
		md.line("## (6) Start-up time of the sample app");
		md.line();
		md.line("`java -jar sample-app/target/sample-app.jar --server.port=0 --zmqlog.bind=tcp://127.0.0.1:* "
				+ "--zmqlog.enabled=true|false`, alternating, after one uncounted start of each; Spring Boot's "
				+ "\"Started … in X seconds\" and the wall time from launching the JVM to that line. Medians.");
		md.line();
		List<List<String>> rows = new ArrayList<>();
		for (boolean enabled : List.of(true, false)) {
			List<double[]> runs = this.startups.getOrDefault(enabled, List.of());
			rows.add(List.of("zmqlog.enabled=" + enabled, String.valueOf(runs.size()),
					seconds(median(runs.stream().mapToDouble((r) -> r[0]).toArray())),
					seconds(median(runs.stream().mapToDouble((r) -> r[1]).toArray())),
					String.join(" ", runs.stream().map((r) -> String.format(Locale.ROOT, "%.2f", r[0])).toList())));
		}
		md.table(List.of("", "runs", "Started in (median)", "wall (median)", "every Started in, s"), rows);
		double overhead = startupOverhead();
		md.line(String.format(Locale.ROOT, "Overhead of `zmqlog.enabled=true`: **%+.1f %%** (median Started-in).",
				overhead));
		md.line();
	}

	private void method(Markdown md) {
		md.line("- JMH 1.37, one fork per contender, `" + String.join(" ", JVM_ARGS) + "`; figure (1): "
				+ (this.quick ? "1 × 0.5 s warm-up, 2 × 0.5 s" : "3 × 2 s warm-up, 5 × 2 s") + " measured; figure (2): "
				+ (this.quick ? "1 × 1 s warm-up, 2 × 1 s" : "2 × 3 s warm-up, 5 × 3 s") + " measured. Percentiles are "
				+ "JMH's over every sampled call; the subscriber is subscribed (a message has arrived) before the "
				+ "first iteration.");
		md.line("- Pacing (figures 2, 3, 5): each thread keeps a schedule of one event per period and sleeps only when "
				+ "more than 50 µs ahead; Linux sleeps last ≥ ~60 µs, so at 25 k/s per thread events come in bursts of "
				+ "a few at the exact average rate, and no waiting thread spins (4 spinning callers would take both "
				+ "cores from the publisher and JeroMQ's I/O thread). A thread more than 1 ms behind gives up the "
				+ "missed slots, so the achieved rate is reported beside the offered one.");
		md.line("- Lossless sweep: before each step the subscriber's count must be still for 300 ms; after it, ours "
				+ "waits until its queue is empty and everything is sent or counted, then the count must reach what "
				+ "was logged or be still for 500 ms (at most 10 s). A warm-up at the first rate precedes the steps.");
		md.line("- The subscriber (`Subscriber`, its own JVM, `-Xmx2g`) subscribes to everything with an unlimited "
				+ "receive high-water mark and a 1 s handshake interval, and reads continuously on one thread; it "
				+ "answers `COUNT`, `SAMPLE` and `DELAYS` on its standard input.");
		md.line("- Each measured JVM runs alone, but the subscriber JVM shares the same 2 cores: at high rates it "
				+ "competes with the publisher, alike for every contender.");
		md.line();
	}

	// ---- helpers ----

	private void timed(String what, Step step) throws Exception {
		long start = System.nanoTime();
		say(what + " ...");
		step.run();
		this.timings.put(what.replaceAll(" \\(.*", ""), minutes(System.nanoTime() - start));
		say(what + " done in " + minutes(System.nanoTime() - start));
	}

	private void say(String message) {
		System.out.println("[report " + minutes(System.nanoTime() - this.startNanos) + "] " + message);
		System.out.flush();
	}

	private static String title(String contender) {
		return TITLES.getOrDefault(contender, contender);
	}

	static double median(double[] values) {
		if (values.length == 0) {
			return Double.NaN;
		}
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int mid = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
	}

	private static double num(Map<String, String> values, String key) {
		if (values == null) {
			return Double.NaN;
		}
		String value = values.get(key);
		return (value == null || value.isEmpty()) ? Double.NaN : Double.parseDouble(value);
	}

	static String time(double nanos) {
		if (Double.isNaN(nanos)) {
			return "—";
		}
		if (nanos < 10_000) {
			return String.format(Locale.ROOT, "%.0f ns", nanos);
		}
		if (nanos < 10_000_000) {
			return String.format(Locale.ROOT, "%.1f µs", nanos / 1e3);
		}
		return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
	}

	static String rate(double perSecond) {
		if (Double.isNaN(perSecond)) {
			return "—";
		}
		return (perSecond >= 1e6) ? String.format(Locale.ROOT, "%.2f M/s", perSecond / 1e6)
				: String.format(Locale.ROOT, "%.0f k/s", perSecond / 1e3);
	}

	private static String ratio(double value, double reference) {
		if (Double.isNaN(value) || Double.isNaN(reference) || reference == 0) {
			return "—";
		}
		double ratio = value / reference;
		return (ratio >= 0.1) ? String.format(Locale.ROOT, "%.2f", ratio) : String.format(Locale.ROOT, "%.2g", ratio);
	}

	private static String percent(double fraction) {
		return Double.isNaN(fraction) ? "—" : String.format(Locale.ROOT, "%.2f %%", 100 * fraction);
	}

	private static String cpu(String percent) {
		return (percent == null || percent.isEmpty()) ? "n/a"
				: String.format(Locale.ROOT, "%.3f %%", Double.parseDouble(percent));
	}

	private static String bytes(double value) {
		return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%.0f", value);
	}

	private static String seconds(double value) {
		return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%.3f s", value);
	}

	private static String minutes(long nanos) {
		long seconds = nanos / 1_000_000_000;
		return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
	}

	private static String loadAverage() {
		try {
			String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return parts[0] + " " + parts[1] + " " + parts[2];
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	private static String cpuModel() {
		try {
			return Files.readAllLines(Path.of("/proc/cpuinfo"))
				.stream()
				.filter((line) -> line.startsWith("model name"))
				.map((line) -> line.substring(line.indexOf(':') + 1).trim())
				.findFirst()
				.orElse("unknown");
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	private static String memory() {
		try {
			return Files.readAllLines(Path.of("/proc/meminfo"))
				.stream()
				.filter((line) -> line.startsWith("MemTotal"))
				.map((line) -> String.format(Locale.ROOT, "%.1f GiB",
						Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0))
				.findFirst()
				.orElse("unknown");
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	private static String os() {
		String name = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
				+ System.getProperty("os.arch");
		try {
			for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
				if (line.startsWith("PRETTY_NAME=")) {
					return line.substring("PRETTY_NAME=".length()).replace("\"", "") + ", " + name;
				}
			}
		}
		catch (IOException ex) {
			// not Linux: the JVM's name will do
		}
		return name;
	}

	private static String command(String... command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			return (process.waitFor() == 0) ? output : "unknown";
		}
		catch (IOException | InterruptedException ex) {
			return "unknown";
		}
	}

	@FunctionalInterface
	private interface Step {

		void run() throws Exception;

	}

	/**
	 * One JMH result.
	 */
	private record JmhResult(double mean, double p50, double p99, double p999, double max, long samples, double alloc,
			double rate, Map<String, String> notes) {
	}

}

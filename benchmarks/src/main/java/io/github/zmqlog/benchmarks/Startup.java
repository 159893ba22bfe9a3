package io.github.zmqlog.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What the appender adds to an application's start-up: the sample app started with
 * {@code zmqlog.enabled=true} and {@code false} in turn.
 */
final class Startup implements Figure {

	private static final Pattern STARTED = Pattern.compile("Started \\S+ in ([0-9.]+) seconds");

	private final int runs;

	private final Path sampleApp;

	private final Map<Boolean, List<Start>> byEnabled = new LinkedHashMap<>();

	Startup(boolean quick, Path sampleApp) {
		this.runs = quick ? 2 : 9;
		this.sampleApp = sampleApp;
	}

	@Override
	public String name() {
		return "startup";
	}

	@Override
	public void measure(Run run) throws Exception {
		if (!Files.exists(this.sampleApp)) {
			run.problem("no " + this.sampleApp + ": build it with mvn -B -Pbenchmarks -DskipTests package");
			return;
		}
		// One start of each first, not counted: the jar's pages in the OS cache, for both
		// alike.
		start(run, true);
		start(run, false);
		for (int i = 0; i < 2 * this.runs; i++) {
			boolean enabled = (i % 2 == 0);
			Start start = start(run, enabled);
			if (start != null) {
				this.byEnabled.computeIfAbsent(enabled, (key) -> new ArrayList<>()).add(start);
			}
		}
	}

	private @Nullable Start start(Run run, boolean enabled) throws Exception {
		Process process = new ProcessBuilder(ChildJvms.java(), "-jar", this.sampleApp.toString(), "--server.port=0",
				"--zmqlog.enabled=" + enabled, "--zmqlog.bind=tcp://127.0.0.1:*")
			.redirectErrorStream(true)
			.start();
		long start = System.nanoTime();
		Path log = run.logs().resolve("startup-enabled-" + enabled + ".log");
		Start result = null;
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
				PrintWriter copy = new PrintWriter(Files.newBufferedWriter(log))) {
			Thread watchdog = ChildJvms.watchdog(process, 120);
			String line;
			while ((line = lines.readLine()) != null) {
				copy.println(line);
				Matcher matcher = STARTED.matcher(line);
				if (matcher.find()) {
					result = new Start(Double.parseDouble(matcher.group(1)), (System.nanoTime() - start) / 1e9);
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
			run.problem("the sample app (zmqlog.enabled=" + enabled + ") did not start, see " + log);
		}
		return result;
	}

	@Override
	public void write(Markdown out) {
		out.line("## Start-up time of the sample app");
		out.line();
		out.line("`java -jar sample-app/target/sample-app.jar --server.port=0 --zmqlog.bind=tcp://127.0.0.1:* "
				+ "--zmqlog.enabled=true|false`, alternating, after one uncounted start of each; Spring Boot's "
				+ "\"Started … in X seconds\" and the wall time from launching the JVM to that line. Medians.");
		out.line();
		List<List<String>> rows = new ArrayList<>();
		for (boolean enabled : List.of(true, false)) {
			List<Start> starts = this.byEnabled.getOrDefault(enabled, List.of());
			rows.add(List.of("zmqlog.enabled=" + enabled, String.valueOf(starts.size()),
					Units.seconds(Medians.of(starts, Start::startedIn)), Units.seconds(Medians.of(starts, Start::wall)),
					String.join(" ",
							starts.stream().map((s) -> String.format(Locale.ROOT, "%.2f", s.startedIn())).toList())));
		}
		out.table(List.of("", "runs", "Started in (median)", "wall (median)", "every Started in, s"), rows);
		out.line(String.format(Locale.ROOT, "Overhead of `zmqlog.enabled=true`: **%+.1f %%** (median Started-in).",
				overhead()));
		out.line();
	}

	@Override
	public List<Verdict> verdicts() {
		double overhead = overhead();
		if (Double.isNaN(overhead)) {
			return List.of();
		}
		return List.of(Verdict.of("6. start-up overhead ≤ 5 %", String.format(Locale.ROOT, "%+.1f %%", overhead),
				overhead <= 5, String.format(Locale.ROOT, "%.1f points over", overhead - 5)));
	}

	/**
	 * The median Started-in with the appender over that without, percent more.
	 * @return the overhead in percent (negative when it started faster), {@code NaN}
	 * unless both settings started at least once
	 */
	private double overhead() {
		List<Start> on = this.byEnabled.getOrDefault(true, List.of());
		List<Start> off = this.byEnabled.getOrDefault(false, List.of());
		if (on.isEmpty() || off.isEmpty()) {
			return Double.NaN;
		}
		return 100 * (Medians.of(on, Start::startedIn) / Medians.of(off, Start::startedIn) - 1);
	}

	/**
	 * One start of the sample app.
	 *
	 * @param startedIn the seconds Spring Boot's "Started … in" line says
	 * @param wall the seconds from launching the JVM to that line
	 */
	record Start(double startedIn, double wall) {

	}

}

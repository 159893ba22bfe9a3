package io.github.zmqlog.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import io.github.zmqlog.logback.ZmqLogAppender;

/**
 * Writes {@code BENCHMARKS.md}: what was run and on what, the workload and the
 * contenders, the targets, every figure's section, how it is measured, and what went
 * wrong in this run; the sections written by hand after {@link #BY_HAND} stay.
 */
final class ReportDocument {

	private final Run run;

	private final List<Figure> figures;

	private final List<Figure> targets;

	/**
	 * Creates the document.
	 * @param run the run
	 * @param figures every figure, in the order of their sections
	 * @param targets the figures with targets, in the order of the targets table
	 */
	ReportDocument(Run run, List<Figure> figures, List<Figure> targets) {
		this.run = run;
		this.figures = figures;
		this.targets = targets;
	}

	/**
	 * The line after which the file is written by hand: a new run replaces what comes
	 * before it and keeps what follows.
	 */
	static final String BY_HAND = "<!-- Written by hand from here on: the benchmarks' Report keeps it when it rewrites"
			+ " the figures above. -->";

	/**
	 * Returns the part of an earlier report written by hand, to follow the new figures.
	 * @param file the report, which need not exist
	 * @return from {@link #BY_HAND} to the end, or only that line when the file has none
	 * @throws IOException if the file exists and cannot be read
	 */
	static String byHand(Path file) throws IOException {
		String earlier = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
		int at = earlier.indexOf(BY_HAND);
		return (at >= 0) ? earlier.substring(at) : BY_HAND + "\n";
	}

	String markdown() {
		Markdown out = new Markdown();
		header(out);
		environment(out);
		workload(out);
		targets(out);
		this.figures.forEach((figure) -> figure.write(out));
		out.line("## How it is measured");
		out.line();
		method(out);
		if (!this.run.problems().isEmpty()) {
			out.line("## Problems in this run");
			out.line();
			this.run.problems().forEach((problem) -> out.line("- " + problem));
			out.line();
		}
		return out.toString();
	}

	private void header(Markdown out) {
		out.line("# Benchmarks");
		out.line();
		if (this.run.quick()) {
			out.line("> **QUICK MODE: a very short run for checking the harness, on a shared, noisy machine. These "
					+ "numbers mean nothing; a full run on a quiet machine replaces this file.**");
			out.line();
		}
		String note = System.getProperty("note");
		if (note != null && !note.isBlank()) {
			out.line("> **" + note.strip() + "**");
			out.line();
		}
		out.line("The figures for our appender and three contenders, all from one command (from the repository "
				+ "root; about 20 minutes on 2 cores; add `-Dquick=true` for a ~3-minute check of the harness):");
		out.line();
		out.line("```shell");
		out.line("mvn -B -Pbenchmarks -DskipTests package && java -cp benchmarks/target/benchmarks.jar "
				+ "io.github.zmqlog.benchmarks.Report");
		out.line("```");
		out.line();
		out.line("It writes this file up to the sections written by hand at its end, which it keeps; the logs of "
				+ "every run go to `benchmarks/target/benchmark-logs/`. "
				+ "Ratios divide a contender's figure by Log4j2's (÷ Log4j2) and by raw JeroMQ's (÷ raw).");
		out.line();
	}

	private void environment(Markdown out) {
		out.line("## Machine and run");
		out.line();
		List<String> timings = this.run.timings()
			.entrySet()
			.stream()
			.map((timing) -> timing.getKey() + " " + timing.getValue())
			.toList();
		out.table(List.of("", ""), List.of(
				List.of("date", ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME)),
				List.of("git commit", Machine.gitCommit()),
				List.of("mode", this.run.quick() ? "quick (check only)" : "full"),
				List.of("CPUs (nproc)", String.valueOf(Runtime.getRuntime().availableProcessors())),
				List.of("CPU model", Machine.cpuModel()), List.of("RAM", Machine.memory()), List.of("OS", Machine.os()),
				List.of("JVM",
						System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
								+ System.getProperty("java.vendor") + ")"),
				List.of("JVM options of measured JVMs",
						"`" + String.join(" ", ChildJvms.JVM_OPTIONS) + "` (default GC: "
								+ ManagementFactory.getGarbageCollectorMXBeans().get(0).getName() + " in this JVM)"),
				List.of("load average at start / end", this.run.loadAtStart() + " / " + Machine.loadAverage()),
				List.of("time taken", this.run.elapsed() + " (" + String.join(", ", timings) + ")")));
	}

	private void workload(Markdown out) {
		out.line("## Workload and contenders");
		out.line();
		out.line("Every contender gets `log.info(\"Order {} done in {} ms for {}\", id, ms, customer)` on logger " + "`"
				+ Workload.LOGGER + "` from threads named `worker-N`, pattern `" + Workload.PATTERN
				+ "`, one subscriber in its own JVM on `tcp://127.0.0.1` (subscribed to everything, receive "
				+ "high-water mark unlimited). What the subscriber received (one sample per contender):");
		out.line();
		List<List<String>> rows = new ArrayList<>();
		for (String contender : Target.ALL) {
			WireSample sample = this.run.sample(contender);
			if (sample == null) {
				rows.add(List.of(Target.title(contender), "—", "—", "—", "no socket"));
				continue;
			}
			rows.add(List.of(Target.title(contender), sample.frames(),
					sample.topic().isEmpty() ? "(none)" : "`" + sample.topic() + "`", sample.bodyBytes(),
					"`" + sample.body().strip() + "`"));
		}
		out.table(List.of("contender", "frames", "topic frame", "body bytes", "body"), rows);
		String queueSize = System.getProperty(ZmqLogTarget.QUEUE_SIZE);
		String queue = (queueSize != null) ? queueSize + " in this run (`-D" + ZmqLogTarget.QUEUE_SIZE
				+ "`; its default is " + ZmqLogAppender.DEFAULT_QUEUE_SIZE + ")"
				: String.valueOf(ZmqLogAppender.DEFAULT_QUEUE_SIZE);
		out.line("- **zmqlog (ours)**: `ZmqLogAppender` with its defaults (queue " + queue
				+ ", drop when full, send high-water mark 100 000) but endpoint `tcp://127.0.0.1:*`, root topic "
				+ "`myapp`, pattern as above; the message is `sub.topic::Order …`, whose `sub.topic` goes to the "
				+ "topic.");
		out.line("- **zmqlog (ours), BLOCK and noDrop** (lossless sweep only): the same, configured not to lose: "
				+ "`overflowPolicy` `BLOCK` (a caller that finds the queue full waits for room, up to `maxBlockTime`, "
				+ "100 ms) and `noDrop` (the publisher waits for a subscriber `sendHwm` messages behind, up to "
				+ "`sendTimeout`, 1 s, instead of the socket dropping silently); what is dropped after those waits is "
				+ "counted. Like Log4j2, it slows its callers rather than lose.");
		String log4j2Hwm = System.getProperty(Log4j2Target.SND_HWM);
		String hwm = (log4j2Hwm != null)
				? log4j2Hwm + " in this run (`-D" + Log4j2Target.SND_HWM + "`; its default is 1000)"
				: "1000 (`-D" + Log4j2Target.SND_HWM + "=100000` sets ours)";
		out.line("- **Log4j2 2.25.5 JeroMqAppender**: its defaults (PUB socket, send high-water mark " + hwm
				+ ", `synchronized append` that formats and sends on the calling thread; it formats every event twice, "
				+ "`layout.toByteArray` for an error message and again to send), configured programmatically in a "
				+ "Log4j2 `LoggerContext` of its own and called through the Log4j API (no SLF4J bridge on the class "
				+ "path). **Where it cannot match the workload**: it sends one frame, no topic, so a subscriber cannot "
				+ "filter by level or subtopic; Log4j2's `%logger{36}` keeps the whole logger name (36 "
				+ "components, not characters), so its body is 2 bytes longer; it counts nothing it drops (a PUB "
				+ "socket past its high-water mark drops silently), so only the subscriber tells its loss.");
		out.line("- **Logback AsyncAppender → null**: Logback's `AsyncAppender` (queue 8192, `neverBlock`, nothing "
				+ "discarded by level) in front of a `NOPAppender`: the caller-cost floor, no transport.");
		out.line("- **raw JeroMQ PUB**: a PUB socket (send high-water mark 100 000, as ours) sending a pre-built "
				+ "two-frame message (topic + the 125-byte body above), no logging framework. Several threads share "
				+ "the one socket under a lock (`synchronized`): one socket is one endpoint and one connection per "
				+ "subscriber, as with the appenders; a socket per thread would be as many endpoints to subscribe to.");
		out.line();
	}

	private void targets(Markdown out) {
		out.line("## Targets");
		out.line();
		List<List<String>> rows = new ArrayList<>();
		this.targets.forEach((figure) -> figure.verdicts().forEach((verdict) -> rows.add(verdict.row())));
		out.table(List.of("target", "measured", "verdict"), rows);
		if (this.run.quick()) {
			out.line("_Quick mode: verdicts from a few seconds of noisy data, for checking the harness only._");
			out.line();
		}
	}

	private void method(Markdown out) {
		out.line("- JMH 1.37, one fork per contender, `" + String.join(" ", ChildJvms.JVM_OPTIONS)
				+ "`; unpaced caller cost: " + UnpacedCallerCost.iterations(this.run.quick()).describe()
				+ " measured; paced caller cost: " + PacedCallerCost.iterations(this.run.quick()).describe()
				+ " measured. Percentiles are JMH's over every sampled call; the subscriber is subscribed (a message "
				+ "has arrived) before the first iteration.");
		out.line("- Pacing (paced caller cost, lossless sweep, delivery delay): each thread keeps a schedule of one "
				+ "event per period and sleeps only when more than 50 µs ahead; Linux sleeps last ≥ ~60 µs, so at "
				+ "25 k/s per thread events come in bursts of a few at the exact average rate, and no waiting thread "
				+ "spins (4 spinning callers would take both cores from the publisher and JeroMQ's I/O thread). A "
				+ "thread more than 1 ms behind gives up the missed slots, so the achieved rate is reported beside "
				+ "the offered one.");
		out.line("- Lossless sweep: before each step the subscriber's count must be still for 300 ms; after it, ours "
				+ "waits until its queue is empty and everything is sent or counted, then the count must reach what "
				+ "was logged or be still for 500 ms (at most 10 s). A warm-up at the first rate precedes the steps.");
		out.line("- The subscriber (`Subscriber`, its own JVM, `-Xmx2g`) subscribes to everything with an unlimited "
				+ "receive high-water mark and a 1 s handshake interval, and reads continuously on one thread; it "
				+ "answers `COUNT`, `SAMPLE` and `DELAYS` on its standard input.");
		out.line("- Each measured JVM runs alone, but the subscriber JVM shares the same 2 cores: at high rates it "
				+ "competes with the publisher, alike for every contender.");
		out.line();
	}

}

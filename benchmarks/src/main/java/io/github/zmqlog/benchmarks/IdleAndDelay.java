package io.github.zmqlog.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CPU each transport uses while nothing is logged, and the delay from the log call to
 * the subscriber's receive at 100 events/s; for ours also the part of that delay until
 * its publisher thread formats the event. Measured in one {@link IdleDelayProbe} JVM per
 * contender and repetition.
 */
final class IdleAndDelay implements Figure {

	private final int repetitions;

	private final int idleSeconds;

	private final int delaySeconds;

	private final Map<String, List<IdleCpu>> idle = new LinkedHashMap<>();

	private final Map<String, List<Delay>> delays = new LinkedHashMap<>();

	private final List<Distribution> handOffs = new ArrayList<>();

	private final List<Distribution> rests = new ArrayList<>();

	private final List<Tail> tails = new ArrayList<>();

	private final List<Distribution> wakes = new ArrayList<>();

	IdleAndDelay(boolean quick) {
		this.repetitions = quick ? 1 : 3;
		this.idleSeconds = quick ? 2 : 10;
		this.delaySeconds = quick ? 3 : 20;
	}

	@Override
	public String name() {
		return "delay";
	}

	@Override
	public void measure(Run run) throws Exception {
		// One run's p99 is its 20 slowest events, which the VM's scheduling decides:
		// repeated, with the contenders interleaved so that a noisy stretch falls on all
		// of them alike.
		for (int r = 0; r < this.repetitions; r++) {
			for (String contender : Target.TRANSPORTS) {
				run.say("  " + contender + ", repetition " + (r + 1) + " of " + this.repetitions);
				for (Map<String, String> result : ChildJvms.probe(run, "delay-" + contender + "-r" + (r + 1), List.of(),
						IdleDelayProbe.class, contender, String.valueOf(this.idleSeconds), "100",
						String.valueOf(this.delaySeconds))) {
					switch (result.getOrDefault("kind", "")) {
						case "idle" ->
							this.idle.computeIfAbsent(contender, (key) -> new ArrayList<>()).add(IdleCpu.from(result));
						case "delay" ->
							this.delays.computeIfAbsent(contender, (key) -> new ArrayList<>()).add(Delay.from(result));
						case "handoff" -> this.handOffs.add(Distribution.from(result));
						case "rest" -> this.rests.add(Distribution.from(result));
						case "tail" -> this.tails.add(Tail.from(result));
						default -> {
						}
					}
				}
			}
			run.say("  a bare wake-up, repetition " + (r + 1) + " of " + this.repetitions);
			for (Map<String, String> result : ChildJvms.probe(run, "delay-wake-r" + (r + 1), List.of(), WakeProbe.class,
					"100", String.valueOf(this.delaySeconds * 100))) {
				this.wakes.add(Distribution.from(result));
			}
		}
	}

	@Override
	public void write(Markdown out) {
		out.line("## Idle CPU and delivery delay");
		out.line();
		out.line("One JVM per contender with a subscriber JVM connected. Idle: CPU time over " + this.idleSeconds
				+ " s with no events, after a short warm-up, of the publisher thread (ours: `zmqlog-publisher-*`; the "
				+ "others send on the calling thread), of JeroMQ's I/O and reaper threads, and of the whole process "
				+ "(the OS counts process time in 10 ms ticks: 0.1 % of a core over 10 s). Delay: 100 events/s from "
				+ "one paced thread for " + this.delaySeconds + " s, each body carrying the call's "
				+ "`System.nanoTime()` (CLOCK_MONOTONIC, the same clock in both processes), read by the subscriber "
				+ "when the message arrives. Each contender " + this.repetitions + " time(s), the contenders "
				+ "interleaved; the table shows the median of the runs' figures (received / logged: their sums), "
				+ "and each run's p99 in the last column, in run order.");
		out.line();
		double log4j2 = medianDelay(Log4j2Target.NAME).p99();
		double raw = medianDelay(RawJeroMqTarget.NAME).p99();
		List<List<String>> rows = new ArrayList<>();
		for (String contender : Target.TRANSPORTS) {
			List<IdleCpu> idle = this.idle.getOrDefault(contender, List.of());
			List<Delay> delays = this.delays.getOrDefault(contender, List.of());
			Distribution delay = medianDelay(contender);
			String counts = delays.isEmpty() ? " / " : delays.stream().mapToLong(Delay::received).sum() + " / "
					+ delays.stream().mapToLong(Delay::logged).sum();
			rows.add(List.of(Target.title(contender), Units.cpu(Medians.ofPresent(idle, IdleCpu::publisher)),
					Units.cpu(Medians.ofPresent(idle, IdleCpu::jeromq)),
					Units.cpu(Medians.ofPresent(idle, IdleCpu::process)), Units.time(delay.p50()),
					Units.time(delay.p99()), Units.time(delay.p999()), Units.time(delay.max()), counts,
					Units.ratio(delay.p99(), log4j2), Units.ratio(delay.p99(), raw),
					eachP99(delays.stream().map(Delay::delay).toList())));
		}
		out.table(List.of("contender", "idle publisher thread", "idle JeroMQ threads", "idle process", "delay p50",
				"p99", "p99.9", "max", "received / logged", "p99 ÷ Log4j2", "p99 ÷ raw", "each run's p99"), rows);
		if (!this.handOffs.isEmpty()) {
			Distribution handOff = Distribution.median(this.handOffs);
			Distribution rest = Distribution.median(this.rests);
			out.line("Ours' delay split where its publisher thread formats the event (a pattern converter stamps the "
					+ "body with that thread's `System.nanoTime()`; medians of the runs). The hand-off from the logging "
					+ "thread until then, which a synchronous sender does not have: p50 " + Units.time(handOff.p50())
					+ ", p99 " + Units.time(handOff.p99()) + ", p99.9 " + Units.time(handOff.p999()) + ", max "
					+ Units.time(handOff.max()) + "; each run's p99: " + eachP99(this.handOffs)
					+ ". The rest (framing, the send, JeroMQ's I/O thread, TCP, the subscriber's threads, the path of "
					+ "every contender): p50 " + Units.time(rest.p50()) + ", p99 " + Units.time(rest.p99()) + ", p99.9 "
					+ Units.time(rest.p999()) + ", max " + Units.time(rest.max()) + "; each run's p99: "
					+ eachP99(this.rests) + "; its p99 ÷ Log4j2's whole delay p99: "
					+ Units.ratio(rest.p99(), medianDelay(Log4j2Target.NAME).p99()) + ". In the slowest 1 % of "
					+ "ours' events (delay at least the run's p99), the hand-off took on average "
					+ String.join(", ", this.tails.stream().map(Tail::describe).toList()) + " (each run).");
			out.line();
		}
		if (!this.wakes.isEmpty()) {
			Distribution wake = Distribution.median(this.wakes);
			out.line("The floor under the hand-off on this machine: a bare wake-up (`WakeProbe`: one thread parked as "
					+ "ours' idle publisher thread parks, another unparking it 100 times a second, no logging and no "
					+ "socket; from the unpark call until the parked thread runs, medians of " + this.wakes.size()
					+ " run(s) between the contenders'): p50 " + Units.time(wake.p50()) + ", p99 "
					+ Units.time(wake.p99()) + ", p99.9 " + Units.time(wake.p999()) + ", max " + Units.time(wake.max())
					+ "; each run's p99: " + eachP99(this.wakes) + ".");
			out.line();
		}
	}

	@Override
	public List<Verdict> verdicts() {
		List<Verdict> verdicts = new ArrayList<>();
		List<IdleCpu> idle = this.idle.get(ZmqLogTarget.NAME);
		if (idle != null) {
			double cpu = Medians.ofPresent(idle, IdleCpu::publisher);
			verdicts.add(
					Verdict.of("5. idle publisher thread < 0.5 % of a core", String.format(Locale.ROOT, "%.3f %%", cpu),
							cpu < 0.5, String.format(Locale.ROOT, "%.1f× the target", cpu / 0.5)));
		}
		List<Delay> delays = this.delays.get(ZmqLogTarget.NAME);
		if (delays != null && this.delays.containsKey(Log4j2Target.NAME)) {
			double p99 = medianDelay(ZmqLogTarget.NAME).p99();
			double log4j2 = medianDelay(Log4j2Target.NAME).p99();
			String measured = Units.time(p99) + " vs Log4j2 " + Units.time(log4j2) + ", medians of " + delays.size()
					+ " run(s) (ours' runs " + eachP99(delays.stream().map(Delay::delay).toList()) + ")";
			verdicts.add(Verdict.of("5. delivery delay p99 at 100 events/s ≤ Log4j2's", measured, p99 <= log4j2,
					String.format(Locale.ROOT, "%.2f× Log4j2's", p99 / log4j2)));
		}
		return verdicts;
	}

	/**
	 * The median of each figure over the contender's runs.
	 * @param contender one of {@link Target#ALL}
	 * @return the medians of the runs' delays, {@code NaN}s for a contender not measured
	 */
	private Distribution medianDelay(String contender) {
		return Distribution.median(this.delays.getOrDefault(contender, List.of()).stream().map(Delay::delay).toList());
	}

	/**
	 * Each run's p99, in run order: a median hides how far apart the runs were.
	 * @param runs each run's delays
	 * @return the p99s with their units, separated by commas
	 */
	private static String eachP99(List<Distribution> runs) {
		return String.join(", ", runs.stream().map((run) -> Units.time(run.p99())).toList());
	}

	/**
	 * The CPU a contender used over a stretch without events, percent of a core.
	 *
	 * @param publisher its publisher thread's, {@code NaN} for a contender that sends on
	 * the calling thread
	 * @param jeromq JeroMQ's I/O and reaper threads'
	 * @param process the whole process's
	 */
	record IdleCpu(double publisher, double jeromq, double process) {

		static IdleCpu from(Map<String, String> result) {
			return new IdleCpu(Results.number(result, "publisherCpuPercent"),
					Results.number(result, "jeromqCpuPercent"), Results.number(result, "processCpuPercent"));
		}

	}

	/**
	 * One run's delays, and how many of its events arrived.
	 *
	 * @param delay the delays from the call to the subscriber's receive
	 * @param received the events the subscriber received
	 * @param logged the events logged
	 */
	record Delay(Distribution delay, long received, long logged) {

		static Delay from(Map<String, String> result) {
			return new Delay(Distribution.from(result), (long) Results.number(result, "received"),
					(long) Results.number(result, "logged"));
		}

	}

	/**
	 * Ours' slowest events in one run: how much of their delay was the hand-off.
	 *
	 * @param samples how many events had a delay at least the run's p99
	 * @param meanDelay their mean delay, in nanoseconds
	 * @param meanHandOff their mean hand-off, in nanoseconds
	 */
	record Tail(double samples, double meanDelay, double meanHandOff) {

		static Tail from(Map<String, String> result) {
			return new Tail(Results.number(result, "samples"), Results.number(result, "meanDelay"),
					Results.number(result, "meanHandoff"));
		}

		String describe() {
			return Units.time(this.meanHandOff) + " of " + Units.time(this.meanDelay) + " ("
					+ String.format(Locale.ROOT, "%.0f %%", 100 * this.meanHandOff / this.meanDelay) + ", "
					+ (long) this.samples + " events)";
		}

	}

	/**
	 * A distribution of times in nanoseconds, as a probe summarised it.
	 *
	 * @param p50 the median
	 * @param p99 the 99th percentile
	 * @param p999 the 99.9th percentile
	 * @param max the maximum
	 */
	record Distribution(double p50, double p99, double p999, double max) {

		static Distribution from(Map<String, String> result) {
			return new Distribution(Results.number(result, "p50"), Results.number(result, "p99"),
					Results.number(result, "p999"), Results.number(result, "max"));
		}

		/**
		 * The median of each figure over the runs.
		 * @param runs each run's distribution
		 * @return the medians, {@code NaN}s for no runs
		 */
		static Distribution median(List<Distribution> runs) {
			return new Distribution(Medians.of(runs, Distribution::p50), Medians.of(runs, Distribution::p99),
					Medians.of(runs, Distribution::p999), Medians.of(runs, Distribution::max));
		}

	}

}

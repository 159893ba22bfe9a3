package io.github.zmqlog.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The highest rate each contender delivers without loss: offered total rates from 4 paced
 * threads, a step each, in one {@link LoadProbe} JVM per contender and repetition,
 * against a subscriber JVM that counts what it receives.
 */
final class LosslessSweep implements Figure {

	/** A step that lost less than this share (0.1 %) counts as lossless. */
	private static final double LOSSLESS = 0.001;

	/** Targets 1 and 2: ours delivers at least 0.9× what raw JeroMQ delivers. */
	private static final double RAW_TARGET = 0.9;

	/** Ours run a second time in each repetition, for the noise floor. */
	static final String AGAIN = ZmqLogTarget.NAME + "-again";

	/** What each repetition runs, in order: ours twice, at the start and at the end. */
	private static final List<String> SWEPT_TWICE = List.of(ZmqLogTarget.NAME, ZmqLogTarget.NAME_BLOCK,
			Log4j2Target.NAME, Log4j2Target.NAME_HWM, RawJeroMqTarget.NAME, AGAIN);

	private final List<Long> rates;

	private final int repetitions;

	private final int seconds;

	private final Map<String, List<Repetition>> byContender = new LinkedHashMap<>();

	LosslessSweep(boolean quick) {
		this.rates = quick ? List.of(250_000L, 750_000L, 1_500_000L, 2_500_000L) : List.of(100_000L, 250_000L, 500_000L,
				750_000L, 1_000_000L, 1_250_000L, 1_500_000L, 2_000_000L, 2_500_000L);
		this.repetitions = quick ? 1 : 3;
		this.seconds = quick ? 1 : 3;
	}

	@Override
	public String name() {
		return "lossless";
	}

	@Override
	public void measure(Run run) throws Exception {
		String rates = this.rates.stream().map(String::valueOf).collect(Collectors.joining(","));
		String seconds = String.valueOf(this.seconds);
		for (int r = 0; r < this.repetitions; r++) {
			for (String key : SWEPT_TWICE) {
				String contender = key.equals(AGAIN) ? ZmqLogTarget.NAME : key;
				run.say("  " + key + ", repetition " + (r + 1) + " of " + this.repetitions);
				List<Step> steps = new ArrayList<>();
				for (Map<String, String> result : ChildJvms.probe(run, "lossless-" + key + "-r" + (r + 1), List.of(),
						LoadProbe.class, contender, seconds, seconds, "4", rates)) {
					if ("load".equals(result.get("kind"))) {
						steps.add(Step.from(result));
					}
					else if ("wire".equals(result.get("kind"))) {
						run.sampled(contender, WireSample.from(result));
					}
				}
				this.byContender.computeIfAbsent(key, (k) -> new ArrayList<>()).add(new Repetition(steps));
			}
		}
	}

	List<Long> rates() {
		return this.rates;
	}

	/**
	 * Returns the first rate at which ours lost events (the median over the repetitions),
	 * the highest rate when it lost none.
	 * @return the rate, events per second
	 */
	long firstRateOursLost() {
		for (long offered : this.rates) {
			if (medianStep(ZmqLogTarget.NAME, offered, Step::loss) >= LOSSLESS) {
				return offered;
			}
		}
		return this.rates.get(this.rates.size() - 1);
	}

	@Override
	public void write(Markdown out) {
		out.line("## Highest lossless rate, 4 threads");
		out.line();
		int repetitions = this.byContender.values().stream().mapToInt(List::size).max().orElse(0);
		out.line("Offered total rates from 4 paced threads, " + this.seconds + " s each, in one JVM per "
				+ "contender and repetition (" + repetitions + ", medians shown), against a subscriber JVM that counts "
				+ "what it receives; loss = 1 − received / logged. \"Lossless rate\" is the highest rate delivered "
				+ "with loss < 0.1 %: the rate the threads achieved at such a step (a contender that sends on the "
				+ "calling thread slows its callers instead of losing). \"Offered and met\" is the highest offered "
				+ "rate that was both achieved (≥ 95 %) and lossless.");
		out.line();
		double log4j2 = medianOver(Log4j2Target.NAME, Repetition::losslessRate);
		double raw = medianOver(RawJeroMqTarget.NAME, Repetition::losslessRate);
		List<List<String>> rows = new ArrayList<>();
		for (String contender : Target.SWEPT) {
			double lossless = medianOver(contender, Repetition::losslessRate);
			double offered = medianOver(contender, Repetition::losslessOffered);
			rows.add(List.of(Target.title(contender), (lossless > 0) ? Units.rate(lossless) : "none",
					(offered > 0) ? Units.rate(offered) : "none",
					Units.ratio((lossless > 0) ? lossless : Double.NaN, (log4j2 > 0) ? log4j2 : Double.NaN),
					Units.ratio((lossless > 0) ? lossless : Double.NaN, raw)));
		}
		rows.add(List.of(Target.title(LogbackAsyncNullTarget.NAME), "n/a (no transport)", "", "", ""));
		out.table(List.of("contender", "lossless rate", "offered and met", "÷ Log4j2", "÷ raw"), rows);
		List<List<String>> steps = new ArrayList<>();
		for (long offered : this.rates) {
			List<String> row = new ArrayList<>(List.of(Units.rate(offered)));
			for (String contender : Target.SWEPT) {
				String cell = Units.rate(medianStep(contender, offered, Step::achieved)) + ", loss "
						+ Units.percent(medianStep(contender, offered, Step::loss));
				double dropped = Medians.ofPresent(steps(contender, offered), Step::dropped);
				if (!Double.isNaN(dropped)) {
					cell += String.format(Locale.ROOT, ", dropped %.0f", dropped);
				}
				row.add(cell);
			}
			steps.add(row);
		}
		out.line("Each step (median achieved rate, loss; ours also the drops its stats counted):");
		out.line();
		List<String> headers = new ArrayList<>(List.of("offered"));
		Target.SWEPT.forEach((contender) -> headers.add(Target.title(contender)));
		out.table(headers, steps);
		writeDelivered(out);
		writeCpu(out);
	}

	private void writeDelivered(Markdown out) {
		out.line(
				"Delivered at each step under overload, the callers never waiting (ours with its defaults): events per "
						+ "second the subscriber received (achieved × (1 − loss)), medians; \"ours again\" is ours run a second "
						+ "time in the same repetition, last, so that the two show the noise floor.");
		out.line();
		List<List<String>> rows = new ArrayList<>();
		for (long offered : this.rates) {
			double ours = delivered(ZmqLogTarget.NAME, offered);
			double again = delivered(AGAIN, offered);
			double raw = delivered(RawJeroMqTarget.NAME, offered);
			double log4j2 = delivered(Log4j2Target.NAME, offered);
			double log4j2Hwm = delivered(Log4j2Target.NAME_HWM, offered);
			rows.add(List.of(Units.rate(offered), Units.rate(ours), Units.rate(again), Units.rate(raw),
					Units.rate(log4j2), Units.rate(log4j2Hwm), Units.ratio(ours, raw), Units.ratio(ours, log4j2),
					Units.ratio(ours, log4j2Hwm), Units.ratio(again, ours)));
		}
		out.table(List.of("offered", "ours", "ours again", "raw JeroMQ", "Log4j2",
				"Log4j2, sndHwm " + Log4j2Target.SAME_HWM_AS_OURS, "ours ÷ raw", "ours ÷ Log4j2",
				"ours ÷ Log4j2 sndHwm", "again ÷ ours"), rows);
	}

	private void writeCpu(Markdown out) {
		out.line("CPU time per event received at each step (medians): of the measuring JVM (every thread: callers, "
				+ "ours' publisher thread, JeroMQ's I/O thread, JIT, GC) and of the subscriber JVM (in the OS's 10 ms "
				+ "ticks), over the step and the drain after it (everything handed to the socket, then the "
				+ "subscriber's count still for 0.5 s); \"cores busy\" is both JVMs' CPU time over that time, of the "
				+ "machine's " + Runtime.getRuntime().availableProcessors() + " cores (the drain lowers it).");
		out.line();
		List<List<String>> rows = new ArrayList<>();
		for (long offered : this.rates) {
			List<String> row = new ArrayList<>(List.of(Units.rate(offered)));
			for (String contender : List.of(ZmqLogTarget.NAME, RawJeroMqTarget.NAME, Log4j2Target.NAME_HWM)) {
				double process = medianStep(contender, offered, Step::cpuProcess);
				double subscriber = medianStep(contender, offered, Step::cpuSubscriber);
				String cell = Units.time(process) + " + " + Units.time(subscriber);
				if (contender.equals(ZmqLogTarget.NAME)) {
					cell += " (publisher " + Units.time(medianStep(contender, offered, Step::cpuPublisher))
							+ ", JeroMQ " + Units.time(medianStep(contender, offered, Step::cpuJeromq)) + ")";
				}
				row.add(cell);
				row.add(String.format(Locale.ROOT, "%.2f", medianStep(contender, offered, Step::coresBusy)));
			}
			rows.add(row);
		}
		out.table(List.of("offered", "ours: measuring + subscriber JVM", "cores busy", "raw JeroMQ", "cores busy",
				"Log4j2, sndHwm " + Log4j2Target.SAME_HWM_AS_OURS, "cores busy"), rows);
	}

	private double delivered(String contender, long offered) {
		return medianStep(contender, offered, Step::delivered);
	}

	@Override
	public List<Verdict> verdicts() {
		if (!this.byContender.containsKey(ZmqLogTarget.NAME) || !this.byContender.containsKey(RawJeroMqTarget.NAME)) {
			return List.of();
		}
		List<Verdict> verdicts = new ArrayList<>();
		double worstRaw = Double.POSITIVE_INFINITY;
		long worstRawAt = 0;
		double worstLog4j2 = Double.POSITIVE_INFINITY;
		long worstLog4j2At = 0;
		for (long offered : this.rates) {
			double ours = delivered(ZmqLogTarget.NAME, offered);
			double raw = ours / delivered(RawJeroMqTarget.NAME, offered);
			double log4j2 = ours / delivered(Log4j2Target.NAME, offered);
			if (raw < worstRaw) {
				worstRaw = raw;
				worstRawAt = offered;
			}
			if (log4j2 < worstLog4j2) {
				worstLog4j2 = log4j2;
				worstLog4j2At = offered;
			}
		}
		boolean met = worstRaw >= RAW_TARGET && worstLog4j2 >= 1;
		verdicts
			.add(Verdict.of("1. overload, `drop`: at every offered rate ours delivers ≥ 0.9 × raw JeroMQ and ≥ Log4j2",
					String.format(Locale.ROOT, "lowest ÷ raw %.2f (at %s), lowest ÷ Log4j2 %.2f (at %s)", worstRaw,
							Units.rate(worstRawAt), worstLog4j2, Units.rate(worstLog4j2At)),
					met,
					(worstRaw < RAW_TARGET)
							? String.format(Locale.ROOT, "%.0f %% short of 0.9 × raw at %s",
									100 * (1 - worstRaw / RAW_TARGET), Units.rate(worstRawAt))
							: String.format(Locale.ROOT, "below Log4j2 at %s", Units.rate(worstLog4j2At))));
		double ours = medianOver(ZmqLogTarget.NAME, Repetition::losslessRate);
		double raw = medianOver(RawJeroMqTarget.NAME, Repetition::losslessRate);
		double log4j2Hwm = medianOver(Log4j2Target.NAME_HWM, Repetition::losslessRate);
		double toRaw = ours / raw;
		double toLog4j2 = ours / log4j2Hwm;
		verdicts
			.add(Verdict.of(
					"2. highest lossless rate with our defaults ≥ 0.9 × raw JeroMQ's and ≥ Log4j2's with sndHwm "
							+ Log4j2Target.SAME_HWM_AS_OURS,
					String.format(Locale.ROOT, "%s vs raw %s (%.2f×) and Log4j2 %s (%.2f×)", Units.rate(ours),
							Units.rate(raw), toRaw, Units.rate(log4j2Hwm), toLog4j2),
					toRaw >= RAW_TARGET && toLog4j2 >= 1,
					(toRaw < RAW_TARGET)
							? String.format(Locale.ROOT, "%.0f %% short of 0.9 × raw", 100 * (1 - toRaw / RAW_TARGET))
							: String.format(Locale.ROOT, "%.0f %% short of Log4j2", 100 * (1 - toLog4j2))));
		return verdicts;
	}

	/**
	 * A figure of each repetition, its median over them.
	 * @param contender one of {@link Target#SWEPT}
	 * @param metric the figure of a repetition
	 * @return the median, {@code NaN} for a contender not swept
	 */
	private double medianOver(String contender, ToDoubleFunction<Repetition> metric) {
		return Medians.of(this.byContender.getOrDefault(contender, List.of()), metric);
	}

	private double medianStep(String contender, long offered, ToDoubleFunction<Step> metric) {
		return Medians.of(steps(contender, offered), metric);
	}

	/**
	 * The contender's steps at a rate, one of each repetition.
	 * @param contender one of {@link Target#SWEPT}
	 * @param offered the total rate offered, events per second
	 * @return the steps, in the order of the repetitions; none for a contender not swept
	 * or a rate not offered
	 */
	private List<Step> steps(String contender, long offered) {
		return this.byContender.getOrDefault(contender, List.of())
			.stream()
			.flatMap((repetition) -> repetition.steps().stream())
			.filter((step) -> step.offered() == offered)
			.toList();
	}

	/**
	 * One step of a sweep.
	 *
	 * @param offered the total rate offered, events per second
	 * @param achieved the rate the threads achieved
	 * @param loss {@code 1 - received / logged}
	 * @param dropped what ours counted as dropped, {@code NaN} for a contender that
	 * counts nothing
	 * @param cpuProcess the measuring JVM's CPU time per event received, ns
	 * @param cpuSubscriber the subscriber JVM's CPU time per event received, ns
	 * @param cpuPublisher ours' publisher thread's CPU time per event received, ns
	 * @param cpuJeromq JeroMQ's threads' CPU time per event received, ns
	 * @param coresBusy both JVMs' CPU time over the step and the drain after it, in cores
	 */
	record Step(long offered, double achieved, double loss, double dropped, double cpuProcess, double cpuSubscriber,
			double cpuPublisher, double cpuJeromq, double coresBusy) {

		static Step from(Map<String, String> result) {
			return new Step(Long.parseLong(result.get("offered")), Results.number(result, "achieved"),
					Results.number(result, "loss"), Results.number(result, "dropped"),
					Results.number(result, "cpuProcessNs"), Results.number(result, "cpuSubscriberNs"),
					Results.number(result, "cpuPublisherNs"), Results.number(result, "cpuJeromqNs"),
					Results.number(result, "cpuCoresBusy"));
		}

		/**
		 * The rate the subscriber received.
		 * @return events per second
		 */
		double delivered() {
			return this.achieved * (1 - this.loss);
		}

	}

	/**
	 * One sweep of a contender through the rates.
	 *
	 * @param steps its steps, in order
	 */
	record Repetition(List<Step> steps) {

		/**
		 * The highest rate delivered without loss: the rate achieved (at most the one
		 * offered).
		 * @return the rate, events per second; 0 when every step lost events
		 */
		double losslessRate() {
			double best = 0;
			for (Step step : this.steps) {
				if (step.loss() < LOSSLESS) {
					best = Math.max(best, Math.min(step.achieved(), step.offered()));
				}
			}
			return best;
		}

		/**
		 * The highest offered rate both achieved (95 %) and delivered without loss.
		 * @return the offered rate, events per second; 0 when no step was both
		 */
		double losslessOffered() {
			double best = 0;
			for (Step step : this.steps) {
				if (step.loss() < LOSSLESS && step.achieved() >= 0.95 * step.offered()) {
					best = Math.max(best, step.offered());
				}
			}
			return best;
		}

	}

}

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

	/** The target: ours at least 1.4× Log4j2's lossless rate. */
	private static final double RATIO_TARGET = 1.4;

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
			for (String contender : Target.SWEPT) {
				run.say("  " + contender + ", repetition " + (r + 1) + " of " + this.repetitions);
				List<Step> steps = new ArrayList<>();
				for (Map<String, String> result : ChildJvms.probe(run, "lossless-" + contender + "-r" + (r + 1),
						List.of(), LoadProbe.class, contender, seconds, seconds, "4", rates)) {
					if ("load".equals(result.get("kind"))) {
						steps.add(Step.from(result));
					}
					else if ("wire".equals(result.get("kind"))) {
						run.sampled(contender, WireSample.from(result));
					}
				}
				this.byContender.computeIfAbsent(contender, (key) -> new ArrayList<>()).add(new Repetition(steps));
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
	}

	@Override
	public List<Verdict> verdicts() {
		List<Verdict> verdicts = new ArrayList<>();
		double ours = medianOver(ZmqLogTarget.NAME, Repetition::losslessRate);
		double log4j2 = medianOver(Log4j2Target.NAME, Repetition::losslessRate);
		String target = "highest lossless rate ≥ 1.4× Log4j2's";
		if (!Double.isNaN(ours) && log4j2 == 0) {
			verdicts.add(
					new Verdict(target,
							Units.rate(ours) + " vs none: Log4j2 lost ≥ 0.1 % at every step, from "
									+ Units.rate(this.rates.get(0)),
							"undetermined (Log4j2's is below the first step)"));
		}
		else if (!Double.isNaN(ours) && !Double.isNaN(log4j2)) {
			verdicts.add(ratioVerdict(target, ours, log4j2));
		}
		double log4j2Hwm = medianOver(Log4j2Target.NAME_HWM, Repetition::losslessRate);
		if (!Double.isNaN(ours) && log4j2Hwm > 0) {
			verdicts
				.add(ratioVerdict(target + ", Log4j2 with sndHwm " + Log4j2Target.SAME_HWM_AS_OURS, ours, log4j2Hwm));
		}
		double block = medianOver(ZmqLogTarget.NAME_BLOCK, Repetition::losslessRate);
		if (block > 0 && log4j2Hwm > 0) {
			verdicts.add(ratioVerdict("highest lossless rate, both slowing their callers: ours with BLOCK and noDrop "
					+ "≥ 1.4× Log4j2 with sndHwm " + Log4j2Target.SAME_HWM_AS_OURS, block, log4j2Hwm));
		}
		return verdicts;
	}

	private static Verdict ratioVerdict(String target, double ours, double theirs) {
		double ratio = ours / theirs;
		return Verdict.of(target,
				String.format(Locale.ROOT, "%s vs %s = %.2f×", Units.rate(ours), Units.rate(theirs), ratio),
				ratio >= RATIO_TARGET, String.format(Locale.ROOT, "%.0f %% short", 100 * (1 - ratio / RATIO_TARGET)));
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
	 */
	record Step(long offered, double achieved, double loss, double dropped) {

		static Step from(Map<String, String> result) {
			return new Step(Long.parseLong(result.get("offered")), Results.number(result, "achieved"),
					Results.number(result, "loss"), Results.number(result, "dropped"));
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

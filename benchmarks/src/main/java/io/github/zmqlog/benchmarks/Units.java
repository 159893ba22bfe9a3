package io.github.zmqlog.benchmarks;

import java.util.Locale;

/**
 * How the report writes its numbers: each unit with a precision its noise deserves, and a
 * dash where a figure was not measured.
 */
final class Units {

	private Units() {
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

	/**
	 * Divides a contender's figure by a reference contender's; small ratios keep two
	 * significant digits, where two decimals would round them to nothing.
	 * @param value the contender's figure, {@code NaN} when not measured
	 * @param reference the reference contender's figure, {@code NaN} when not measured
	 * @return the ratio, e.g. {@code 1.25} or {@code 0.0042}; a dash when either figure
	 * is missing or the reference is 0
	 */
	static String ratio(double value, double reference) {
		if (Double.isNaN(value) || Double.isNaN(reference) || reference == 0) {
			return "—";
		}
		double ratio = value / reference;
		return (ratio >= 0.1) ? String.format(Locale.ROOT, "%.2f", ratio) : String.format(Locale.ROOT, "%.2g", ratio);
	}

	static String percent(double fraction) {
		return Double.isNaN(fraction) ? "—" : String.format(Locale.ROOT, "%.2f %%", 100 * fraction);
	}

	/**
	 * A share of a core; "n/a" for a contender without that thread.
	 * @param percent the share, percent of one core, {@code NaN} for a thread the
	 * contender does not have
	 * @return the share with three decimals, e.g. {@code 0.125 %}
	 */
	static String cpu(double percent) {
		return Double.isNaN(percent) ? "n/a" : String.format(Locale.ROOT, "%.3f %%", percent);
	}

	static String bytes(double value) {
		return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%.0f", value);
	}

	static String seconds(double value) {
		return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%.3f s", value);
	}

	static String minutes(long nanos) {
		long seconds = nanos / 1_000_000_000;
		return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
	}

}

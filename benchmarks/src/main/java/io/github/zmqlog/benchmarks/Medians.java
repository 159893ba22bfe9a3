package io.github.zmqlog.benchmarks;

import java.util.Arrays;
import java.util.Collection;
import java.util.function.ToDoubleFunction;

/**
 * Medians over repeated runs: on a noisy machine one run's figure says little, and a
 * median is not carried off by one bad run as a mean is.
 */
final class Medians {

	private Medians() {
	}

	/**
	 * Returns the median.
	 * @param values the values, in any order
	 * @return the median, {@code NaN} for no values
	 */
	static double of(double[] values) {
		if (values.length == 0) {
			return Double.NaN;
		}
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int mid = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
	}

	static <T> double of(Collection<T> items, ToDoubleFunction<T> value) {
		return of(items.stream().mapToDouble(value).toArray());
	}

	/**
	 * Returns the median over the items that have the value: {@code NaN} stands for a
	 * figure that an item lacks (a contender that counts no drops, a thread it does not
	 * have).
	 * @param <T> the type of the items
	 * @param items the items, in any order
	 * @param value an item's figure, {@code NaN} where it has none
	 * @return the median, {@code NaN} when no item has the figure
	 */
	static <T> double ofPresent(Collection<T> items, ToDoubleFunction<T> value) {
		return of(items.stream().mapToDouble(value).filter((number) -> !Double.isNaN(number)).toArray());
	}

}

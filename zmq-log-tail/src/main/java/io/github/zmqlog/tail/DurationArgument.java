package io.github.zmqlog.tail;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Reads a duration from the command line: a whole number and a unit ({@code ms},
 * {@code s}, {@code m}, {@code h} or {@code d}, seconds when none is given), as
 * {@code --since}, {@code --stats} and the socket tuning options take them. Each option
 * says which units and how many digits it accepts; the error message is the option's.
 */
final class DurationArgument {

	private DurationArgument() {
	}

	/**
	 * Parses a duration.
	 * @param text the argument, already stripped (and lower-cased, where the option takes
	 * any case)
	 * @param maxDigits how many digits the number may have at most
	 * @param units the units the option accepts, among {@code ms}, {@code s}, {@code m},
	 * {@code h} and {@code d}
	 * @return the duration, or {@code null} when the text is not one
	 */
	static @Nullable Duration parse(String text, int maxDigits, String... units) {
		Matcher matcher = Pattern.compile("(\\d{1," + maxDigits + "})(" + String.join("|", units) + ")?").matcher(text);
		if (!matcher.matches()) {
			return null;
		}
		long amount = Long.parseLong(matcher.group(1));
		String unit = (matcher.group(2) != null) ? matcher.group(2) : "s";
		return switch (unit) {
			case "ms" -> Duration.ofMillis(amount);
			case "m" -> Duration.ofMinutes(amount);
			case "h" -> Duration.ofHours(amount);
			case "d" -> Duration.ofDays(amount);
			default -> Duration.ofSeconds(amount);
		};
	}

}

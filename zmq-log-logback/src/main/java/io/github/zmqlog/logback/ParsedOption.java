package io.github.zmqlog.logback;

import java.util.Locale;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * An option set as text, case-insensitive, and parsed once, when it is set: the value it
 * names, or {@code null} when it names none, in which case the next start fails quoting
 * the text.
 *
 * @param <T> the type of the value
 * @param text the text as set, trimmed
 * @param value the value, or {@code null} when the text names none
 */
record ParsedOption<T>(String text, @Nullable T value) {

	/**
	 * Parses an option's text.
	 * @param <T> the type of the value
	 * @param text the text as set, or {@code null}
	 * @param parser what the upper-cased text names, or {@code null} for nothing
	 * @return the option
	 */
	static <T> ParsedOption<T> parse(@Nullable String text, Function<String, @Nullable T> parser) {
		String trimmed = (text != null) ? text.trim() : "";
		return new ParsedOption<>(trimmed, parser.apply(trimmed.toUpperCase(Locale.ROOT)));
	}

	/**
	 * Parses the name of an enum constant.
	 * @param <E> the enum
	 * @param type the enum's class
	 * @param text the text as set, or {@code null}
	 * @return the option
	 */
	static <E extends Enum<E>> ParsedOption<E> parse(Class<E> type, @Nullable String text) {
		return parse(text, (name) -> {
			for (E constant : type.getEnumConstants()) {
				if (constant.name().equals(name)) {
					return constant;
				}
			}
			return null;
		});
	}

	/**
	 * Returns an option set to a value.
	 * @param <T> the type of the value
	 * @param value the value
	 * @return the option
	 */
	static <T> ParsedOption<T> of(T value) {
		return new ParsedOption<>(value.toString(), value);
	}

	/**
	 * Returns what the option's getter shows: the value's canonical name once the text
	 * names one, otherwise the text as set.
	 * @return the name
	 */
	String name() {
		return (this.value != null) ? this.value.toString() : this.text;
	}

}

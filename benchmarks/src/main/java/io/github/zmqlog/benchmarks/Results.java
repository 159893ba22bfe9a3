package io.github.zmqlog.benchmarks;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A probe's result line on standard output: {@code RESULT key=value ...}, values
 * URL-encoded.
 */
final class Results {

	static final String PREFIX = "RESULT ";

	private final Map<String, Object> values = new LinkedHashMap<>();

	Results put(String key, Object value) {
		this.values.put(key, value);
		return this;
	}

	Results putAll(Map<String, ?> more) {
		this.values.putAll(more);
		return this;
	}

	/**
	 * Returns a number of a parsed result line.
	 * @param values the line's values, by key
	 * @param key the key
	 * @return the number, {@code NaN} where the line has no value for it (a figure the
	 * contender does not have)
	 */
	static double number(Map<String, String> values, String key) {
		String value = values.get(key);
		return (value == null || value.isEmpty()) ? Double.NaN : Double.parseDouble(value);
	}

	void print() {
		StringBuilder line = new StringBuilder(PREFIX);
		this.values.forEach((key, value) -> line.append(key)
			.append('=')
			.append(URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8))
			.append(' '));
		System.out.println(line.toString().trim());
		System.out.flush();
	}

}

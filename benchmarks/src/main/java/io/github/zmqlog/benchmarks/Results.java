package io.github.zmqlog.benchmarks;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

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

	/**
	 * A result line for a distribution of times.
	 * @param kind what was timed: {@code delay} (from the log call to the subscriber's
	 * receive), {@code handoff} (from the log call until ours formats the event on its
	 * publisher thread), {@code rest} (from then to the receive) or {@code wake} (a bare
	 * wake-up, {@link WakeProbe})
	 * @param contender the contender measured, {@code null} for none
	 * @param summary samples, p50, p99, p99.9 and max
	 * @return the line, to which more values can be put before it is printed
	 */
	static Results distribution(String kind, @Nullable String contender, Object[] summary) {
		Results line = new Results().put("kind", kind);
		if (contender != null) {
			line.put("contender", contender);
		}
		return line.put("samples", summary[0])
			.put("p50", summary[1])
			.put("p99", summary[2])
			.put("p999", summary[3])
			.put("max", summary[4]);
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

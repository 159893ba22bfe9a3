package io.github.zmqlog.benchmarks;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Context;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.pattern.DynamicConverter;

/**
 * For the delay probe ({@link IdleDelayProbe}): a pattern converter that writes nothing
 * and records, on the thread that formats the body (ours: the publisher thread), how long
 * ago the call was made: the call's {@code System.nanoTime()} is the event's first
 * argument. This is the hand-off from the logging thread to the publisher thread, the one
 * hop that ours has and a synchronous sender has not.
 */
public final class HandOffStamps extends ClassicConverter {

	/** The conversion word, to append to the pattern. */
	static final String WORD = "handOffStamp";

	private static final int MAX = 1 << 16;

	private static final long[] delays = new long[MAX];

	private static int count;

	/**
	 * Registers the converter in a Logback context, before its layouts start.
	 * @param context the context
	 */
	@SuppressWarnings("unchecked")
	static void register(Context context) {
		Map<String, Supplier<DynamicConverter<?>>> registry = (Map<String, Supplier<DynamicConverter<?>>>) context
			.getObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS);
		if (registry == null) {
			registry = new HashMap<>();
			context.putObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, registry);
		}
		registry.put(WORD, HandOffStamps::new);
	}

	@Override
	public String convert(ILoggingEvent event) {
		Object[] arguments = event.getArgumentArray();
		if (arguments != null && arguments.length > 0 && arguments[0] instanceof Long sent) {
			record(System.nanoTime() - sent);
		}
		return "";
	}

	private static synchronized void record(long nanos) {
		if (count < MAX) {
			delays[count++] = nanos;
		}
	}

	/** Forgets what was recorded. */
	static synchronized void reset() {
		count = 0;
	}

	/**
	 * Returns the percentiles of what was recorded since the last reset.
	 * @return samples, p50, p99, p99.9 and max, in nanoseconds
	 */
	static synchronized long[] summary() {
		return Subscriber.summary(Arrays.copyOf(delays, count));
	}

}

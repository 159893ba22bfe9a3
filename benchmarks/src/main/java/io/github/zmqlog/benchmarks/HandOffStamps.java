package io.github.zmqlog.benchmarks;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Context;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.pattern.DynamicConverter;

/**
 * For the delay probe ({@link IdleDelayProbe}): a pattern converter that writes, on the
 * thread that formats the body (ours: the publisher thread), {@link #PREFIX} and that
 * thread's {@code System.nanoTime()}, after the body's line. With the call's own stamp,
 * which the event's first argument carries, the subscriber splits each event's delay in
 * two: the hand-off from the logging thread to the publisher thread (the one hop that
 * ours has and a synchronous sender has not) and the rest of the path, the same for every
 * contender.
 */
public final class HandOffStamps extends ClassicConverter {

	/** The conversion word, to append to the pattern. */
	static final String WORD = "handOffStamp";

	/** What precedes the formatting thread's stamp in the body. */
	static final String PREFIX = "formatted ";

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
		return PREFIX + System.nanoTime();
	}

}

package io.github.zmqlog.metrics;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import ch.qos.logback.classic.Level;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.util.Assert;

import io.github.zmqlog.logback.DropReason;
import io.github.zmqlog.logback.ZmqLogAppender;
import io.github.zmqlog.logback.ZmqLogCounters;

/**
 * Micrometer meters of ZeroMQ log publishing: {@code zmqlog.events.sent} (tagged
 * {@code level}), {@code zmqlog.events.dropped} (tagged {@code reason} and
 * {@code level}), {@code zmqlog.queue.size}, {@code zmqlog.queue.bytes} and
 * {@code zmqlog.subscribers}, one set per appender, tagged {@code appender} with its
 * name; each has a description and a base unit, as Micrometer's {@code logback.events}
 * has. They read the appender's {@link ZmqLogAppender#getCounters() counters} when the
 * registry asks, without taking a snapshot. Levels are tagged as {@code logback.events}
 * tags them ({@code trace} to {@code error}); a drop counted where the event was no
 * longer at hand is tagged {@value #UNKNOWN_LEVEL}.
 */
public class ZmqLogMetrics implements MeterBinder {

	/** Tag whose value is the appender's name. */
	public static final String APPENDER_TAG = "appender";

	/** Tag whose value is the events' level, lower case. */
	public static final String LEVEL_TAG = "level";

	/** Value of the {@link #LEVEL_TAG level tag} of drops whose level is unknown. */
	public static final String UNKNOWN_LEVEL = "unknown";

	private final Map<String, ZmqLogAppender> appenders;

	/**
	 * Creates the binder.
	 * @param appenders the appenders to measure, by the name their meters are tagged
	 * with; at least one
	 */
	public ZmqLogMetrics(Map<String, ZmqLogAppender> appenders) {
		Assert.notEmpty(appenders, "'appenders' must not be empty");
		this.appenders = new LinkedHashMap<>(appenders);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.appenders
			.forEach((name, appender) -> bindTo(registry, Tags.of(APPENDER_TAG, name), appender.getCounters()));
	}

	private void bindTo(MeterRegistry registry, Tags tags, ZmqLogCounters counters) {
		// The appender holds its counters for its lifetime: the meters' weak reference
		// stays valid.
		for (Level level : ZmqLogCounters.LEVELS) {
			FunctionCounter.builder("zmqlog.events.sent", counters, (c) -> c.sent(level))
				.description("Log events the ZeroMQ socket accepted")
				.baseUnit("events")
				.tags(tags.and(LEVEL_TAG, tagValue(level)))
				.register(registry);
		}
		for (DropReason reason : DropReason.values()) {
			Tags reasonTags = tags.and("reason", reason.name().toLowerCase(Locale.ROOT));
			for (Level level : ZmqLogCounters.LEVELS) {
				dropped(registry, counters, (c) -> c.dropped(reason, level),
						reasonTags.and(LEVEL_TAG, tagValue(level)));
			}
			dropped(registry, counters, (c) -> c.droppedAtUnknownLevel(reason),
					reasonTags.and(LEVEL_TAG, UNKNOWN_LEVEL));
		}
		Gauge.builder("zmqlog.queue.size", counters, ZmqLogCounters::queueDepth)
			.description("Log events waiting for the publisher thread")
			.baseUnit("events")
			.tags(tags)
			.register(registry);
		Gauge.builder("zmqlog.queue.bytes", counters, ZmqLogCounters::queuedBytes)
			.description("What large log events waiting for the publisher thread weigh against max-queued-bytes")
			.baseUnit("bytes")
			.tags(tags)
			.register(registry);
		Gauge.builder("zmqlog.subscribers", counters, ZmqLogCounters::subscribers)
			.description("Peers connected to the ZeroMQ log socket")
			.baseUnit("subscribers")
			.tags(tags)
			.register(registry);
	}

	private static void dropped(MeterRegistry registry, ZmqLogCounters counters, ToDoubleFunction<ZmqLogCounters> count,
			Tags tags) {
		FunctionCounter.builder("zmqlog.events.dropped", counters, count)
			.description("Log events not published, by reason")
			.baseUnit("events")
			.tags(tags)
			.register(registry);
	}

	private static String tagValue(Level level) {
		return level.levelStr.toLowerCase(Locale.ROOT);
	}

}

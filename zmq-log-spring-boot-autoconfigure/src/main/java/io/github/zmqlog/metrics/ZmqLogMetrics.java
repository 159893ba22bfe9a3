package io.github.zmqlog.metrics;

import java.util.Locale;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import io.github.zmqlog.logback.DropReason;
import io.github.zmqlog.logback.ZmqLogAppender;

/**
 * Micrometer meters of ZeroMQ log publishing: {@code zmqlog.events.sent},
 * {@code zmqlog.events.dropped} (tagged {@code reason}), {@code zmqlog.queue.size} and
 * {@code zmqlog.subscribers}. They read the appender's counters when the registry asks.
 */
public class ZmqLogMetrics implements MeterBinder {

	private final ZmqLogAppender appender;

	/**
	 * Creates the binder.
	 * @param appender the appender to measure
	 */
	public ZmqLogMetrics(ZmqLogAppender appender) {
		this.appender = appender;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		FunctionCounter.builder("zmqlog.events.sent", this.appender, (a) -> a.getCounters().sent())
			.description("Log events the ZeroMQ socket accepted")
			.baseUnit("events")
			.register(registry);
		for (DropReason reason : DropReason.values()) {
			FunctionCounter.builder("zmqlog.events.dropped", this.appender, (a) -> a.getCounters().dropped(reason))
				.description("Log events not published, by reason")
				.baseUnit("events")
				.tag("reason", reason.name().toLowerCase(Locale.ROOT))
				.register(registry);
		}
		Gauge.builder("zmqlog.queue.size", this.appender, (a) -> a.getCounters().queueDepth())
			.description("Log events waiting for the publisher thread")
			.baseUnit("events")
			.register(registry);
		Gauge.builder("zmqlog.subscribers", this.appender, (a) -> a.getCounters().subscribers())
			.description("Peers connected to the ZeroMQ log socket")
			.register(registry);
	}

}

package io.github.zmqlog.health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import io.github.zmqlog.logback.DropReason;
import io.github.zmqlog.logback.RootLoggerAttacher;
import io.github.zmqlog.logback.ZmqLogAppender;
import io.github.zmqlog.logback.ZmqLogStats;

/**
 * Health of ZeroMQ log publishing: UP when the appender is started, attached to the root
 * logger, its publisher thread alive, every endpoint bound or connected and, with CURVE,
 * its ZAP handler answering; DOWN with the reason otherwise. Dropped events are not a
 * failure: they show in the details. Reads the appender's counters only; no network I/O.
 */
public class ZmqLogHealthIndicator extends AbstractHealthIndicator {

	private final ZmqLogAppender appender;

	/**
	 * Creates an indicator.
	 * @param appender the appender to report on
	 */
	public ZmqLogHealthIndicator(ZmqLogAppender appender) {
		super("ZeroMQ log publishing health check failed");
		this.appender = appender;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		ZmqLogStats stats = this.appender.getStats();
		String problem = problem(stats);
		if (problem == null) {
			builder.up();
		}
		else {
			builder.down().withDetail("reason", problem);
		}
		builder.withDetails(details(stats));
		if (stats.curve().enabled()) {
			builder.withDetail("curve", stats.curve());
		}
	}

	private @Nullable String problem(ZmqLogStats stats) {
		String failure = stats.publisher().failure();
		if (!stats.started()) {
			return "not started: " + ((failure != null) ? failure : "the appender is stopped");
		}
		if (!stats.publisher().alive()) {
			return "publisher thread is not running" + ((failure != null) ? ": " + failure : "");
		}
		String zapFailure = stats.curve().zapHandlerFailure();
		if (zapFailure != null) {
			return zapFailure;
		}
		if (!RootLoggerAttacher.isAttached(this.appender)) {
			return "detached from the root logger (Logback was reset): events do not reach it";
		}
		int configured = this.appender.getBind().size() + this.appender.getConnect().size();
		int open = stats.socket().boundEndpoints().size() + stats.socket().connectedEndpoints().size();
		return (open < configured) ? "only " + open + " of " + configured + " endpoints are open" : null;
	}

	private Map<String, Object> details(ZmqLogStats stats) {
		Map<String, Object> details = new LinkedHashMap<>();
		List<String> endpoints = new ArrayList<>(stats.socket().boundEndpoints());
		endpoints.addAll(stats.socket().connectedEndpoints());
		details.put("endpoints", endpoints);
		details.put("rootTopic", this.appender.getRootTopic());
		details.put("sent", stats.counts().sent());
		Map<String, Long> dropped = new LinkedHashMap<>();
		dropped.put("total", stats.counts().droppedTotal());
		for (DropReason reason : DropReason.values()) {
			dropped.put(reason.name().toLowerCase(Locale.ROOT), stats.counts().dropped(reason));
		}
		details.put("dropped", dropped);
		details.put("queue", stats.queue());
		details.put("subscribers", stats.socket().subscribers());
		details.put("paused", this.appender.isPaused());
		return details;
	}

}

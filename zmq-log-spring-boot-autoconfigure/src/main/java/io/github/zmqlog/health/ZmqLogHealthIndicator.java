package io.github.zmqlog.health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.zmqlog.logback.DropReason;
import io.github.zmqlog.logback.RootLoggerAttacher;
import io.github.zmqlog.logback.ZmqLogAppender;
import io.github.zmqlog.logback.ZmqLogStats;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of ZeroMQ log publishing: UP when the appender is started, attached to the root logger,
 * its publisher thread alive and every endpoint bound or connected; DOWN with the reason otherwise.
 * Dropped events are not a failure: they show in the details. Reads the appender's counters only;
 * no network I/O.
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
		if (this.appender.isCurveEnabled()) {
			// Counts only: keys never appear in health details.
			Map<String, Object> curve = new LinkedHashMap<>();
			curve.put("allowedClientKeys", this.appender.getCurveAllowedClientKeyCount());
			curve.put("allowAnyClient", this.appender.isCurveAllowAnyClient());
			curve.put("refusedClients", this.appender.getCurveRefusedClients());
			builder.withDetail("curve", curve);
		}
	}

	private String problem(ZmqLogStats stats) {
		if (!stats.started()) {
			return "not started: " + ((stats.failure() != null) ? stats.failure() : "the appender is stopped");
		}
		if (!stats.publisherAlive()) {
			return "publisher thread is not running"
					+ ((stats.failure() != null) ? ": " + stats.failure() : "");
		}
		if (!RootLoggerAttacher.isAttached(this.appender)) {
			return "detached from the root logger (Logback was reset): events do not reach it";
		}
		int configured = this.appender.getBind().size() + this.appender.getConnect().size();
		int open = stats.boundEndpoints().size() + stats.connectedEndpoints().size();
		return (open < configured) ? "only " + open + " of " + configured + " endpoints are open" : null;
	}

	static Map<String, Object> details(ZmqLogStats stats) {
		Map<String, Object> details = new LinkedHashMap<>();
		List<String> endpoints = new ArrayList<>(stats.boundEndpoints());
		endpoints.addAll(stats.connectedEndpoints());
		details.put("endpoints", endpoints);
		details.put("rootTopic", stats.rootTopic());
		details.put("sent", stats.sent());
		Map<String, Long> dropped = new LinkedHashMap<>();
		dropped.put("total", stats.droppedTotal());
		for (DropReason reason : DropReason.values()) {
			dropped.put(reason.name().toLowerCase(java.util.Locale.ROOT), stats.dropped(reason));
		}
		details.put("dropped", dropped);
		details.put("queue", Map.of("depth", stats.queueDepth(), "capacity", stats.queueCapacity()));
		details.put("subscribers", stats.subscribers());
		details.put("paused", stats.paused());
		return details;
	}

}

package io.github.zmqlog.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;

import io.github.zmqlog.logback.DropReason;
import io.github.zmqlog.logback.ZmqLogAppender;
import io.github.zmqlog.logback.ZmqLogStats;

/**
 * Our appender, with its defaults except the endpoint, the root topic and the pattern, in
 * a Logback context of its own.
 */
final class ZmqLogTarget implements Target {

	static final String NAME = "zmqlog";

	/**
	 * Ours configured not to lose: the overflow policy {@code BLOCK} (callers wait for
	 * room, up to the maximum block time) and {@code noDrop} (the publisher waits for a
	 * full subscriber, up to the send timeout); whatever is dropped after those waits is
	 * counted.
	 */
	static final String NAME_BLOCK = "zmqlog-block";

	/** A system property that sets the appender's queue size instead of its default. */
	static final String QUEUE_SIZE = "zmqlog.bench.queueSize";

	/**
	 * A system property that sets the history ring's size instead of its default (0: no
	 * history), to measure what the history costs.
	 */
	static final String HISTORY_SIZE = "zmqlog.bench.historySize";

	/**
	 * A system property with per-logger thresholds ({@code logger=LEVEL}, comma
	 * separated), to measure what a threshold lookup costs the caller.
	 */
	static final String LOGGER_THRESHOLDS = "zmqlog.bench.loggerThresholds";

	private final LoggerContext context;

	private final Logger logger;

	private final ZmqLogAppender appender;

	/**
	 * Opens our appender.
	 * @param handOffStamps whether the publisher thread stamps each body with the time it
	 * formats it ({@link HandOffStamps}: about 30 bytes after the body's line)
	 * @param block whether callers wait for room in a full queue and the publisher for a
	 * full subscriber, instead of dropping
	 */
	ZmqLogTarget(boolean handOffStamps, boolean block) {
		this.context = new LoggerContext();
		this.context.setMDCAdapter(new LogbackMDCAdapter());
		this.logger = this.context.getLogger(Workload.LOGGER);
		this.logger.setLevel(Level.INFO);
		this.logger.setAdditive(false);
		this.appender = new ZmqLogAppender();
		this.appender.setContext(this.context);
		this.appender.setName(block ? NAME_BLOCK : NAME);
		this.appender.addBind("tcp://127.0.0.1:*");
		this.appender.setRootTopic(Workload.ROOT_TOPIC);
		if (handOffStamps) {
			HandOffStamps.register(this.context);
			this.appender.setPattern(Workload.PATTERN + "%" + HandOffStamps.WORD);
		}
		else {
			this.appender.setPattern(Workload.PATTERN);
		}
		if (block) {
			this.appender.setOverflowPolicy("BLOCK");
			this.appender.setNoDrop(true);
		}
		Integer queueSize = Integer.getInteger(QUEUE_SIZE);
		if (queueSize != null) {
			this.appender.setQueueSize(queueSize);
		}
		Integer historySize = Integer.getInteger(HISTORY_SIZE);
		if (historySize != null) {
			this.appender.getHistory().setSize(historySize);
		}
		String loggerThresholds = System.getProperty(LOGGER_THRESHOLDS);
		if (loggerThresholds != null) {
			this.appender.addLoggerThreshold(loggerThresholds);
		}
		this.appender.start();
		if (!this.appender.isStarted()) {
			throw new IllegalStateException("appender did not start: " + this.appender.getProblems());
		}
		this.logger.addAppender(this.appender);
	}

	@Override
	public void log(long id, int ms) {
		this.logger.info(Workload.SUBTOPIC_FORMAT, id, ms, Workload.CUSTOMER);
	}

	@Override
	public String endpoint() {
		return this.appender.getStats().socket().boundEndpoints().get(0);
	}

	@Override
	public void awaitHandedOver(long timeoutMillis) {
		long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
		while (System.nanoTime() - deadline < 0) {
			ZmqLogStats stats = this.appender.getStats();
			ZmqLogStats.Counts counts = stats.counts();
			// Once drained, enqueued = sent + the drops counted after queueing.
			long afterQueue = counts.dropped(DropReason.TOO_LARGE) + counts.dropped(DropReason.SEND_FAILED)
					+ counts.dropped(DropReason.SHUTDOWN) + counts.dropped(DropReason.NOT_STARTED);
			if (stats.queue().depth() == 0 && counts.enqueued() <= counts.sent() + afterQueue) {
				return;
			}
			LockSupport.parkNanos(1_000_000);
		}
	}

	@Override
	public Map<String, Long> counters() {
		ZmqLogStats.Counts counts = this.appender.getStats().counts();
		Map<String, Long> counters = new LinkedHashMap<>();
		counters.put("enqueued", counts.enqueued());
		counters.put("sent", counts.sent());
		counters.put("dropped", counts.droppedTotal());
		counts.dropped().forEach((reason, count) -> {
			if (count > 0) {
				counters.put("dropped." + reason.name(), count);
			}
		});
		return counters;
	}

	@Override
	public String publisherThreadPrefix() {
		return "zmqlog-publisher-";
	}

	@Override
	public void close() {
		this.context.stop();
	}

}

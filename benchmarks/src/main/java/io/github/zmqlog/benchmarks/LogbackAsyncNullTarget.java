package io.github.zmqlog.benchmarks;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.helpers.NOPAppender;
import org.jspecify.annotations.Nullable;

import io.github.zmqlog.logback.ZmqLogAppender;

/**
 * The caller-cost floor: Logback's {@code AsyncAppender} (our queue size, never blocking,
 * nothing discarded below the threshold) in front of an appender that does nothing.
 */
final class LogbackAsyncNullTarget implements Target {

	static final String NAME = "logback-async-null";

	private final LoggerContext context;

	private final Logger logger;

	LogbackAsyncNullTarget() {
		this.context = new LoggerContext();
		this.context.setMDCAdapter(new LogbackMDCAdapter());
		this.logger = this.context.getLogger(Workload.LOGGER);
		this.logger.setLevel(Level.INFO);
		this.logger.setAdditive(false);
		NOPAppender<ILoggingEvent> nop = new NOPAppender<>();
		nop.setContext(this.context);
		nop.start();
		AsyncAppender async = new AsyncAppender();
		async.setContext(this.context);
		async.setQueueSize(ZmqLogAppender.DEFAULT_QUEUE_SIZE);
		async.setDiscardingThreshold(0);
		async.setNeverBlock(true);
		async.addAppender(nop);
		async.start();
		this.logger.addAppender(async);
	}

	@Override
	public void log(long id, int ms) {
		this.logger.info(Workload.SUBTOPIC_FORMAT, id, ms, Workload.CUSTOMER);
	}

	@Override
	public @Nullable String endpoint() {
		return null;
	}

	@Override
	public String publisherThreadPrefix() {
		return "AsyncAppender-Worker-";
	}

	@Override
	public void close() {
		this.context.stop();
	}

}

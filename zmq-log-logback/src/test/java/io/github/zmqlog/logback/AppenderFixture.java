package io.github.zmqlog.logback;

import java.util.function.Consumer;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.status.Status;

/**
 * A {@link ZmqLogAppender} on a Logback context of its own, bound to
 * {@code tcp://127.0.0.1:*} unless the test configures endpoints, and attached to one
 * logger.
 */
final class AppenderFixture implements AutoCloseable {

	final LoggerContext context = new LoggerContext();

	final ZmqLogAppender appender = new ZmqLogAppender();

	final Logger logger;

	private AppenderFixture(String loggerName) {
		this.context.setName("test");
		this.context.setMDCAdapter(new LogbackMDCAdapter());
		this.logger = this.context.getLogger(loggerName);
		this.logger.setLevel(Level.TRACE);
		this.logger.setAdditive(false);
		this.appender.setContext(this.context);
		this.appender.setName("zmq");
	}

	/**
	 * Configures and starts an appender.
	 * @param loggerName the logger the test logs with
	 * @param configuration options to set; without endpoints the appender binds a free
	 * port
	 * @return the fixture, started (check {@code appender.isStarted()} where start may
	 * fail)
	 */
	static AppenderFixture start(String loggerName, Consumer<ZmqLogAppender> configuration) {
		AppenderFixture fixture = new AppenderFixture(loggerName);
		configuration.accept(fixture.appender);
		if (fixture.appender.getBind().isEmpty() && fixture.appender.getConnect().isEmpty()) {
			fixture.appender.addBind("tcp://127.0.0.1:*");
		}
		fixture.appender.start();
		fixture.logger.addAppender(fixture.appender);
		return fixture;
	}

	/**
	 * Creates an appender that is configured but not started.
	 * @param configuration options to set
	 * @return the fixture
	 */
	static AppenderFixture configure(Consumer<ZmqLogAppender> configuration) {
		AppenderFixture fixture = new AppenderFixture("test");
		configuration.accept(fixture.appender);
		return fixture;
	}

	/**
	 * Returns the endpoint a subscriber connects to.
	 * @return the first bound endpoint, with its port
	 */
	String endpoint() {
		return this.appender.getStats().socket().boundEndpoints().get(0);
	}

	/**
	 * Returns the error statuses reported so far.
	 * @return the errors
	 */
	java.util.List<Status> errors() {
		return this.context.getStatusManager()
			.getCopyOfStatusList()
			.stream()
			.filter((status) -> status.getLevel() == Status.ERROR)
			.toList();
	}

	@Override
	public void close() {
		this.appender.stop();
		this.context.stop();
	}

}

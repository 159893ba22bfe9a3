package io.github.zmqlog.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;

/**
 * What is attached to the root logger in place of a {@link ZmqLogAppender}: it hands
 * every event to the appender. Spring Boot's Logback reset stops and detaches every
 * appender on every logger; it stops this one, not the publisher behind it, so
 * re-attaching needs no new socket.
 */
final class ForwardingAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

	private final ZmqLogAppender target;

	ForwardingAppender(ZmqLogAppender target) {
		this.target = target;
		setName(target.getName());
		setContext(target.getContext());
	}

	@Override
	protected void append(ILoggingEvent event) {
		this.target.doAppend(event);
	}

}

package io.github.zmqlog.logback.transport;

import java.util.List;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.Status;

/**
 * Where the parts under test report trouble, as the appender does: a Logback context of
 * its own, whose status messages the tests read back.
 */
final class StatusRecorder extends ContextAwareBase {

	StatusRecorder() {
		setContext(new LoggerContext());
	}

	List<String> warnings() {
		return getContext().getStatusManager()
			.getCopyOfStatusList()
			.stream()
			.filter((status) -> status.getLevel() == Status.WARN)
			.map(Status::getMessage)
			.toList();
	}

}

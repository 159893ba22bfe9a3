package io.github.zmqlog.logback.status;

import java.nio.channels.ClosedChannelException;
import java.util.List;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import org.junit.jupiter.api.Test;
import org.zeromq.ZContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JeroMqErrorHandler}.
 */
class JeroMqErrorHandlerTests {

	private final LoggerContext loggerContext = new LoggerContext();

	@Test
	void errorsOfTheContextsIoThreadBecomeOneWarningPerInterval() {
		ZContext context = JeroMqErrorHandler.newZContext(this.loggerContext);
		try {
			Thread.UncaughtExceptionHandler handler = context.getNotificationExceptionHandler();
			assertThat(handler).isInstanceOf(JeroMqErrorHandler.class);
			IllegalStateException first = new IllegalStateException(new ClosedChannelException());
			handler.uncaughtException(new Thread("iothread-2"), first);
			handler.uncaughtException(new Thread("iothread-2"), new IllegalStateException("again"));
			List<Status> statuses = this.loggerContext.getStatusManager().getCopyOfStatusList();
			assertThat(statuses).singleElement().satisfies((status) -> {
				assertThat(status.getLevel()).isEqualTo(Status.WARN);
				assertThat(status.getMessage()).isEqualTo("JeroMQ's I/O thread iothread-2 recovered from an error");
				assertThat(status.getThrowable()).isSameAs(first);
			});
		}
		finally {
			context.close();
		}
	}

}

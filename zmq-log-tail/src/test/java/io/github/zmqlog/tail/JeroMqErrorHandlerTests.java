package io.github.zmqlog.tail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.zeromq.ZContext;

import static org.assertj.core.api.Assertions.assertThat;

class JeroMqErrorHandlerTests {

	private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

	private final JeroMqErrorHandler errors = new JeroMqErrorHandler(
			new PrintStream(this.bytes, true, StandardCharsets.UTF_8));

	@Test
	void whileOpenEachErrorIsOneLine() {
		this.errors.uncaughtException(new Thread("iothread-2"), new IllegalStateException("boom"));
		assertThat(this.bytes.toString(StandardCharsets.UTF_8)).isEqualTo(
				"zmq-log-tail: JeroMQ iothread-2: java.lang.IllegalStateException: boom" + System.lineSeparator());
	}

	@Test
	void onceClosingErrorsAreDropped() {
		this.errors.closing();
		this.errors.uncaughtException(new Thread("iothread-2"),
				new IllegalStateException(new ClosedChannelException()));
		assertThat(this.bytes.size()).isZero();
	}

	@Test
	void newContextReportsToTheHandler() {
		ZContext context = this.errors.newContext();
		try {
			assertThat(context.getNotificationExceptionHandler()).isSameAs(this.errors);
		}
		finally {
			context.close();
		}
	}

}

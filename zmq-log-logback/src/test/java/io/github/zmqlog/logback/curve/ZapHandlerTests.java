package io.github.zmqlog.logback.curve;

import java.util.List;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The ZAP handler of a context: it starts with the first registration, stops with the
 * last and frees the ZAP endpoint, and says so when something else serves ZAP in the
 * context.
 */
@Timeout(60)
class ZapHandlerTests {

	/** Where ZeroMQ looks for the ZAP handler of a context (RFC 27). */
	private static final String ZAP_ENDPOINT = "inproc://zeromq.zap.01";

	private final ZContext context = new ZContext(1);

	private final ZapHandler.Policy policy = new ZapHandler.Policy(List.of(), true, status());

	@AfterEach
	void closeContext() {
		this.context.close();
	}

	@Test
	void failsToRegisterWhenAnotherHandlerServesTheContext() {
		ZMQ.Socket other = this.context.createSocket(SocketType.REP);
		other.bind(ZAP_ENDPOINT);
		assertThatExceptionOfType(ZapHandler.ZapException.class)
			.isThrownBy(() -> ZapHandler.register(this.context, this.policy))
			.withMessage("another ZAP handler (such as JeroMQ's ZAuth) already serves the appender's ZContext;"
					+ " give the appender a ZContext of its own");
		other.close();
	}

	@Test
	void servesTheContextUntilItsLastRegistrationCloses() {
		ZapHandler.Registration first = ZapHandler.register(this.context, this.policy);
		ZapHandler.Registration second = ZapHandler.register(this.context, this.policy);
		assertThat(first.domain()).isNotEqualTo(second.domain());
		first.close();
		assertThatEndpointIsTaken();
		second.close();
		ZMQ.Socket other = this.context.createSocket(SocketType.REP);
		other.bind(ZAP_ENDPOINT);
		other.unbind(ZAP_ENDPOINT);
		other.close();
		ZapHandler.register(this.context, this.policy).close();
	}

	@Test
	void anInterruptedCallerOfTheLastCloseStillFreesTheEndpoint() {
		ZapHandler.Registration registration = ZapHandler.register(this.context, this.policy);
		// An application thread stopping the appender with its interrupt flag set (a
		// shutdown hook interrupted, an executor cancelling its task): the wait for the
		// handler's thread must not end at once and leave the endpoint bound.
		Thread.currentThread().interrupt();
		try {
			registration.close();
			assertThat(Thread.currentThread().isInterrupted()).as("the interrupt flag, kept").isTrue();
		}
		finally {
			Thread.interrupted();
		}
		ZMQ.Socket other = this.context.createSocket(SocketType.REP);
		other.bind(ZAP_ENDPOINT);
		other.unbind(ZAP_ENDPOINT);
		other.close();
		ZapHandler.register(this.context, this.policy).close();
	}

	private void assertThatEndpointIsTaken() {
		ZMQ.Socket other = this.context.createSocket(SocketType.REP);
		try {
			assertThatExceptionOfType(ZMQException.class).isThrownBy(() -> other.bind(ZAP_ENDPOINT));
		}
		finally {
			other.close();
		}
	}

	private static ContextAwareBase status() {
		ContextAwareBase status = new ContextAwareBase();
		status.setContext(new LoggerContext());
		return status;
	}

}

package io.github.zmqlog.logback;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.joran.spi.JoranException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.zmqlog.testsupport.TestSubscriber;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An appender attached with {@link RootLoggerAttacher} stays attached through a Logback
 * reset that no Spring event follows: {@code LoggerContext.reset()}, a {@code scan}
 * reload, a JMX reconfiguration.
 */
@Timeout(60)
class RootLoggerAttacherTests {

	private final LoggerContext context = new LoggerContext();

	private final ZmqLogAppender appender = new ZmqLogAppender();

	private final Logger logger = this.context.getLogger("attacher.test");

	@BeforeEach
	void start() {
		this.context.setName("attacher");
		this.context.setMDCAdapter(new LogbackMDCAdapter());
		this.appender.setContext(this.context);
		this.appender.setName("zmq");
		this.appender.setRootTopic("app");
		this.appender.addBind("tcp://127.0.0.1:*");
		this.appender.start();
		assertThat(this.appender.isStarted()).isTrue();
		RootLoggerAttacher.attach(this.appender);
	}

	@AfterEach
	void stop() {
		this.appender.stop();
		RootLoggerAttacher.detach(this.appender);
	}

	@Test
	void resetAttachesTheAppenderAgain() {
		try (TestSubscriber subscriber = new TestSubscriber(endpoint(), "app.INFO.after")) {
			subscriber.awaitSubscribed(this.logger, "app");
			this.context.reset();
			assertThat(RootLoggerAttacher.isAttached(this.appender)).isTrue();
			long enqueued = this.appender.getCounters().enqueued();
			this.logger.info("after::the reset");
			assertThat(this.appender.getCounters().enqueued()).isEqualTo(enqueued + 1);
			TestSubscriber.Message message = subscriber.receive(Duration.ofSeconds(10));
			assertThat(message).isNotNull();
			assertThat(message.body()).isEqualTo("the reset\n");
		}
	}

	@Test
	void reconfigurationFromXmlKeepsTheAppenderAttached() throws JoranException {
		// What a scan="true" reload and JMX's reloadByURL do: reset, then configure.
		this.context.reset();
		JoranConfigurator configurator = new JoranConfigurator();
		configurator.setContext(this.context);
		configurator.doConfigure(new ByteArrayInputStream(
				"<configuration><root level=\"INFO\"/></configuration>".getBytes(StandardCharsets.UTF_8)));
		this.context.reset();
		assertThat(RootLoggerAttacher.isAttached(this.appender)).isTrue();
		long enqueued = this.appender.getCounters().enqueued();
		this.logger.info("after two resets");
		assertThat(this.appender.getCounters().enqueued()).isEqualTo(enqueued + 1);
	}

	@Test
	void afterSpringBootsStopAndResetReattachAllKeepsItAttachedThroughLaterResets() {
		// Stopping a LoggerContext removes every listener, reset-resistant or not: Spring
		// Boot's stop-and-reset needs reattachAll(), which registers the listener again.
		this.context.stop();
		this.context.reset();
		assertThat(RootLoggerAttacher.isAttached(this.appender)).isFalse();
		RootLoggerAttacher.reattachAll();
		assertThat(RootLoggerAttacher.isAttached(this.appender)).isTrue();
		this.context.reset();
		assertThat(RootLoggerAttacher.isAttached(this.appender)).isTrue();
	}

	@Test
	void afterAStopAloneReattachAllKeepsItAttachedThroughLaterResets() {
		// The stop's own reset attaches it again, then the stop removes the listener.
		this.context.stop();
		assertThat(RootLoggerAttacher.isAttached(this.appender)).isTrue();
		RootLoggerAttacher.reattachAll();
		this.context.reset();
		assertThat(RootLoggerAttacher.isAttached(this.appender)).isTrue();
	}

	@Test
	void aDetachedAppenderIsNotAttachedAgainByAReset() {
		RootLoggerAttacher.detach(this.appender);
		this.context.reset();
		RootLoggerAttacher.reattachAll();
		assertThat(RootLoggerAttacher.isAttached(this.appender)).isFalse();
		assertThat(this.context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext()).isFalse();
		assertThat(this.context.getCopyOfListenerList()).isEmpty();
	}

	private String endpoint() {
		return this.appender.getStats().socket().boundEndpoints().get(0);
	}

}

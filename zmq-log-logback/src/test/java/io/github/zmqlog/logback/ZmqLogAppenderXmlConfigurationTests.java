package io.github.zmqlog.logback;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.zmqlog.testsupport.TestSubscriber;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The appender configured from {@code logback.xml} by setters alone, as a non-Spring
 * application does.
 */
@Timeout(60)
class ZmqLogAppenderXmlConfigurationTests {

	@Test
	void everyOptionIsSetFromXml() throws JoranException {
		LoggerContext context = configure("""
				<configuration>
				  <appender name="ZMQ" class="io.github.zmqlog.logback.ZmqLogAppender">
				    <bind>tcp://127.0.0.1:*</bind>
				    <bind>tcp://127.0.0.1:*, inproc://xml-test</bind>
				    <rootTopic>orders</rootTopic>
				    <levelNames>python</levelNames>
				    <subtopic>
				      <delimiter>|</delimiter>
				      <marker>true</marker>
				      <mdcKey>tenant</mdcKey>
				    </subtopic>
				    <threshold>debug</threshold>
				    <loggerThreshold>org.hibernate=warn</loggerThreshold>
				    <loggerThreshold>com.example.db=error, com.example.web=info</loggerThreshold>
				    <pattern>%level %logger - %msg%n</pattern>
				    <infoPattern>%msg%n</infoPattern>
				    <queueSize>1024</queueSize>
				    <overflowPolicy>BLOCK</overflowPolicy>
				    <maxBlockTime>250 milliseconds</maxBlockTime>
				    <sendHwm>5000</sendHwm>
				    <sendTimeout>500 milliseconds</sendTimeout>
				    <linger>2 seconds</linger>
				    <shutdownTimeout>3 seconds</shutdownTimeout>
				    <maxMessageSize>4 KB</maxMessageSize>
				  </appender>
				  <root level="DEBUG"><appender-ref ref="ZMQ"/></root>
				</configuration>
				""");
		try {
			ZmqLogAppender appender = (ZmqLogAppender) context.getLogger("ROOT").getAppender("ZMQ");
			assertThat(appender.isStarted()).isTrue();
			assertThat(appender.getBind()).containsExactly("tcp://127.0.0.1:*", "tcp://127.0.0.1:*",
					"inproc://xml-test");
			assertThat(appender.getStats().socket().boundEndpoints()).hasSize(3);
			assertThat(appender.getRootTopic()).isEqualTo("orders");
			assertThat(appender.getLevelNames()).isEqualTo("PYTHON");
			assertThat(appender.getSubtopic().getDelimiter()).isEqualTo("|");
			assertThat(appender.getSubtopic().isMarker()).isTrue();
			assertThat(appender.getSubtopic().isLoggerName()).isFalse();
			assertThat(appender.getSubtopic().getMdcKey()).isEqualTo("tenant");
			assertThat(appender.getThreshold()).isEqualTo("DEBUG");
			assertThat(appender.getLoggerThresholds()).containsExactly(Map.entry("org.hibernate", "WARN"),
					Map.entry("com.example.db", "ERROR"), Map.entry("com.example.web", "INFO"));
			assertThat(appender.getPattern(Level.WARN)).isEqualTo("%level %logger - %msg%n");
			assertThat(appender.getPattern(Level.INFO)).isEqualTo("%msg%n");
			assertThat(appender.getQueueSize()).isEqualTo(1024);
			assertThat(appender.getOverflowPolicy()).isEqualTo("BLOCK");
			assertThat(appender.getMaxBlockTime().getMilliseconds()).isEqualTo(250);
			assertThat(appender.getSendHwm()).isEqualTo(5000);
			assertThat(appender.getSendTimeout().getMilliseconds()).isEqualTo(500);
			assertThat(appender.getLinger().getMilliseconds()).isEqualTo(2000);
			assertThat(appender.getShutdownTimeout().getMilliseconds()).isEqualTo(3000);
			assertThat(appender.getMaxMessageSize().getSize()).isEqualTo(4096);
			try (TestSubscriber subscriber = new TestSubscriber(appender.getStats().socket().boundEndpoints().get(0),
					"")) {
				subscriber.awaitSubscribed(context.getLogger("app"), "orders", "|");
				context.getLogger("com.example.Db").warn("db|pool exhausted");
				TestSubscriber.Message message = subscriber.receive(Duration.ofSeconds(10));
				assertThat(message.topic()).isEqualTo("orders.WARNING.db");
				assertThat(message.body()).isEqualTo("WARNING com.example.Db - pool exhausted\n");
			}
		}
		finally {
			context.stop();
		}
	}

	@Test
	void badValueInXmlLeavesTheAppenderStoppedWithAnError() throws JoranException {
		LoggerContext context = configure("""
				<configuration>
				  <appender name="ZMQ" class="io.github.zmqlog.logback.ZmqLogAppender">
				    <connect>tcp://127.0.0.1:70000</connect>
				  </appender>
				  <root level="INFO"><appender-ref ref="ZMQ"/></root>
				</configuration>
				""");
		try {
			ZmqLogAppender appender = (ZmqLogAppender) context.getLogger("ROOT").getAppender("ZMQ");
			assertThat(appender.isStarted()).isFalse();
			assertThat(context.getStatusManager().getCopyOfStatusList()).filteredOn((s) -> s.getLevel() == Status.ERROR)
				.extracting(Status::getMessage)
				.anySatisfy((message) -> assertThat(message).contains("Invalid 'connect': 'tcp://127.0.0.1:70000'"));
		}
		finally {
			context.stop();
		}
	}

	@Test
	void subtopicSplitFalseTurnsSubtopicsOffWhereAnEmptyElementCannot() throws JoranException {
		LoggerContext context = configure("""
				<configuration>
				  <appender name="ZMQ" class="io.github.zmqlog.logback.ZmqLogAppender">
				    <bind>tcp://127.0.0.1:*</bind>
				    <subtopic>
				      <delimiter></delimiter>
				      <split>false</split>
				    </subtopic>
				  </appender>
				  <root level="INFO"><appender-ref ref="ZMQ"/></root>
				</configuration>
				""");
		try {
			ZmqLogAppender appender = (ZmqLogAppender) context.getLogger("ROOT").getAppender("ZMQ");
			// Joran ignores the empty element: the delimiter keeps its default.
			assertThat(appender.getSubtopic().getDelimiter()).isEqualTo("::");
			assertThat(appender.getSubtopic().isSplit()).isFalse();
			try (TestSubscriber subscriber = new TestSubscriber(appender.getStats().socket().boundEndpoints().get(0),
					"INFO")) {
				ch.qos.logback.classic.Logger logger = context.getLogger("app");
				TestSubscriber.Message first = subscriber.awaitFirst(() -> logger.info("db::ping"));
				assertThat(first.topic()).isEqualTo("INFO");
				assertThat(first.body()).isEqualTo("db::ping\n");
			}
		}
		finally {
			context.stop();
		}
	}

	private static LoggerContext configure(String xml) throws JoranException {
		LoggerContext context = new LoggerContext();
		context.setMDCAdapter(new LogbackMDCAdapter());
		JoranConfigurator configurator = new JoranConfigurator();
		configurator.setContext(context);
		configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
		return context;
	}

}

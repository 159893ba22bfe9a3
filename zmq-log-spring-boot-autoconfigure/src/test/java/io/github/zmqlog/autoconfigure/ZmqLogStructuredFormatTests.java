package io.github.zmqlog.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import io.github.zmqlog.logback.ZmqLogAppender;
import io.github.zmqlog.testsupport.TestSubscriber;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code zmqlog.format}: Spring Boot's own structured logging JSON, received by a real
 * SUB.
 */
@Timeout(60)
class ZmqLogStructuredFormatTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqLogAutoConfiguration.class))
		.withPropertyValues("zmqlog.bind=tcp://127.0.0.1:*", "zmqlog.root-topic=app", "spring.application.name=shop");

	@ParameterizedTest
	@ValueSource(strings = { "ecs", "logstash", "gelf" })
	void bodyIsTheJsonBootWritesForTheSameRecord(String format) {
		this.contextRunner.withPropertyValues("zmqlog.format=" + format).run((context) -> {
			ZmqLogAppender appender = context.getBean(ZmqLogAppender.class);
			Logger logger = (Logger) LoggerFactory.getLogger("com.example.Orders");
			ListAppender<ILoggingEvent> captured = new ListAppender<>();
			captured.start();
			String endpoint = appender.getStats().socket().boundEndpoints().get(0);
			try (TestSubscriber subscriber = new TestSubscriber(endpoint, "app.INFO")) {
				subscriber.awaitFirst(() -> logger.info("ping"));
				logger.addAppender(captured);
				MDC.put("tenant", "acme");
				logger.info("order {} placed", 42);
				MDC.remove("tenant");
				logger.detachAppender(captured);
				TestSubscriber.Message message = subscriber.receive(Duration.ofSeconds(10));
				JsonNode json = new ObjectMapper().readTree(message.body());
				String[] fields = switch (format) { // level, logger, message, MDC value
					case "ecs" -> new String[] { "/log/level", "/log/logger", "/message", "/tenant" };
					case "logstash" -> new String[] { "/level", "/logger_name", "/message", "/tenant" };
					default -> new String[] { "/_level_name", "/_log_logger", "/short_message", "/_tenant" };
				};
				assertThat(json.at(fields[0]).asString()).isEqualTo("INFO");
				assertThat(json.at(fields[1]).asString()).isEqualTo("com.example.Orders");
				assertThat(json.at(fields[2]).asString()).isEqualTo("order 42 placed");
				assertThat(json.at(fields[3]).asString()).isEqualTo("acme");
				StructuredLogEncoder boots = new StructuredLogEncoder();
				boots.setContext((LoggerContext) appender.getContext());
				boots.setFormat(format);
				boots.setCharset(StandardCharsets.UTF_8);
				boots.start();
				assertThat(message.body())
					.isEqualTo(new String(boots.encode(captured.list.get(0)), StandardCharsets.UTF_8));
			}
			finally {
				logger.detachAppender(captured);
			}
		});
	}

	@Test
	void textIsTheDefault() {
		this.contextRunner.run((context) -> assertThat(context.getBean(ZmqLogAppender.class).getEncoder()).isNull());
	}

	@Test
	void unknownFormatFailsStartUpNamingTheProperty() {
		this.contextRunner.withPropertyValues("zmqlog.format=yaml").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new ZmqLogFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("zmqlog.format: Invalid 'format' 'yaml'");
		});
	}

}

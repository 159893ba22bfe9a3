package io.github.zmqlog.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import io.github.zmqlog.logback.RootLoggerAttacher;
import io.github.zmqlog.logback.ZmqLogAppender;
import io.github.zmqlog.testsupport.TestSubscriber;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Boot resets Logback, detaching hand-added appenders, whenever an application in
 * the JVM sets up logging. The appender of an application that keeps running stays
 * attached while others start and close one after the other, and is attached again by the
 * next context refresh after a re-initialisation that no start announced.
 */
@Timeout(120)
class RootLoggerReattachTests {

	private static final Logger log = LoggerFactory.getLogger(RootLoggerReattachTests.class);

	@Test
	void appenderStaysAttachedWhileOtherApplicationsStartAndClose() {
		try (ConfigurableApplicationContext first = TestApplication.run("zmqlog.root-topic=first")) {
			ZmqLogAppender appender = first.getBean(ZmqLogAppender.class);
			try (TestSubscriber subscriber = new TestSubscriber(endpoint(appender), "first.INFO.check")) {
				subscriber.awaitSubscribed(log, "first");
				assertReceives(subscriber, "while alone");

				ConfigurableApplicationContext second = TestApplication.run("zmqlog.root-topic=second");
				assertThat(RootLoggerAttacher.isAttached(appender)).as("after a second application started").isTrue();
				assertReceives(subscriber, "after a second application started");

				second.close();
				try (ConfigurableApplicationContext third = TestApplication.run("zmqlog.root-topic=third")) {
					// Closing the second removed Boot's marker: the third's start reset
					// Logback fully.
					assertThat(RootLoggerAttacher.isAttached(appender)).as("after a third application started")
						.isTrue();
					assertReceives(subscriber, "after the second closed and a third started");
					assertThat(RootLoggerAttacher.isAttached(third.getBean(ZmqLogAppender.class))).isTrue();
				}
				assertReceives(subscriber, "after the third closed");
				assertThat(appender.isStarted()).isTrue();
			}
		}
	}

	/**
	 * Spring Boot's own full re-initialisation of Logback, outside any application's
	 * start: it stops the Logback context (removing every listener, ours too) and resets
	 * it, so nothing re-attaches on the spot. The next context refresh in the
	 * application, here a child context as libraries create at run time (its refresh
	 * event reaches the parent's listeners), attaches the appender again.
	 */
	@Test
	void aContextRefreshAttachesTheAppenderAgainAfterBootReinitialisedLogback() {
		try (ConfigurableApplicationContext context = TestApplication.run("zmqlog.root-topic=first")) {
			ZmqLogAppender appender = context.getBean(ZmqLogAppender.class);
			try (TestSubscriber subscriber = new TestSubscriber(endpoint(appender), "first.INFO.check")) {
				subscriber.awaitSubscribed(log, "first");
				assertReceives(subscriber, "before the re-initialisation");
				LoggingSystem loggingSystem = LoggingSystem.get(getClass().getClassLoader());
				loggingSystem.cleanUp();
				loggingSystem.beforeInitialize();
				loggingSystem.initialize(new LoggingInitializationContext(context.getEnvironment()), null, null);
				assertThat(RootLoggerAttacher.isAttached(appender)).as("right after the re-initialisation").isFalse();
				try (AnnotationConfigApplicationContext child = new AnnotationConfigApplicationContext()) {
					child.setParent(context);
					child.refresh();
				}
				assertThat(RootLoggerAttacher.isAttached(appender)).as("after a context refreshed").isTrue();
				assertReceives(subscriber, "after a context refreshed");
				assertThat(appender.isStarted()).isTrue();
			}
		}
	}

	private static void assertReceives(TestSubscriber subscriber, String text) {
		log.info("check::{}", text);
		TestSubscriber.Message message = subscriber.receive(Duration.ofSeconds(10));
		assertThat(message).as(text).isNotNull();
		assertThat(message.topic()).isEqualTo("first.INFO.check");
		assertThat(message.body()).isEqualTo(text + "\n");
	}

	static String endpoint(ZmqLogAppender appender) {
		return appender.getStats().socket().boundEndpoints().get(0);
	}

}

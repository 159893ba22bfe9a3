package io.github.zmqlog.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

import io.github.zmqlog.logback.RootLoggerAttacher;
import io.github.zmqlog.logback.ZmqLogAppender;
import io.github.zmqlog.testsupport.TestSubscriber;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closing the application: what beans log while being destroyed is still published, the
 * publisher stops last, and closing takes bounded time.
 */
@Timeout(60)
class ZmqLogShutdownTests {

	@Test
	void eventsLoggedInPreDestroyReachTheSubscriber() {
		ConfigurableApplicationContext context = TestApplication.run("zmqlog.root-topic=app",
				"zmqlog.shutdown-timeout=2s");
		ZmqLogAppender appender = context.getBean(ZmqLogAppender.class);
		try (TestSubscriber subscriber = new TestSubscriber(RootLoggerReattachTests.endpoint(appender),
				"app.INFO.closing")) {
			subscriber.awaitSubscribed(LoggerFactory.getLogger(ZmqLogShutdownTests.class), "app");
			long start = System.nanoTime();
			context.close();
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			TestSubscriber.Message message = subscriber.receive(Duration.ofSeconds(10));
			assertThat(message).isNotNull();
			assertThat(message.topic()).isEqualTo("app.INFO.closing");
			assertThat(message.body()).isEqualTo("goodbye from @PreDestroy\n");
			assertThat(took).isLessThan(Duration.ofSeconds(2));
			assertThat(appender.isStarted()).isFalse();
			assertThat(appender.getCounters().droppedTotal()).isZero();
			assertThat(RootLoggerAttacher.isAttached(appender)).isFalse();
		}
	}

}

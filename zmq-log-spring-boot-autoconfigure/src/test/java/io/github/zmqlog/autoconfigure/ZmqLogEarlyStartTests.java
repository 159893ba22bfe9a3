package io.github.zmqlog.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;

import io.github.zmqlog.logback.DropReason;
import io.github.zmqlog.logback.ZmqLogAppender;
import io.github.zmqlog.logback.ZmqLogCounters;
import io.github.zmqlog.testsupport.TestSubscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * The auto-configured publisher starts as soon as Spring Boot has initialised logging, so
 * that Boot's own start-up lines are published, and the beans expose that publisher. Real
 * {@link SpringApplication}s, several in one JVM.
 */
@Timeout(120)
class ZmqLogEarlyStartTests {

	private static final Class<?>[] APPLICATION = { TestApplication.class };

	@Test
	void aSubscriberThatWaitedReceivesBootsStartUpLinesFromTheFirst() throws IOException {
		String endpoint = "tcp://127.0.0.1:" + freePort();
		try (TestSubscriber subscriber = new TestSubscriber(endpoint, "")) {
			List<String> bodies = new ArrayList<>();
			try (ConfigurableApplicationContext context = TestApplication.runWith(APPLICATION,
					"zmqlog.bind=" + endpoint)) {
				TestSubscriber.Message message;
				while ((message = subscriber.receive(Duration.ofSeconds(10))) != null) {
					bodies.add(message.body());
					if (message.body().startsWith("Started ")) {
						break;
					}
				}
				assertThat(bodies).as("received").isNotEmpty();
				// Spring Boot names the class whose main method runs: the test's runner.
				assertThat(bodies.get(0)).startsWith("Starting ").contains(" using Java ");
				assertThat(bodies).anyMatch((body) -> body.startsWith("No active profile set"));
				assertThat(bodies.get(bodies.size() - 1)).startsWith("Started ");
				ZmqLogAppender appender = context.getBean(ZmqLogAppender.class);
				assertThat(context.getBean(org.zeromq.ZContext.class)).isSameAs(appender.getZContext());
				context.close();
				ZmqLogCounters counts = appender.getCounters();
				assertThat(counts.sent() + counts.droppedTotal()).isEqualTo(counts.enqueued());
			}
		}
	}

	@Test
	void theBeansExposeThePublisherThatWasStartedWhenLoggingWasInitialised() {
		Set<Thread> before = publisherThreads();
		AtomicReference<Set<Thread>> beforeBeans = new AtomicReference<>();
		SpringApplication application = new SpringApplication(TestApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.addListeners((ApplicationPreparedEvent event) -> beforeBeans.set(newThreads(before)));
		try (ConfigurableApplicationContext context = application.run("--zmqlog.bind=tcp://127.0.0.1:*",
				"--spring.main.banner-mode=off")) {
			assertThat(beforeBeans.get()).as("publisher threads before any bean").hasSize(1);
			assertThat(newThreads(before)).as("publisher threads of the running application")
				.isEqualTo(beforeBeans.get());
			assertThat(context.getBean(ZmqLogAppender.class).isStarted()).isTrue();
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> newThreads(before).isEmpty());
	}

	@Test
	void withPublishingOffNothingStartsEarly() {
		Set<Thread> before = publisherThreads();
		AtomicReference<Set<Thread>> beforeBeans = new AtomicReference<>();
		SpringApplication application = new SpringApplication(TestApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.addListeners((ApplicationPreparedEvent event) -> beforeBeans.set(newThreads(before)));
		try (ConfigurableApplicationContext context = application.run("--zmqlog.enabled=false",
				"--zmqlog.bind=tcp://127.0.0.1:*", "--spring.main.banner-mode=off")) {
			assertThat(beforeBeans.get()).as("publisher threads before any bean").isEmpty();
			assertThat(newThreads(before)).isEmpty();
			assertThat(context.getBeansOfType(ZmqLogAppender.class)).isEmpty();
		}
	}

	@Test
	void withTheAutoConfigurationExcludedByPropertyNothingStartsEarly() {
		Set<Thread> before = publisherThreads();
		AtomicReference<Set<Thread>> beforeBeans = new AtomicReference<>();
		SpringApplication application = new SpringApplication(TestApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.addListeners((ApplicationPreparedEvent event) -> beforeBeans.set(newThreads(before)));
		try (ConfigurableApplicationContext context = application.run("--zmqlog.bind=tcp://127.0.0.1:*",
				"--spring.autoconfigure.exclude[0]=" + ZmqLogAutoConfiguration.class.getName(),
				"--spring.main.banner-mode=off")) {
			assertThat(beforeBeans.get()).as("publisher threads before any bean").isEmpty();
		}
	}

	@Test
	void aBindFailureWhenLoggingIsInitialisedStopsTheApplicationNamingTheProperty() throws IOException {
		Set<Thread> before = publisherThreads();
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			String endpoint = "tcp://127.0.0.1:" + taken.getLocalPort();
			assertThatException().isThrownBy(() -> TestApplication.runWith(APPLICATION, "zmqlog.bind=" + endpoint))
				.withRootCauseInstanceOf(ZmqLogStartupException.class)
				.satisfies((ex) -> {
					FailureAnalysis analysis = new ZmqLogFailureAnalyzer().analyze(ex);
					assertThat(analysis.getDescription()).contains("zmqlog.bind " + endpoint + " is already in use");
					assertThat(analysis.getAction()).contains("zmqlog.bind");
				});
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> newThreads(before).isEmpty());
	}

	@Test
	void withFailFastOffABindFailureStartsTheApplicationWithAStoppedAppender() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				ConfigurableApplicationContext context = TestApplication.runWith(APPLICATION,
						"zmqlog.bind=tcp://127.0.0.1:" + taken.getLocalPort(), "zmqlog.fail-fast=false")) {
			ZmqLogAppender appender = context.getBean(ZmqLogAppender.class);
			assertThat(appender.isStarted()).isFalse();
			assertThat(appender.getStats().publisher().failure()).contains("Address already in use");
			org.slf4j.LoggerFactory.getLogger(getClass()).info("counted");
			assertThat(appender.getCounters().dropped(DropReason.NOT_STARTED)).isPositive();
		}
	}

	@Test
	void anAppenderBeanOfTheApplicationsOwnReplacesTheEarlyPublisherBeforeItBindsTheSameEndpoint() throws IOException {
		String endpoint = "tcp://127.0.0.1:" + freePort();
		Set<Thread> before = publisherThreads();
		try (ConfigurableApplicationContext context = TestApplication.runWith(
				new Class<?>[] { TestApplication.class, OwnAppender.class }, "zmqlog.bind=" + endpoint,
				"own.bind=" + endpoint)) {
			ZmqLogAppender appender = context.getBean(ZmqLogAppender.class);
			assertThat(appender.getName()).isEqualTo("own");
			assertThat(appender.isStarted()).isTrue();
			assertThat(newThreads(before)).hasSize(1);
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> newThreads(before).isEmpty());
	}

	@Test
	void propertiesAddedAfterLoggingWasInitialisedReplaceTheEarlyPublisher() {
		SpringApplication application = new SpringApplication(TestApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.addInitializers((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("late", java.util.Map.of("zmqlog.root-topic", "late"))));
		try (ConfigurableApplicationContext context = application.run("--zmqlog.bind=tcp://127.0.0.1:*",
				"--zmqlog.root-topic=early", "--spring.main.banner-mode=off")) {
			ZmqLogAppender appender = context.getBean(ZmqLogAppender.class);
			assertThat(appender.getRootTopic()).isEqualTo("late");
			assertThat(appender.isStarted()).isTrue();
		}
	}

	@Test
	void aChildApplicationStartsNoPublisherOfItsOwn() throws IOException {
		String endpoint = "tcp://127.0.0.1:" + freePort();
		Set<Thread> before = publisherThreads();
		try (ConfigurableApplicationContext child = new SpringApplicationBuilder(TestApplication.class)
			.web(WebApplicationType.NONE)
			.properties("zmqlog.bind=" + endpoint, "spring.main.banner-mode=off")
			.child(ChildApplication.class)
			.web(WebApplicationType.NONE)
			.run()) {
			assertThat(newThreads(before)).hasSize(1);
			assertThat(child.getBean(ZmqLogAppender.class)).isSameAs(child.getParent().getBean(ZmqLogAppender.class));
			((ConfigurableApplicationContext) child.getParent()).close();
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> newThreads(before).isEmpty());
	}

	@Test
	void withNoSubscriberTheHeldStartUpLinesAreSentAfterTheHold() {
		try (ConfigurableApplicationContext context = TestApplication.runWith(APPLICATION,
				"zmqlog.bind=tcp://127.0.0.1:*", "zmqlog.startup-hold.timeout=300ms")) {
			ZmqLogCounters counts = context.getBean(ZmqLogAppender.class).getCounters();
			assertThat(counts.enqueued()).as("start-up lines").isPositive();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> counts.sent() == counts.enqueued() && counts.droppedTotal() == 0);
		}
	}

	@Test
	void whatDoesNotFitTheHoldIsCounted() {
		try (ConfigurableApplicationContext context = TestApplication.runWith(APPLICATION,
				"zmqlog.bind=tcp://127.0.0.1:*", "zmqlog.startup-hold.timeout=30s",
				"zmqlog.startup-hold.max-events=2")) {
			ZmqLogAppender appender = context.getBean(ZmqLogAppender.class);
			ZmqLogCounters counts = appender.getCounters();
			long logged = counts.enqueued();
			assertThat(logged).as("start-up lines").isGreaterThan(2);
			context.close();
			// The hold kept the first 2 of the lines logged while it held (no subscriber,
			// 30 s) and counted the rest; the close releases it. Lines logged during the
			// close land before or after the release, so they are held-and-counted or
			// sent (CI saw sent = 3 once): the counts say which, exactly.
			assertThat(counts.dropped(DropReason.STARTUP_HOLD_FULL)).isGreaterThanOrEqualTo(logged - 2);
			assertThat(counts.sent()).isGreaterThanOrEqualTo(2);
			assertThat(counts.sent() + counts.dropped(DropReason.STARTUP_HOLD_FULL)).isEqualTo(counts.enqueued());
			assertThat(counts.sent() + counts.droppedTotal()).isEqualTo(counts.enqueued());
		}
	}

	private static Set<Thread> publisherThreads() {
		Set<Thread> threads = new java.util.HashSet<>();
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			if (thread.getName().startsWith("zmqlog-publisher-") && thread.isAlive()) {
				threads.add(thread);
			}
		}
		return threads;
	}

	private static Set<Thread> newThreads(Set<Thread> before) {
		Set<Thread> now = publisherThreads();
		now.removeAll(before);
		return now;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnAppender {

		@Bean
		ZmqLogAppender ownAppender(org.springframework.core.env.Environment environment) {
			ZmqLogAppender appender = new ZmqLogAppender();
			appender.setName("own");
			appender.setContext((ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory());
			appender.addBind(environment.getProperty("own.bind"));
			appender.start();
			return appender;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(ZmqLogAutoConfiguration.class)
	static class ChildApplication {

	}

}

package io.github.zmqlog.autoconfigure;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A real Spring Boot application for tests that need {@link SpringApplication}: Logback
 * initialised (and reset) by Spring Boot, listeners from {@code spring.factories}.
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration(ZmqLogAutoConfiguration.class)
class TestApplication {

	static ConfigurableApplicationContext run(String... properties) {
		SpringApplication application = new SpringApplication(TestApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setRegisterShutdownHook(false);
		String[] args = new String[properties.length + 2];
		args[0] = "--zmqlog.bind=tcp://127.0.0.1:*";
		args[1] = "--spring.main.banner-mode=off";
		for (int i = 0; i < properties.length; i++) {
			args[i + 2] = "--" + properties[i];
		}
		return application.run(args);
	}

	/**
	 * Runs the application with exactly these properties (no default endpoint).
	 * @param sources the configuration classes
	 * @param properties the properties, {@code name=value}
	 * @return the running context
	 */
	static ConfigurableApplicationContext runWith(Class<?>[] sources, String... properties) {
		SpringApplication application = new SpringApplication(sources);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setRegisterShutdownHook(false);
		String[] args = new String[properties.length + 1];
		args[0] = "--spring.main.banner-mode=off";
		for (int i = 0; i < properties.length; i++) {
			args[i + 1] = "--" + properties[i];
		}
		return application.run(args);
	}

	@Bean
	LogsWhileClosing logsWhileClosing() {
		return new LogsWhileClosing();
	}

	/** A bean that logs from {@code @PreDestroy}, as many do. */
	static class LogsWhileClosing {

		private static final Logger log = LoggerFactory.getLogger(LogsWhileClosing.class);

		@PreDestroy
		void close() {
			log.info("closing::goodbye from @PreDestroy");
		}

	}

}

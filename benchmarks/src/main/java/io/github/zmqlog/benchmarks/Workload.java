package io.github.zmqlog.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The one workload of the benchmarks, the same for every contender: logger
 * {@code com.example.myapp.service.OrderService}, {@code log.info("Order {} done in {} ms
 * for {}", id, ms, customer)}, pattern {@code %d %-5level [%thread] %logger{36} -
 * %msg%n}, topic {@code myapp.INFO.sub.topic}. Calling threads are named {@code worker-N}
 * (eight characters, like a short pool thread name), which makes the line 125 bytes in
 * Logback (Log4j2 keeps the whole logger name: 127).
 */
final class Workload {

	static final String LOGGER = "com.example.myapp.service.OrderService";

	static final String PATTERN = "%d %-5level [%thread] %logger{36} - %msg%n";

	static final String ROOT_TOPIC = "myapp";

	static final String TOPIC = "myapp.INFO.sub.topic";

	/**
	 * The message as our appender gets it: the subtopic before {@code ::} goes to the
	 * topic.
	 */
	static final String SUBTOPIC_FORMAT = "sub.topic::Order {} done in {} ms for {}";

	/** The message for contenders without topics. */
	static final String FORMAT = "Order {} done in {} ms for {}";

	static final String CUSTOMER = "customer-4711";

	/** Logback's {@code %logger{36}} of {@link #LOGGER}. */
	static final String ABBREVIATED_LOGGER = "c.example.myapp.service.OrderService";

	/**
	 * What precedes the id in every body; the subscriber finds send timestamps after it.
	 */
	static final String ID_PREFIX = "Order ";

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

	private Workload() {
	}

	static String threadName(int index) {
		return "worker-" + index;
	}

	/**
	 * Returns the body Logback's layout makes for one event, built without any logging
	 * framework.
	 * @param id the order id
	 * @param ms the duration
	 * @return the UTF-8 bytes
	 */
	static byte[] body(long id, int ms) {
		return (bodyPrefix() + id + bodySuffix(ms)).getBytes(StandardCharsets.UTF_8);
	}

	static String bodyPrefix() {
		return DATE.format(LocalDateTime.now()) + " INFO  [" + threadName(1) + "] " + ABBREVIATED_LOGGER + " - "
				+ ID_PREFIX;
	}

	static String bodySuffix(int ms) {
		return " done in " + ms + " ms for " + CUSTOMER + "\n";
	}

}

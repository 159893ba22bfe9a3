package io.github.zmqlog.sample;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a heartbeat every second, with subtopics, through the ZeroMQ appender configured in
 * {@code logback.xml}. Subscribe with {@code python3 -m zmq.log tcp://127.0.0.1:5556}.
 */
public final class SampleApplication {

	private static final Logger log = LoggerFactory.getLogger(SampleApplication.class);

	private SampleApplication() {
	}

	public static void main(String[] args) throws InterruptedException {
		log.info("Publishing logs on tcp://127.0.0.1:5556 with root topic 'sample'");
		for (long beat = 1;; beat++) {
			log.info("heartbeat::beat {}", beat);
			if (beat % 5 == 0) {
				log.warn("db.pool::slow query took {} ms", ThreadLocalRandom.current().nextInt(200, 900));
			}
			if (beat % 10 == 0) {
				log.error("payments::charge failed for order {}", beat, new IllegalStateException("card declined"));
			}
			TimeUnit.SECONDS.sleep(1);
		}
	}

}

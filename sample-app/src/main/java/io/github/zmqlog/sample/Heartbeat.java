package io.github.zmqlog.sample;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Logs a heartbeat every second, with subtopics: {@code sample.INFO.heartbeat} each
 * second, {@code sample.WARN.db.pool} every fifth, {@code sample.ERROR.payments} every
 * tenth.
 */
@Component
class Heartbeat {

	private static final Logger log = LoggerFactory.getLogger(Heartbeat.class);

	private final AtomicLong beats = new AtomicLong();

	@Scheduled(fixedRate = 1000)
	void beat() {
		long beat = this.beats.incrementAndGet();
		log.info("heartbeat::beat {}", beat);
		if (beat % 5 == 0) {
			log.warn("db.pool::slow query took {} ms", ThreadLocalRandom.current().nextInt(200, 900));
		}
		if (beat % 10 == 0) {
			log.error("payments::charge failed for order {}", beat, new IllegalStateException("card declined"));
		}
	}

}

package io.github.zmqlog.logback.transport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the publisher thread pauses briefly and when it parks: it bursts for a window
 * after each send, and is idle before the first.
 */
class IdleStrategyTests {

	private static final long NOW = 1_000_000_000L;

	@Test
	void isIdleBeforeAnythingIsSent() {
		assertThat(new IdleStrategy(NOW).bursting(NOW)).isFalse();
	}

	@Test
	void burstsForTheWindowAfterASendThenIdles() {
		IdleStrategy strategy = new IdleStrategy(NOW);
		long sent = NOW + 5;
		strategy.sent(sent);
		assertThat(strategy.bursting(sent)).isTrue();
		assertThat(strategy.bursting(sent + IdleStrategy.BURST_WINDOW_NANOS - 1)).isTrue();
		assertThat(strategy.bursting(sent + IdleStrategy.BURST_WINDOW_NANOS)).isFalse();
		strategy.sent(sent + IdleStrategy.BURST_WINDOW_NANOS);
		assertThat(strategy.bursting(sent + IdleStrategy.BURST_WINDOW_NANOS + 1)).isTrue();
	}

	@Test
	void measuresTheWindowAcrossTheWrapOfNanoTime() {
		IdleStrategy strategy = new IdleStrategy(Long.MAX_VALUE);
		strategy.sent(Long.MAX_VALUE - 10);
		assertThat(strategy.bursting(Long.MIN_VALUE + 10)).isTrue();
		assertThat(strategy.bursting(Long.MAX_VALUE - 10 + IdleStrategy.BURST_WINDOW_NANOS)).isFalse();
	}

	@Test
	void pausesForLessThanTheWindowAndParksForLonger() {
		assertThat(IdleStrategy.BURST_PAUSE_NANOS).isLessThan(IdleStrategy.BURST_WINDOW_NANOS);
		assertThat(IdleStrategy.IDLE_PARK_NANOS).isGreaterThan(IdleStrategy.BURST_WINDOW_NANOS);
	}

}

package io.github.zmqlog.logback;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * Waits on an appender's stats and compares snapshots, for the fault and soak tests.
 */
final class AppenderStats {

	private AppenderStats() {
	}

	/**
	 * Waits until the appender has sent everything it queued, and returns its stats then.
	 * @param appender the appender
	 * @return the stats
	 */
	static ZmqLogStats settled(ZmqLogAppender appender) {
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			ZmqLogStats stats = appender.getStats();
			return stats.queueDepth() == 0 && stats.sent() + stats.droppedTotal() - stats.dropped(DropReason.QUEUE_FULL)
					- stats.dropped(DropReason.NOT_STARTED) - stats.dropped(DropReason.PAUSED)
					- stats.dropped(DropReason.RECURSIVE) == stats.enqueued();
		});
		return appender.getStats();
	}

	/**
	 * Waits until every event logged since a snapshot was sent or dropped.
	 * @param appender the appender
	 * @param before the snapshot
	 * @param logged events logged since
	 * @param timeout how long to wait
	 * @return the stats then
	 */
	static ZmqLogStats processed(ZmqLogAppender appender, ZmqLogStats before, long logged, Duration timeout) {
		await().atMost(timeout).until(() -> {
			ZmqLogStats stats = appender.getStats();
			return (stats.sent() - before.sent()) + (stats.droppedTotal() - before.droppedTotal()) == logged;
		});
		return appender.getStats();
	}

	/**
	 * Returns the drops since a snapshot, by reason, leaving out reasons with none.
	 * @param before the earlier snapshot
	 * @param after the later snapshot
	 * @return e.g. {@code QUEUE_FULL=1200 SUBSCRIBER_FULL=3}, or {@code none}
	 */
	static String drops(ZmqLogStats before, ZmqLogStats after) {
		Map<DropReason, Long> dropped = after.dropped();
		String text = dropped.keySet()
			.stream()
			.filter((reason) -> after.dropped(reason) - before.dropped(reason) > 0)
			.map((reason) -> reason + "=" + (after.dropped(reason) - before.dropped(reason)))
			.collect(Collectors.joining(" "));
		return text.isEmpty() ? "none" : text;
	}

}

package io.github.zmqlog.logback;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * Waits on an appender's counts and compares snapshots, for the fault and soak tests.
 */
final class AppenderStats {

	private AppenderStats() {
	}

	/**
	 * Waits until the appender has sent everything it queued, and returns its counts
	 * then.
	 * @param appender the appender
	 * @return the counts
	 */
	static ZmqLogStats.Counts settled(ZmqLogAppender appender) {
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			ZmqLogStats stats = appender.getStats();
			ZmqLogStats.Counts counts = stats.counts();
			return stats.queue().depth() == 0 && counts.sent() + counts.droppedTotal()
					- counts.dropped(DropReason.QUEUE_FULL) - counts.dropped(DropReason.NOT_STARTED)
					- counts.dropped(DropReason.PAUSED) - counts.dropped(DropReason.RECURSIVE) == counts.enqueued();
		});
		return appender.getStats().counts();
	}

	/**
	 * Waits until every event logged since a snapshot was sent or dropped.
	 * @param appender the appender
	 * @param before the snapshot
	 * @param logged events logged since
	 * @param timeout how long to wait
	 * @return the counts then
	 */
	static ZmqLogStats.Counts processed(ZmqLogAppender appender, ZmqLogStats.Counts before, long logged,
			Duration timeout) {
		await().atMost(timeout).until(() -> {
			ZmqLogStats.Counts counts = appender.getStats().counts();
			return (counts.sent() - before.sent()) + (counts.droppedTotal() - before.droppedTotal()) == logged;
		});
		return appender.getStats().counts();
	}

	/**
	 * Returns the drops since a snapshot, by reason, leaving out reasons with none.
	 * @param before the earlier snapshot
	 * @param after the later snapshot
	 * @return e.g. {@code QUEUE_FULL=1200 SUBSCRIBER_FULL=3}, or {@code none}
	 */
	static String drops(ZmqLogStats.Counts before, ZmqLogStats.Counts after) {
		Map<DropReason, Long> dropped = after.dropped();
		String text = dropped.keySet()
			.stream()
			.filter((reason) -> after.dropped(reason) - before.dropped(reason) > 0)
			.map((reason) -> reason + "=" + (after.dropped(reason) - before.dropped(reason)))
			.collect(Collectors.joining(" "));
		return text.isEmpty() ? "none" : text;
	}

}

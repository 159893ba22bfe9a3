package io.github.zmqlog.logback;

/**
 * Logs large messages into an appender whose publisher is held, in a JVM of its own with
 * a small heap, and prints the appender's counts; exits 3 on {@link OutOfMemoryError}.
 */
public final class LargeMessagesApp {

	private LargeMessagesApp() {
	}

	/**
	 * Runs it.
	 * @param args how many messages, and their size in characters
	 * @throws InterruptedException if interrupted
	 */
	public static void main(String[] args) throws InterruptedException {
		int messages = Integer.parseInt(args[0]);
		int size = Integer.parseInt(args[1]);
		StallingLayout layout = new StallingLayout();
		try (AppenderFixture fixture = AppenderFixture.start("large", (appender) -> appender.setLayout(layout))) {
			fixture.logger.info("holds the publisher");
			layout.awaitStalled();
			String large = "x".repeat(size);
			try {
				for (int i = 0; i < messages; i++) {
					// A new string each time: the queue would hold every one of them.
					fixture.logger.info(large + i);
				}
			}
			catch (OutOfMemoryError ex) {
				large = null;
				System.out.println("out of memory");
				System.exit(3);
			}
			large = null;
			layout.release.countDown();
			ZmqLogStats.Counts counts = AppenderStats.settled(fixture.appender);
			System.out.println("counts logged=" + (messages + 1) + " enqueued=" + counts.enqueued() + " sent="
					+ counts.sent() + " truncated=" + counts.truncated() + " queueFull="
					+ counts.dropped(DropReason.QUEUE_FULL) + " dropped=" + counts.droppedTotal());
		}
	}

}

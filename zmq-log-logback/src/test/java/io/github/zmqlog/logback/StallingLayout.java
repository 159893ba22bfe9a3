package io.github.zmqlog.logback;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;

/**
 * A body layout that holds the publisher thread inside its first event until released, so
 * a test can fill the queue deterministically.
 */
final class StallingLayout extends LayoutBase<ILoggingEvent> {

	final CountDownLatch stalled = new CountDownLatch(1);

	final CountDownLatch release = new CountDownLatch(1);

	StallingLayout() {
		start();
	}

	@Override
	public String doLayout(ILoggingEvent event) {
		this.stalled.countDown();
		try {
			if (!this.release.await(60, TimeUnit.SECONDS)) {
				throw new IllegalStateException("never released");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return event.getFormattedMessage() + "\n";
	}

	/**
	 * Waits until the publisher thread is held.
	 */
	void awaitStalled() throws InterruptedException {
		if (!this.stalled.await(10, TimeUnit.SECONDS)) {
			throw new AssertionError("the publisher never reached the layout");
		}
	}

}

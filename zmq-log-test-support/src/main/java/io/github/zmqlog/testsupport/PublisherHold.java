package io.github.zmqlog.testsupport;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds a publisher thread inside the formatting of the event whose message is
 * {@link #HOLD}, until released, so that a test can make {@code stop()} wait for it or
 * give up. A body format of the test's (a layout, a converter, a structured formatter)
 * calls {@link #holdIf}; {@link #reset} arms it again for the next test.
 */
public final class PublisherHold {

	/** The message of the event that holds the publisher. */
	public static final String HOLD = "hold the publisher";

	private static volatile CountDownLatch held = new CountDownLatch(1);

	private static volatile CountDownLatch released = new CountDownLatch(1);

	private static volatile boolean returned;

	private PublisherHold() {
	}

	/**
	 * Holds the calling thread, when the message is {@link #HOLD}, until released or for
	 * 30 s at most.
	 * @param message the formatted message of the event being formatted
	 */
	public static void holdIf(String message) {
		if (!HOLD.equals(message)) {
			return;
		}
		held.countDown();
		try {
			released.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		returned = true;
	}

	/** Arms the hold again: the next {@link #HOLD} event is held. */
	public static void reset() {
		held = new CountDownLatch(1);
		released = new CountDownLatch(1);
		returned = false;
	}

	/**
	 * Waits until a publisher thread is held.
	 * @throws InterruptedException when interrupted
	 */
	public static void awaitHeld() throws InterruptedException {
		assertThat(held.await(10, TimeUnit.SECONDS)).as("the publisher reached the held event").isTrue();
	}

	/** Lets the held thread go on. */
	public static void release() {
		released.countDown();
	}

	/**
	 * Returns whether the held thread has gone on since it was released.
	 * @return whether the formatting of the held event has returned
	 */
	public static boolean returned() {
		return returned;
	}

}

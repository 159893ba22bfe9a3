package io.github.zmqlog.logback.transport;

import java.lang.reflect.Field;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Leaves the queue in the state a producer leaves when it has claimed a place and not yet
 * written it: the producer index advanced, the slot untouched. Reflection, because the
 * queue has no hook for it and gets none for the sake of a test.
 */
final class UnwrittenPlaces {

	private static final Field PRODUCER_INDEX;

	static {
		try {
			PRODUCER_INDEX = EventQueue.class.getDeclaredField("producerIndex");
			PRODUCER_INDEX.setAccessible(true);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private UnwrittenPlaces() {
	}

	/**
	 * Claims the next place as {@link EventQueue#offer} does, and writes nothing.
	 * @param queue the queue
	 * @return the place, for {@link EventQueue#write}
	 */
	static long claim(EventQueue<?> queue) {
		try {
			return ((AtomicLong) PRODUCER_INDEX.get(queue)).getAndIncrement();
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Claims the next place and lets the consumer skip it, as it does once the place has
	 * stayed unwritten for the stall bound; the queue must skip at once (stall bound 0)
	 * and hold nothing before.
	 * @param queue the queue
	 * @return the skipped place, for a late {@link EventQueue#write}
	 */
	static long claimAndSkip(EventQueue<?> queue) {
		long place = claim(queue);
		// The first poll finds the place unwritten, the second skips it.
		queue.poll();
		queue.poll();
		if (!queue.isEmpty()) {
			throw new IllegalStateException("place " + place + " was not skipped");
		}
		return place;
	}

}

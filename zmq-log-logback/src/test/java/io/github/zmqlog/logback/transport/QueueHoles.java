package io.github.zmqlog.logback.transport;

import java.lang.reflect.Field;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes the state a logging thread leaves behind when it claims a place in the queue and
 * never writes it: a {@link StackOverflowError} between the claim and the write, or a
 * thread descheduled for long. The claim is taken as a producer takes it, by advancing
 * the producer index, and nothing is written.
 */
public final class QueueHoles {

	private QueueHoles() {
	}

	/**
	 * Claims the next place of the queue a publisher hands off through, and leaves it
	 * unwritten.
	 * @param publisher the publisher
	 */
	public static void claimWithoutWriting(ZmqLogPublisher publisher) {
		claimWithoutWriting(read(publisher, "handoff", Handoff.class));
	}

	static void claimWithoutWriting(Handoff<?> handoff) {
		claimWithoutWriting(read(handoff, "queue", EventQueue.class));
	}

	/**
	 * Claims the next place, as a producer does, and leaves it unwritten.
	 * @param queue the queue
	 * @return the place
	 */
	static long claimWithoutWriting(EventQueue<?> queue) {
		return read(queue, "producerIndex", AtomicLong.class).getAndIncrement();
	}

	/**
	 * Writes a place claimed by {@link #claimWithoutWriting(EventQueue)}, as its producer
	 * does when it comes back.
	 * @param <E> the type of the elements
	 * @param queue the queue
	 * @param index the place
	 * @param element the element
	 * @return what the write did
	 */
	static <E> EventQueue.Offer writeClaimed(EventQueue<E> queue, long index, E element) {
		return queue.write(index, element);
	}

	private static <T> T read(Object owner, String name, Class<T> type) {
		try {
			Field field = owner.getClass().getDeclaredField(name);
			field.setAccessible(true);
			return type.cast(field.get(owner));
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("no field " + name + " in " + owner.getClass(), ex);
		}
	}

}

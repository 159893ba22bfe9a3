package io.github.zmqlog.logback.transport;

import java.util.ArrayList;
import java.util.List;

import org.openjdk.jcstress.infra.results.LLL_Result;

import io.github.zmqlog.logback.transport.EventQueue.Offer;

/**
 * A place claimed and skipped, and the next round about to reuse its slot: the state
 * behind {@link LateProducerAfterSkipStress}. The queue skips at once (stall bound 0).
 */
final class LateRound {

	private static final Integer LATE = 99;

	private static final Integer NEXT = 5;

	private final EventQueue<Integer> queue;

	private final long skipped;

	private Offer late;

	private Offer next;

	private final List<Integer> taken = new ArrayList<>(2);

	/**
	 * Claims place 0 and skips it, then fills and empties the places up to the next
	 * round's use of place 0's slot.
	 * @param capacity the capacity, so also the place that reuses place 0's slot
	 */
	LateRound(int capacity) {
		this.queue = new EventQueue<>(capacity, 0, () -> {
		});
		this.skipped = UnwrittenPlaces.claimAndSkip(this.queue);
		for (int place = 1; place < capacity; place++) {
			this.queue.offer(place);
			this.queue.poll();
		}
	}

	void writeLate() {
		this.late = this.queue.write(this.skipped, LATE);
	}

	/**
	 * Offers the next round's element into the skipped place's slot and polls once, as
	 * the consumer: one poll never skips, it only finds a place unwritten.
	 */
	void offerNextAndPoll() {
		this.next = this.queue.offer(NEXT);
		take();
	}

	/**
	 * Takes what is left and judges.
	 * @param result the late write's result, the next offer's, and what was taken: the
	 * next round's element alone, as {@code 5}
	 */
	void judge(LLL_Result result) {
		while (take()) {
			// until the queue answers nothing
		}
		result.r1 = this.late;
		result.r2 = this.next;
		String taken = String.join(" ", this.taken.stream().map(String::valueOf).toList());
		result.r3 = this.queue.isEmpty() ? taken : taken + " left-behind";
	}

	private boolean take() {
		Integer element = this.queue.poll();
		if (element != null) {
			this.taken.add(element);
		}
		return element != null;
	}

}

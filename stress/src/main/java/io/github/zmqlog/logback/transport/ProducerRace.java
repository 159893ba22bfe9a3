package io.github.zmqlog.logback.transport;

import java.util.ArrayList;
import java.util.List;

import org.openjdk.jcstress.infra.results.LII_Result;

import io.github.zmqlog.logback.transport.EventQueue.Offer;

/**
 * Two producers offering two elements each (1 and 2, 3 and 4) to a small queue while one
 * consumer polls: the state behind {@link TwoProducersOneConsumerStress}.
 */
final class ProducerRace {

	/** Enough for the consumer to see every element while the producers run. */
	private static final int POLLS = 8;

	private final EventQueue<Integer> queue;

	private final Offer[] offers = new Offer[4];

	private final List<Integer> takenWhileRacing = new ArrayList<>(4);

	ProducerRace(int capacity) {
		this.queue = new EventQueue<>(capacity);
	}

	void produce(int first) {
		this.offers[first - 1] = this.queue.offer(first);
		this.offers[first] = this.queue.offer(first + 1);
	}

	/**
	 * Offers {@code first} and {@code first + 1}, polling after each as the consumer.
	 * @param first the first element
	 */
	void produceAndConsume(int first) {
		this.offers[first - 1] = this.queue.offer(first);
		take();
		this.offers[first] = this.queue.offer(first + 1);
		consume();
	}

	void consume() {
		for (int i = 0; i < POLLS && this.takenWhileRacing.size() < 4; i++) {
			take();
		}
	}

	private void take() {
		Integer element = this.queue.poll();
		if (element != null) {
			this.takenWhileRacing.add(element);
		}
	}

	/**
	 * Takes what is left, once the producers are done, and judges the run.
	 * @param result the verdict, how many offers queued, how many the consumer took while
	 * the producers ran
	 */
	void judge(LII_Result result) {
		List<Integer> takenAfter = new ArrayList<>(4);
		Integer element;
		while ((element = this.queue.poll()) != null) {
			takenAfter.add(element);
		}
		String verdict = TakenElements.judge(this.offers,
				List.of(TakenElements.concat(this.takenWhileRacing, takenAfter)));
		result.r1 = this.queue.isEmpty() ? verdict : "left-behind";
		result.r2 = TakenElements.queued(this.offers);
		result.r3 = this.takenWhileRacing.size();
	}

}

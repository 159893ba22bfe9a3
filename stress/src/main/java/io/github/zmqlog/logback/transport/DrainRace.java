package io.github.zmqlog.logback.transport;

import java.util.ArrayList;
import java.util.List;

import org.openjdk.jcstress.infra.results.LII_Result;

import io.github.zmqlog.logback.transport.EventQueue.Offer;

/**
 * Producers offering to a queue of two whose consumer has closed, while two threads drain
 * it with {@link EventQueue#drainAfterClose}: the state behind
 * {@link DrainAfterCloseStress}. Elements 1 and 2 come from one producer, 3 and 4 from
 * another; the queue never skips.
 */
final class DrainRace {

	private final EventQueue<Integer> queue = new EventQueue<>(2);

	private final Offer[] offers;

	private final List<Integer> drainedByA = new ArrayList<>(4);

	private final List<Integer> drainedByB = new ArrayList<>(4);

	private boolean miscounted;

	/**
	 * Creates the state.
	 * @param producers how many producers offer their pair
	 */
	DrainRace(int producers) {
		this.offers = new Offer[2 * producers];
	}

	void produce(int first) {
		this.offers[first - 1] = this.queue.offer(first);
		this.offers[first] = this.queue.offer(first + 1);
	}

	/**
	 * Offers {@code first} and {@code first + 1}, and drains after each, as a logging
	 * thread does that finds the consumer closed after its offer.
	 * @param first the first element
	 * @param a whether to drain into A's list
	 */
	void produceAndDrain(int first, boolean a) {
		this.offers[first - 1] = this.queue.offer(first);
		drain(a);
		this.offers[first] = this.queue.offer(first + 1);
		drain(a);
	}

	void drain(boolean a) {
		List<Integer> into = a ? this.drainedByA : this.drainedByB;
		int before = into.size();
		int moved = this.queue.drainAfterClose(into);
		this.miscounted |= (moved != into.size() - before);
	}

	/**
	 * Drains what is left and judges.
	 * @param result the verdict, then how many elements A and B drained
	 * @param leftoversAllowed whether elements may be left once the actors are done: not
	 * when every producer drains after its offers
	 */
	void judge(LII_Result result, boolean leftoversAllowed) {
		List<Integer> rest = new ArrayList<>(4);
		this.queue.drainAfterClose(rest);
		String verdict = TakenElements.judge(this.offers, List.of(this.drainedByA, this.drainedByB, rest));
		if (this.miscounted) {
			verdict = "miscounted";
		}
		else if (!leftoversAllowed && !rest.isEmpty()) {
			verdict = "left-behind";
		}
		result.r1 = verdict;
		result.r2 = this.drainedByA.size();
		result.r3 = this.drainedByB.size();
	}

}

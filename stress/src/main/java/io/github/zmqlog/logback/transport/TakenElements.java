package io.github.zmqlog.logback.transport;

import java.util.ArrayList;
import java.util.List;

import io.github.zmqlog.logback.transport.EventQueue.Offer;

/**
 * Judges what consumers took against what producers queued. The elements are
 * {@code 1..n}; element {@code i} was offered with result {@code offers[i - 1]}, and each
 * producer offers a pair, {@code 2k + 1} before {@code 2k + 2}.
 */
final class TakenElements {

	private TakenElements() {
	}

	/**
	 * Returns {@code intact} when each queued element was taken exactly once, no rejected
	 * one was taken, and no list has a producer's pair out of order; otherwise the first
	 * fault found.
	 * @param offers what each offer returned
	 * @param takes the lists the consumers filled, each in the order it took
	 * @return the verdict, one word
	 */
	static String judge(Offer[] offers, List<List<Integer>> takes) {
		int[] times = new int[offers.length + 1];
		for (List<Integer> take : takes) {
			for (Integer element : take) {
				if (element < 1 || element > offers.length) {
					return "unknown-element";
				}
				times[element]++;
			}
			if (!pairsInOrder(take)) {
				return "reordered";
			}
		}
		for (int element = 1; element <= offers.length; element++) {
			Offer offer = offers[element - 1];
			if (offer == Offer.TOO_LATE) {
				return "too-late-without-skip";
			}
			if (times[element] > 1) {
				return "duplicated";
			}
			if (offer == Offer.QUEUED && times[element] == 0) {
				return "lost";
			}
			if (offer == Offer.FULL && times[element] == 1) {
				return "taken-though-full";
			}
		}
		return "intact";
	}

	/**
	 * Concatenates what one consumer took while the producers ran with what it took
	 * after.
	 * @param first taken first
	 * @param then taken after
	 * @return both, in the order taken
	 */
	static List<Integer> concat(List<Integer> first, List<Integer> then) {
		List<Integer> all = new ArrayList<>(first);
		all.addAll(then);
		return all;
	}

	/**
	 * Counts the offers that queued their element.
	 * @param offers what each offer returned
	 * @return how many returned {@link Offer#QUEUED}
	 */
	static int queued(Offer[] offers) {
		int queued = 0;
		for (Offer offer : offers) {
			queued += (offer == Offer.QUEUED) ? 1 : 0;
		}
		return queued;
	}

	private static boolean pairsInOrder(List<Integer> take) {
		for (int i = 0; i < take.size(); i++) {
			int element = take.get(i);
			if (element % 2 == 0 && take.subList(i + 1, take.size()).contains(element - 1)) {
				return false;
			}
		}
		return true;
	}

}

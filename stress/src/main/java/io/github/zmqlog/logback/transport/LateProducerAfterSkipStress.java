package io.github.zmqlog.logback.transport;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLL_Result;

/**
 * The consumer has skipped a place claimed and never written; its producer comes back
 * late and writes while the next round's producer offers into the same slot and then
 * polls as the consumer. The late write must fail with {@code TOO_LATE} and the next
 * round's element must be taken intact, once. Outcomes are the late write's result, the
 * next offer's, and the elements taken.
 */
public final class LateProducerAfterSkipStress {

	private LateProducerAfterSkipStress() {
	}

	/**
	 * A queue of one: the skip frees the one slot for place 1.
	 */
	@JCStressTest
	@Description("A late producer against the next round in the skipped place's slot, capacity 1")
	@Outcome(id = "TOO_LATE, QUEUED, 5", expect = Expect.ACCEPTABLE,
			desc = "The late producer learned that its place was skipped; the next round's element was taken intact.")
	@Outcome(expect = Expect.FORBIDDEN,
			desc = "The late write queued or overwrote, or the next round's element was refused, lost, changed or taken twice.")
	@State
	public static class CapacityOne {

		private final LateRound round = new LateRound(1);

		/**
		 * Writes the skipped place.
		 */
		@Actor
		public void lateProducer() {
			this.round.writeLate();
		}

		/**
		 * Offers into the skipped place's slot, then polls.
		 */
		@Actor
		public void nextProducer() {
			this.round.offerNextAndPoll();
		}

		/**
		 * Takes the rest and judges.
		 * @param result the outcome
		 */
		@Arbiter
		public void judge(LLL_Result result) {
			this.round.judge(result);
		}

	}

	/**
	 * A queue of two: the skipped place's slot comes back for place 2, after place 1 has
	 * been used.
	 */
	@JCStressTest
	@Description("A late producer against the next round in the skipped place's slot, capacity 2")
	@Outcome(id = "TOO_LATE, QUEUED, 5", expect = Expect.ACCEPTABLE,
			desc = "The late producer learned that its place was skipped; the next round's element was taken intact.")
	@Outcome(expect = Expect.FORBIDDEN,
			desc = "The late write queued or overwrote, or the next round's element was refused, lost, changed or taken twice.")
	@State
	public static class CapacityTwo {

		private final LateRound round = new LateRound(2);

		/**
		 * Writes the skipped place.
		 */
		@Actor
		public void lateProducer() {
			this.round.writeLate();
		}

		/**
		 * Offers into the skipped place's slot, then polls.
		 */
		@Actor
		public void nextProducer() {
			this.round.offerNextAndPoll();
		}

		/**
		 * Takes the rest and judges.
		 * @param result the outcome
		 */
		@Arbiter
		public void judge(LLL_Result result) {
			this.round.judge(result);
		}

	}

}

package io.github.zmqlog.logback.transport;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LII_Result;

/**
 * Two producers offer two elements each while one consumer polls, on queues so small that
 * the producers find them full and the slots wrap around within one run. Outcomes are the
 * verdict, how many offers queued, and how many elements the consumer took while the
 * producers ran; the rest is taken after them.
 */
public final class TwoProducersOneConsumerStress {

	private TwoProducersOneConsumerStress() {
	}

	/**
	 * A queue of one: every offer after the first waits for the consumer or is refused.
	 */
	@JCStressTest
	@Description("Two producers, one consumer, capacity 1")
	@Outcome(id = "intact, 4, .*", expect = Expect.ACCEPTABLE,
			desc = "Every offer queued; each element taken once, each producer's in its order.")
	@Outcome(id = "intact, [1-3], .*", expect = Expect.ACCEPTABLE,
			desc = "Some offers found the queue full; each queued element taken once, in its producer's order, no refused one.")
	@Outcome(expect = Expect.FORBIDDEN,
			desc = "An element lost, duplicated, taken though refused, out of its producer's order, or left behind.")
	@State
	public static class CapacityOne {

		private final ProducerRace race = new ProducerRace(1);

		/**
		 * Offers 1 then 2.
		 */
		@Actor
		public void producerA() {
			this.race.produce(1);
		}

		/**
		 * Offers 3 then 4.
		 */
		@Actor
		public void producerB() {
			this.race.produce(3);
		}

		/**
		 * Polls while the producers run.
		 */
		@Actor
		public void consumer() {
			this.race.consume();
		}

		/**
		 * Takes the rest and judges.
		 * @param result the outcome
		 */
		@Arbiter
		public void judge(LII_Result result) {
			this.race.judge(result);
		}

	}

	/**
	 * A queue of two: two slots, each reused within one run.
	 */
	@JCStressTest
	@Description("Two producers, one consumer, capacity 2")
	@Outcome(id = "intact, 4, .*", expect = Expect.ACCEPTABLE,
			desc = "Every offer queued; each element taken once, each producer's in its order.")
	@Outcome(id = "intact, [1-3], .*", expect = Expect.ACCEPTABLE,
			desc = "Some offers found the queue full; each queued element taken once, in its producer's order, no refused one.")
	@Outcome(expect = Expect.FORBIDDEN,
			desc = "An element lost, duplicated, taken though refused, out of its producer's order, or left behind.")
	@State
	public static class CapacityTwo {

		private final ProducerRace race = new ProducerRace(2);

		/**
		 * Offers 1 then 2.
		 */
		@Actor
		public void producerA() {
			this.race.produce(1);
		}

		/**
		 * Offers 3 then 4.
		 */
		@Actor
		public void producerB() {
			this.race.produce(3);
		}

		/**
		 * Polls while the producers run.
		 */
		@Actor
		public void consumer() {
			this.race.consume();
		}

		/**
		 * Takes the rest and judges.
		 * @param result the outcome
		 */
		@Arbiter
		public void judge(LII_Result result) {
			this.race.judge(result);
		}

	}

}

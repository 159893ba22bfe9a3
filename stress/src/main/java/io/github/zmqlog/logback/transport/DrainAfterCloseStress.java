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
 * Two threads call {@link EventQueue#drainAfterClose} while producers offer, as the
 * publisher's last drain and logging threads that find it closed do. Each queued element
 * must be taken exactly once, by one of them or by the final drain once they are done.
 * Outcomes are the verdict and how many elements drainer A and drainer B took.
 */
public final class DrainAfterCloseStress {

	private DrainAfterCloseStress() {
	}

	/**
	 * One producer and two drainers. Three actors: jcstress runs it on machines with
	 * three CPUs or more only.
	 */
	@JCStressTest
	@Description("Two drainers while a producer offers")
	@Outcome(id = "intact, .*", expect = Expect.ACCEPTABLE,
			desc = "Each element taken once, by a drainer or by the final drain.")
	@Outcome(expect = Expect.FORBIDDEN,
			desc = "An element lost, taken twice or out of order, or a drain's count not what it moved.")
	@State
	public static class ProducerAndTwoDrainers {

		private final DrainRace race = new DrainRace(1);

		/**
		 * Offers 1 then 2.
		 */
		@Actor
		public void producer() {
			this.race.produce(1);
		}

		/**
		 * Drains into A's list.
		 */
		@Actor
		public void drainerA() {
			this.race.drain(true);
		}

		/**
		 * Drains into B's list.
		 */
		@Actor
		public void drainerB() {
			this.race.drain(false);
		}

		/**
		 * Drains the rest and judges.
		 * @param result the outcome
		 */
		@Arbiter
		public void judge(LII_Result result) {
			this.race.judge(result, true);
		}

	}

	/**
	 * A producer that drains after each offer, as a logging thread does once the consumer
	 * has closed, and a drainer: the same race on two CPUs. Nothing may be left for the
	 * final drain: the producer's own drain takes what it offered.
	 */
	@JCStressTest
	@Description("A producer draining after each offer while another thread drains")
	@Outcome(id = "intact, .*", expect = Expect.ACCEPTABLE,
			desc = "Each element taken once, by the producer's own drain or by the other drainer.")
	@Outcome(expect = Expect.FORBIDDEN,
			desc = "An element lost, taken twice, out of order or left behind, or a drain's count not what it moved.")
	@State
	public static class DrainingProducerAndDrainer {

		private final DrainRace race = new DrainRace(1);

		/**
		 * Offers 1 then 2, draining into A's list after each.
		 */
		@Actor
		public void producer() {
			this.race.produceAndDrain(1, true);
		}

		/**
		 * Drains into B's list.
		 */
		@Actor
		public void drainer() {
			this.race.drain(false);
		}

		/**
		 * Drains the rest and judges.
		 * @param result the outcome
		 */
		@Arbiter
		public void judge(LII_Result result) {
			this.race.judge(result, false);
		}

	}

	/**
	 * Two producers that drain after each offer, on a queue of two they can fill: two
	 * logging threads whose events both land after the consumer's last drain.
	 */
	@JCStressTest
	@Description("Two producers, each draining after each offer")
	@Outcome(id = "intact, .*", expect = Expect.ACCEPTABLE,
			desc = "Each queued element taken once by one of the producers' drains, none refused taken.")
	@Outcome(expect = Expect.FORBIDDEN,
			desc = "An element lost, taken twice, out of order or left behind, or a drain's count not what it moved.")
	@State
	public static class TwoDrainingProducers {

		private final DrainRace race = new DrainRace(2);

		/**
		 * Offers 1 then 2, draining into A's list after each.
		 */
		@Actor
		public void producerA() {
			this.race.produceAndDrain(1, true);
		}

		/**
		 * Offers 3 then 4, draining into B's list after each.
		 */
		@Actor
		public void producerB() {
			this.race.produceAndDrain(3, false);
		}

		/**
		 * Drains the rest and judges.
		 * @param result the outcome
		 */
		@Arbiter
		public void judge(LII_Result result) {
			this.race.judge(result, false);
		}

	}

}

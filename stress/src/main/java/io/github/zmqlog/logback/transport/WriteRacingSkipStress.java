package io.github.zmqlog.logback.transport;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLI_Result;

import io.github.zmqlog.logback.transport.EventQueue.Offer;

/**
 * A producer writes the place it claimed while the consumer, which already found the
 * place claimed and unwritten, skips it: the stall bound is 0, so the consumer's next
 * poll skips whatever it still finds unwritten. Exactly one of the two may win. Outcomes
 * are what the write returned, who took the element ({@code consumer} in its poll,
 * {@code after} in a poll once both are done, or {@code nobody}), and how many skips were
 * reported.
 */
@JCStressTest
@Description("A producer's write racing the consumer's skip of the same place")
@Outcome(id = "QUEUED, consumer, 0", expect = Expect.ACCEPTABLE,
		desc = "The write came first and was published before the poll: the consumer took the element, no skip.")
@Outcome(id = "QUEUED, after, 0", expect = Expect.ACCEPTABLE,
		desc = "The producer took the slot before the consumer's skip but published after its poll: taken later, no skip.")
@Outcome(id = "TOO_LATE, nobody, 1", expect = Expect.ACCEPTABLE,
		desc = "The skip came first: reported once, and the producer learned that its element was not queued.")
@Outcome(expect = Expect.FORBIDDEN,
		desc = "Both or neither: an element taken and also skipped or refused, a queued element lost, a skip reported twice.")
@State
public class WriteRacingSkipStress {

	private static final Integer ELEMENT = 7;

	private int skips;

	private final EventQueue<Integer> queue = new EventQueue<>(1, 0, () -> this.skips++);

	private final long place = UnwrittenPlaces.claim(this.queue);

	private Offer written;

	private Integer taken;

	/**
	 * Finds the place claimed and unwritten, as the consumer does before it skips.
	 */
	public WriteRacingSkipStress() {
		this.queue.poll();
	}

	/**
	 * Writes the claimed place.
	 */
	@Actor
	public void producer() {
		this.written = this.queue.write(this.place, ELEMENT);
	}

	/**
	 * Polls once: takes the element, skips the place, or leaves it to a producer halfway
	 * through its write.
	 */
	@Actor
	public void consumer() {
		this.taken = this.queue.poll();
	}

	/**
	 * Polls once more and judges.
	 * @param result the outcome
	 */
	@Arbiter
	public void judge(LLI_Result result) {
		String takenBy = (this.taken != null) ? "consumer" : "nobody";
		Integer later = this.queue.poll();
		if (later != null) {
			takenBy = (this.taken != null) ? "twice" : "after";
		}
		if ((this.taken != null && !ELEMENT.equals(this.taken)) || (later != null && !ELEMENT.equals(later))) {
			takenBy = "another-element";
		}
		result.r1 = this.written;
		result.r2 = this.queue.isEmpty() ? takenBy : takenBy + "-left-behind";
		result.r3 = this.skips;
	}

}

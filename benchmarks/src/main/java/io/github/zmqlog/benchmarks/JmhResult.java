package io.github.zmqlog.benchmarks;

import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One contender's result of a JMH caller-cost run.
 *
 * @param mean the mean time of a call, in nanoseconds
 * @param p50 its median, from JMH's samples of every call
 * @param p99 its 99th percentile
 * @param p999 its 99.9th percentile
 * @param samples how many calls JMH sampled
 * @param alloc bytes allocated by every thread of the JVM per call
 * ({@code gc.alloc.rate.norm}), {@code NaN} without JMH's {@code gc} profiler
 * @param rate calls per second over the measured iterations
 * @param drops what ours counted over the trial, {@code null} for a contender that counts
 * nothing
 */
record JmhResult(double mean, double p50, double p99, double p999, long samples, double alloc, double rate,
		@Nullable Drops drops) {

	/**
	 * Ours' counters over a whole trial, warm-up included, as its fork noted them.
	 *
	 * @param enqueued the events that found room in the queue
	 * @param queueFull the events dropped because the queue was full
	 * @param dropped the events dropped for any reason, those included
	 */
	record Drops(long enqueued, long queueFull, long dropped) {

		/**
		 * Reads the counters from a fork's notes.
		 * @param notes the notes, by key
		 * @return the counters, {@code null} when the contender noted none
		 */
		static @Nullable Drops from(Map<String, String> notes) {
			if (!notes.containsKey("enqueued")) {
				return null;
			}
			return new Drops(Long.parseLong(notes.get("enqueued")),
					Long.parseLong(notes.getOrDefault("dropped.QUEUE_FULL", "0")),
					Long.parseLong(notes.getOrDefault("dropped", "0")));
		}

		/**
		 * The dropped share of the calls: a full queue drops before it enqueues, so the
		 * calls are both.
		 */
		String share() {
			long calls = this.enqueued + this.queueFull;
			return String.format(Locale.ROOT, "%.1f %% of %d calls", 100.0 * this.dropped / calls, calls);
		}

	}

}

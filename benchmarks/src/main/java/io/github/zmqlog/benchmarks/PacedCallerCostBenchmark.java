package io.github.zmqlog.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The paced caller cost ({@link PacedCallerCost}): caller cost at a paced total rate
 * ({@code totalRate}, 100 k events/s by default) from 4 threads, and with JMH's
 * {@code gc} profiler the allocation per event ({@link Allocation}) (all threads'
 * allocations, the publisher's included, over the calls). Each thread waits for its slot
 * in a {@code Level.Invocation} setup, outside the measured call (see {@link Pacer}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(4)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch" })
public class PacedCallerCostBenchmark {

	/**
	 * The contender behind the log call, JMH's {@code contender} parameter: by default
	 * each of {@link Target#ALL} in turn, one trial each.
	 */
	@Param({ ZmqLogTarget.NAME, Log4j2Target.NAME, LogbackAsyncNullTarget.NAME, RawJeroMqTarget.NAME })
	public String contender;

	/**
	 * The events per second offered by all calling threads together, each thread pacing
	 * itself at its share ({@link PacedWorker}).
	 */
	@Param("100000")
	public int totalRate;

	private Fixture fixture;

	private Target target;

	@Setup(Level.Trial)
	public void start() throws Exception {
		this.fixture = Fixture.open(this.contender);
		this.target = this.fixture.target;
	}

	@Benchmark
	public void logInfo(PacedWorker worker) {
		this.target.log(Worker.nextId(), Worker.nextMs());
	}

	@TearDown(Level.Trial)
	public void stop(BenchmarkParams params) {
		this.fixture.close("benchmark=paced contender=" + this.contender + " threads=" + params.getThreads()
				+ " totalRate=" + this.totalRate + " skippedSlots=" + PacedWorker.SKIPPED.sum());
	}

	/**
	 * A calling thread paced at its share of the total rate.
	 */
	@State(Scope.Thread)
	public static class PacedWorker extends Worker {

		static final java.util.concurrent.atomic.LongAdder SKIPPED = new java.util.concurrent.atomic.LongAdder();

		private Pacer pacer;

		@Setup(Level.Trial)
		public void pace(BenchmarkParams params) {
			this.pacer = new Pacer(Double.parseDouble(params.getParam("totalRate")) / params.getThreads());
		}

		@Setup(Level.Iteration)
		public void restart() {
			this.pacer.restart();
		}

		@Setup(Level.Invocation)
		public void awaitSlot() {
			this.pacer.await();
		}

		@TearDown(Level.Trial)
		public void count() {
			SKIPPED.add(this.pacer.skipped());
		}

	}

}

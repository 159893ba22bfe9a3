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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The unpaced caller cost ({@link UnpacedCallerCost}): how long the workload's
 * {@code log.info(...)} takes on the calling thread with each contender behind it (run
 * with 1 and 4 threads). Unpaced callers outrun any publisher: ours then drops (and
 * counts it), Log4j2's and the raw PUB socket drop silently at their high-water marks, so
 * the counters are noted beside the timings. The subscriber runs in its own JVM and is
 * subscribed before the first iteration.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch" })
public class CallerCostBenchmark {

	/**
	 * The contender behind the log call, JMH's {@code contender} parameter: by default
	 * each of {@link Target#ALL} in turn, one trial each.
	 */
	@Param({ ZmqLogTarget.NAME, Log4j2Target.NAME, LogbackAsyncNullTarget.NAME, RawJeroMqTarget.NAME })
	public String contender;

	private Fixture fixture;

	private Target target;

	@Setup(Level.Trial)
	public void start() throws Exception {
		this.fixture = Fixture.open(this.contender);
		this.target = this.fixture.target;
	}

	@Benchmark
	public void logInfo(Worker worker) {
		this.target.log(Worker.nextId(), Worker.nextMs());
	}

	@TearDown(Level.Trial)
	public void stop(BenchmarkParams params) {
		this.fixture.close("benchmark=unpaced contender=" + this.contender + " threads=" + params.getThreads());
	}

}

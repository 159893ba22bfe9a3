package io.github.zmqlog.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.helpers.NOPAppender;
import io.github.zmqlog.logback.ZmqLogAppender;
import io.github.zmqlog.logback.ZmqLogStats;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Figure (1) of issue 6, caller cost per log call, unpaced: how long {@code log.info(...)} takes on
 * the logging thread with each contender behind the logger. The workload is the issue's: logger
 * {@code com.example.myapp.service.OrderService}, three arguments, pattern
 * {@code %d %-5level [%thread] %logger{36} - %msg%n}, topic {@code myapp.INFO.sub.topic}, one
 * subscriber in its own JVM. Unpaced callers outrun any publisher: both contenders then drop (ours
 * counts it), which is cheaper than queueing, so the drop ratio is printed beside the timings.
 */
@State(Scope.Benchmark)
@BenchmarkMode({ Mode.AverageTime, Mode.SampleTime })
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch" })
public class CallerCostBenchmark {

	static final String PATTERN = "%d %-5level [%thread] %logger{36} - %msg%n";

	@Param({ "zmqlog", "logback-async-null" })
	public String contender;

	private LoggerContext context;

	private Logger logger;

	private ZmqLogAppender zmqlog;

	private Process subscriber;

	@Setup(Level.Trial)
	public void start() throws Exception {
		this.context = new LoggerContext();
		this.context.setMDCAdapter(new LogbackMDCAdapter());
		this.logger = this.context.getLogger("com.example.myapp.service.OrderService");
		this.logger.setLevel(ch.qos.logback.classic.Level.INFO);
		this.logger.setAdditive(false);
		if (this.contender.equals("zmqlog")) {
			this.zmqlog = new ZmqLogAppender();
			this.zmqlog.setContext(this.context);
			this.zmqlog.setName("zmqlog");
			this.zmqlog.addBind("tcp://127.0.0.1:*");
			this.zmqlog.setRootTopic("myapp");
			this.zmqlog.setPattern(PATTERN);
			this.zmqlog.start();
			this.logger.addAppender(this.zmqlog);
			this.subscriber = startSubscriber(this.zmqlog.getStats().boundEndpoints().get(0));
		}
		else {
			NOPAppender<ILoggingEvent> nop = new NOPAppender<>();
			nop.setContext(this.context);
			nop.start();
			AsyncAppender async = new AsyncAppender();
			async.setContext(this.context);
			async.setQueueSize(ZmqLogAppender.DEFAULT_QUEUE_SIZE);
			async.setDiscardingThreshold(0);
			async.setNeverBlock(true);
			async.addAppender(nop);
			async.start();
			this.logger.addAppender(async);
		}
	}

	private static Process startSubscriber(String endpoint) throws Exception {
		String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
		Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				DiscardingSubscriber.class.getName(), endpoint).redirectErrorStream(true).start();
		String ready = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
			.readLine();
		if (!"READY".equals(ready)) {
			throw new IllegalStateException("subscriber did not start: " + ready);
		}
		return process;
	}

	@Benchmark
	public void logInfo() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		this.logger.info("sub.topic::Order {} done in {} ms for {}", random.nextInt(1_000_000), random.nextInt(500),
				"customer-4711");
	}

	@TearDown(Level.Trial)
	public void stop() {
		if (this.zmqlog != null) {
			ZmqLogStats stats = this.zmqlog.getStats();
			System.out.printf("%n[zmqlog] enqueued=%d sent=%d dropped=%s (%.1f%% of calls dropped)%n", stats.enqueued(),
					stats.sent(), stats.dropped(), 100.0 * stats.droppedTotal() / (stats.enqueued() + stats.droppedTotal()));
		}
		this.context.stop();
		if (this.subscriber != null) {
			this.subscriber.destroy();
		}
	}

}

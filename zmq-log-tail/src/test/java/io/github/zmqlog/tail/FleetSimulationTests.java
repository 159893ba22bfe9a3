package io.github.zmqlog.tail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import io.github.zmqlog.logback.ZmqLogAppender;
import io.github.zmqlog.logback.ZmqLogCounters;
import io.github.zmqlog.testsupport.ChildJvm;
import io.github.zmqlog.testsupport.Faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A fleet (issue 16, "Fleet simulation"): one forwarder (a process of its own, CURVE on
 * both sides), 20 instances (each its own {@code LoggerContext} and
 * {@code ZmqLogAppender} with {@code no-drop}, CURVE clients of the frontend with keys of
 * their own) and 5 watchers ({@code zmq-log-tail}, CURVE clients of the backend) with
 * different prefixes. Each watcher receives exactly the events whose topics match its
 * prefixes; per instance, what the everything-watcher received plus what the appender
 * counted as dropped is what was logged. Reports the aggregate rate through the forwarder
 * and the forwarder's CPU.
 */
@Timeout(240)
class FleetSimulationTests {

	private static final int INSTANCES = 20;

	private static final int EVENTS = 2500;

	private static final Level[] LEVELS = { Level.INFO, Level.WARN, Level.ERROR };

	private static final List<List<String>> PREFIXES = List.of(List.of("svc1"), List.of("svc2.WARN"), List.of("svc3."),
			List.of(""), List.of("svc5.INFO", "svc7.ERROR"));

	@TempDir
	Path dir;

	@Test
	void everyWatcherReceivesExactlyWhatMatchesItsPrefixes() throws Exception {
		Path backKeyFile = this.dir.resolve("backend.key_secret");
		String backendKey = ForwarderCurveTests.keygen(backKeyFile);
		List<Path> watcherKeys = new ArrayList<>();
		StringBuilder allowed = new StringBuilder();
		for (int w = 0; w < PREFIXES.size(); w++) {
			Path key = this.dir.resolve("watcher" + w + ".key_secret");
			allowed.append(ForwarderCurveTests.keygen(key)).append('\n');
			watcherKeys.add(key);
		}
		Path allowList = this.dir.resolve("watchers.allowed");
		Files.writeString(allowList, allowed);
		Path frontKeyFile = this.dir.resolve("frontend.key_secret");
		String frontendKey = ForwarderCurveTests.keygen(frontKeyFile);
		List<Path> instanceKeys = new ArrayList<>();
		StringBuilder allowedInstances = new StringBuilder();
		for (int i = 0; i < INSTANCES; i++) {
			Path key = this.dir.resolve("svc" + i + ".key_secret");
			allowedInstances.append(ForwarderCurveTests.keygen(key)).append('\n');
			instanceKeys.add(key);
		}
		Path instanceAllowList = this.dir.resolve("instances.allowed");
		Files.writeString(instanceAllowList, allowedInstances);
		String frontend = "tcp://127.0.0.1:" + Faults.freePort();
		String backend = "tcp://127.0.0.1:" + Faults.freePort();
		List<Instance> instances = new ArrayList<>();
		List<Watcher> watchers = new ArrayList<>();
		List<ByteArrayOutputStream> outputs = new ArrayList<>();
		ExecutorService threads = Executors.newFixedThreadPool(INSTANCES);
		try (ChildJvm forwarder = ChildJvm.start(ZmqLogTail.class, "proxy", "--frontend", frontend, "--backend",
				backend, "--frontend-key-file", frontKeyFile.toString(), "--frontend-allowed-keys-file",
				instanceAllowList.toString(), "--backend-key-file", backKeyFile.toString(),
				"--backend-allowed-keys-file", allowList.toString(), "--stats", "250ms", "--json")) {
			forwarder.awaitErrorLine((line) -> line.startsWith("zmq-log-tail: forwarding"), Duration.ofSeconds(30));
			for (int i = 0; i < INSTANCES; i++) {
				instances.add(new Instance("svc" + i, frontend, frontendKey, instanceKeys.get(i)));
			}
			for (int w = 0; w < PREFIXES.size(); w++) {
				List<String> args = new ArrayList<>();
				for (String prefix : PREFIXES.get(w)) {
					args.addAll(List.of("-t", prefix));
				}
				args.addAll(List.of("--rcvhwm", "1000000", "--curve-server-key", backendKey, "--curve-key-file",
						watcherKeys.get(w).toString(), backend));
				ByteArrayOutputStream output = new ByteArrayOutputStream();
				Watcher watcher = new Watcher(TailOptions.parse(Map.of(), args.toArray(String[]::new)),
						new PrintStream(output, false, StandardCharsets.UTF_8), false);
				CompletableFuture.supplyAsync(watcher::run);
				watchers.add(watcher);
				outputs.add(output);
			}
			// Every watcher's prefixes reach every instance through the forwarder.
			Set<String> all = new HashSet<>();
			PREFIXES.forEach(all::addAll);
			for (Instance instance : instances) {
				await().atMost(Duration.ofSeconds(60))
					.until(() -> instance.appender.getStats().socket().subscriptions().keySet().containsAll(all));
			}
			long cpuBefore = cpuTicks(forwarder.pid());
			long start = System.nanoTime();
			List<CompletableFuture<Void>> logging = new ArrayList<>();
			for (Instance instance : instances) {
				logging.add(CompletableFuture.runAsync(instance::logAll, threads));
			}
			CompletableFuture.allOf(logging.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
			long logged = (long) INSTANCES * EVENTS;
			await().atMost(Duration.ofSeconds(60)).until(() -> instances.stream().allMatch(Instance::settled));
			long dropped = instances.stream().mapToLong((i) -> i.appender.getCounters().droppedTotal()).sum();
			await().atMost(Duration.ofSeconds(60)).until(() -> watchers.get(3).received() + dropped >= logged);
			long elapsed = System.nanoTime() - start;
			long cpu = cpuTicks(forwarder.pid()) - cpuBefore;
			for (int w = 0; w < PREFIXES.size(); w++) {
				int index = w;
				if (dropped == 0) {
					await().atMost(Duration.ofSeconds(30))
						.until(() -> watchers.get(index).received() >= expected(PREFIXES.get(index)).size());
				}
			}
			String statsLine = forwarder.awaitErrorLine(
					(line) -> line.startsWith("{")
							&& new ObjectMapper().readTree(line).get("forwarded").asLong() + dropped >= logged,
					Duration.ofSeconds(30));
			JsonNode stats = new ObjectMapper().readTree(statsLine);
			for (Watcher watcher : watchers) {
				assertThat(watcher.stop(Duration.ofSeconds(10))).isTrue();
			}
			for (int w = 0; w < PREFIXES.size(); w++) {
				List<String> lines = outputs.get(w).toString(StandardCharsets.UTF_8).lines().toList();
				Set<String> expected = expected(PREFIXES.get(w));
				assertThat(lines).as("watcher %s, nothing twice", PREFIXES.get(w)).doesNotHaveDuplicates();
				assertThat(expected).as("watcher %s, nothing that does not match", PREFIXES.get(w)).containsAll(lines);
				if (dropped == 0) {
					assertThat(lines).as("watcher %s", PREFIXES.get(w)).hasSameSizeAs(expected);
				}
			}
			List<String> everything = outputs.get(3).toString(StandardCharsets.UTF_8).lines().toList();
			for (Instance instance : instances) {
				long received = everything.stream().filter((l) -> l.startsWith(instance.name + ".")).count();
				ZmqLogCounters counters = instance.appender.getCounters();
				assertThat(received + counters.droppedTotal()).as(instance.name).isEqualTo(EVENTS);
			}
			assertThat(stats.get("watchers").asLong()).isEqualTo(PREFIXES.size());
			assertThat(stats.get("instances").asLong()).isEqualTo(INSTANCES);
			assertThat(stats.get("subscriptions").asLong()).isEqualTo(all.size());
			assertThat(stats.get("refusedWatchers").asLong()).isZero();
			assertThat(stats.get("refusedInstances").asLong()).isZero();
			instances.forEach((instance) -> assertThat(instance.appender.getStats().curve().client()).isTrue());
			double seconds = elapsed / 1e9;
			Faults.report("fleet",
					"instances=" + INSTANCES + " watchers=" + PREFIXES.size() + " logged=" + logged
							+ " droppedByAppenders=" + dropped + " forwarded=" + stats.get("forwarded").asLong()
							+ " seconds=" + String.format("%.2f", seconds) + " rateThroughForwarder="
							+ Math.round(stats.get("forwarded").asLong() / seconds) + "/s deliveredToWatchers="
							+ watchers.stream().mapToLong(Watcher::received).sum() + " forwarderCpuSeconds="
							+ String.format("%.2f", cpu / 100.0) + " forwarderCpuShare="
							+ String.format("%.0f%%", 100.0 * cpu / 100.0 / seconds));
		}
		finally {
			for (Watcher watcher : watchers) {
				watcher.stop(Duration.ofSeconds(5));
			}
			for (Instance instance : instances) {
				instance.close();
			}
			threads.shutdown();
		}
	}

	/** The lines a watcher with these prefixes prints: every matching event, once. */
	private static Set<String> expected(List<String> prefixes) {
		Set<String> lines = new HashSet<>();
		for (int i = 0; i < INSTANCES; i++) {
			for (int n = 0; n < EVENTS; n++) {
				String topic = "svc" + i + "." + LEVELS[n % LEVELS.length];
				if (prefixes.stream().anyMatch(topic::startsWith)) {
					lines.add(topic + " | svc" + i + " event " + n);
				}
			}
		}
		return lines;
	}

	/** User and system CPU of a process so far, in clock ticks (1/100 s on Linux). */
	private static long cpuTicks(long pid) throws IOException {
		String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		// After the command: state is field 3, utime 14 and stime 15.
		return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
	}

	/** An instance: its own Logback context and an appender that connects, no-drop. */
	private static final class Instance implements AutoCloseable {

		final String name;

		final LoggerContext context = new LoggerContext();

		final ZmqLogAppender appender = new ZmqLogAppender();

		final Logger logger;

		Instance(String name, String frontend, String frontendKey, Path secretKeyFile) {
			this.name = name;
			this.context.setMDCAdapter(new LogbackMDCAdapter());
			this.appender.setContext(this.context);
			this.appender.setName(name);
			this.appender.setRootTopic(name);
			this.appender.setPattern("%m");
			this.appender.setNoDrop(true);
			this.appender.setOverflowPolicy("BLOCK");
			this.appender.addConnect(frontend);
			this.appender.getCurve().setServerPublicKey(frontendKey);
			this.appender.getCurve().setClientSecretKeyFile(secretKeyFile.toString());
			this.appender.start();
			assertThat(this.appender.isStarted()).isTrue();
			this.logger = this.context.getLogger("app");
			this.logger.setLevel(Level.INFO);
			this.logger.addAppender(this.appender);
		}

		void logAll() {
			IntStream.range(0, EVENTS).forEach((n) -> {
				Level level = LEVELS[n % LEVELS.length];
				String message = this.name + " event " + n;
				if (level == Level.INFO) {
					this.logger.info(message);
				}
				else if (level == Level.WARN) {
					this.logger.warn(message);
				}
				else {
					this.logger.error(message);
				}
			});
		}

		boolean settled() {
			ZmqLogCounters counters = this.appender.getCounters();
			return counters.enqueued() == EVENTS && counters.sent() + counters.droppedTotal() == EVENTS;
		}

		@Override
		public void close() {
			this.appender.stop();
			this.context.stop();
		}

	}

}

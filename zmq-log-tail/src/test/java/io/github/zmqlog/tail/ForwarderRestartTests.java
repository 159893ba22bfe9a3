package io.github.zmqlog.tail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import io.github.zmqlog.logback.ZmqLogAppender;
import io.github.zmqlog.logback.ZmqLogCounters;
import io.github.zmqlog.testsupport.ChildJvm;
import io.github.zmqlog.testsupport.Faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The forwarder as a process of its own, killed with {@code SIGKILL} and started again on
 * the same ports: an appender that connects to it, and a watcher's SUB connected to its
 * backend, both left running, receive again without being restarted.
 */
@Timeout(120)
class ForwarderRestartTests {

	private static final Duration RECONNECT_INTERVAL = Duration.ofMillis(100);

	private static final Duration RECONNECT_INTERVAL_MAX = Duration.ofSeconds(1);

	@Test
	void connectingAppenderIsReceivedAgainAfterTheForwarderRestarts() throws Exception {
		String frontend = "tcp://127.0.0.1:" + Faults.freePort();
		String backend = "tcp://127.0.0.1:" + Faults.freePort();
		LoggerContext context = new LoggerContext();
		context.setMDCAdapter(new LogbackMDCAdapter());
		ZmqLogAppender appender = new ZmqLogAppender();
		appender.setContext(context);
		appender.setName("fleet");
		appender.setRootTopic("fleet");
		appender.addConnect(frontend);
		appender
			.setReconnectInterval(ch.qos.logback.core.util.Duration.buildByMilliseconds(RECONNECT_INTERVAL.toMillis()));
		appender.setReconnectIntervalMax(
				ch.qos.logback.core.util.Duration.buildByMilliseconds(RECONNECT_INTERVAL_MAX.toMillis()));
		appender.start();
		Logger logger = context.getLogger("app");
		logger.addAppender(appender);
		try (ZContext zmq = new ZContext(1)) {
			ZMQ.Socket watcher = zmq.createSocket(SocketType.SUB);
			watcher.setHandshakeIvl(1000);
			watcher.subscribe("fleet".getBytes(StandardCharsets.UTF_8));
			watcher.connect(backend);
			StringBuilder figures = new StringBuilder();
			// Steady load all the while, the forwarder's downtime included.
			AtomicBoolean loading = new AtomicBoolean(true);
			Thread load = new Thread(() -> {
				for (long n = 0; loading.get(); n++) {
					logger.info("load {}", n);
					LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
				}
			}, "load");
			load.start();
			for (int run = 1; run <= 2; run++) {
				try (ChildJvm forwarder = ChildJvm.start(ZmqLogTail.class, "proxy", "--frontend", frontend, "--backend",
						backend)) {
					forwarder.awaitErrorLine((line) -> line.startsWith("zmq-log-tail: forwarding"),
							Duration.ofSeconds(30));
					long start = System.nanoTime();
					String body = awaitThrough(logger, watcher, "run " + run);
					figures.append(" run")
						.append(run)
						.append("FirstReceived=")
						.append(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
						.append("ms");
					assertThat(body).startsWith("run " + run + " ping ");
					if (run == 2) {
						// The appender had been retrying with its backoff, at most
						// reconnect-interval-max apart: once the new forwarder listens,
						// the next
						// attempt connects (the watcher's own reconnect and both
						// handshakes
						// come on top).
						assertThat(Duration.ofNanos(System.nanoTime() - start))
							.isLessThan(RECONNECT_INTERVAL_MAX.plus(RECONNECT_INTERVAL).plusSeconds(3));
					}
					if (run == 1) {
						forwarder.kill();
					}
				}
			}
			loading.set(false);
			load.join();
			assertThat(appender.isStarted()).as("the appender was never restarted").isTrue();
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				ZmqLogCounters counters = appender.getCounters();
				assertThat(counters.sent() + counters.droppedTotal()).isEqualTo(counters.enqueued());
			});
			assertThat(appender.getStats().socket().connectedEndpoints()).containsExactly(frontend);
			Faults.report("restart-forwarder",
					"runs=2 (SIGKILL between them)" + figures + " reconnectIntervalMax="
							+ RECONNECT_INTERVAL_MAX.toMillis() + "ms sent=" + appender.getCounters().sent()
							+ " droppedByAppender=" + appender.getCounters().droppedTotal());
		}
		finally {
			appender.stop();
			context.stop();
		}
	}

	/** Logs a ping every 100 ms until the watcher receives one of this run. */
	private static String awaitThrough(Logger logger, ZMQ.Socket watcher, String run) {
		watcher.setReceiveTimeOut(100);
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		for (int ping = 1; System.nanoTime() < deadline; ping++) {
			logger.info("{} ping {}", run, ping);
			byte[] topic = watcher.recv();
			while (topic != null) {
				String body = watcher.recvStr();
				if (body.startsWith(run + " ")) {
					return body;
				}
				topic = watcher.recv(ZMQ.DONTWAIT);
			}
		}
		throw new AssertionError("No event of " + run + " went through the forwarder within 60 s");
	}

}

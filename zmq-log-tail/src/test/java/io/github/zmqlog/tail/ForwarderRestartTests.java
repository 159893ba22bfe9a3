package io.github.zmqlog.tail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import io.github.zmqlog.logback.ZmqLogAppender;
import io.github.zmqlog.testsupport.ChildJvm;
import io.github.zmqlog.testsupport.Faults;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The forwarder as a process of its own, killed with {@code SIGKILL} and started again on
 * the same ports: an appender that connects to it, and a watcher's SUB connected to its
 * backend, both left running, receive again without being restarted.
 */
@Timeout(120)
class ForwarderRestartTests {

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
		appender.start();
		Logger logger = context.getLogger("app");
		logger.addAppender(appender);
		try (ZContext zmq = new ZContext(1)) {
			ZMQ.Socket watcher = zmq.createSocket(SocketType.SUB);
			watcher.setHandshakeIvl(1000);
			watcher.subscribe("fleet".getBytes(StandardCharsets.UTF_8));
			watcher.connect(backend);
			StringBuilder figures = new StringBuilder();
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
					if (run == 1) {
						forwarder.kill();
					}
				}
			}
			assertThat(appender.isStarted()).as("the appender was never restarted").isTrue();
			assertThat(appender.getStats().socket().connectedEndpoints()).containsExactly(frontend);
			Faults.report("restart-forwarder", "runs=2 (SIGKILL between them)" + figures + " droppedByAppender="
					+ appender.getCounters().droppedTotal());
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

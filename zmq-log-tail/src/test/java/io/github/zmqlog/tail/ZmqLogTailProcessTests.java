package io.github.zmqlog.tail;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line as a real process: usage errors, a clean end on SIGTERM, and
 * {@code --count}.
 */
@Timeout(60)
class ZmqLogTailProcessTests {

	@Test
	void badArgumentsExitWithUsage() throws Exception {
		Process process = start("--count", "zero", "tcp://127.0.0.1:5556");
		assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).isEqualTo(2);
		String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(err).startsWith("zmq-log-tail: --count takes a positive whole number, not zero").contains("usage:");
	}

	@Test
	void endsCleanlyOnSigterm() throws Exception {
		Process process = start("--bind", "tcp://127.0.0.1:*");
		BufferedReader err = new BufferedReader(
				new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
		assertThat(err.readLine()).startsWith("zmq-log-tail: listening on tcp://127.0.0.1:");
		long start = System.nanoTime();
		process.toHandle().destroy(); // SIGTERM, leaving our ends of its pipes open
		assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		assertThat(err.lines().toList()).as("nothing printed on the way out").isEmpty();
	}

	@Test
	void printsCountMessagesFromAPublisherThenExits() throws Exception {
		try (ZContext zmq = new ZContext(1)) {
			ZMQ.Socket publisher = publisher(zmq);
			Process process = start("--count", "2", publisher.getLastEndpoint());
			WatcherTests.awaitSubscription(publisher);
			for (String message : new String[] { "first\n", "second\n", "third\n" }) {
				publisher.sendMore("app.INFO");
				publisher.send(message);
			}
			assertExitsCleanly(process);
			List<String> lines = new ArrayList<>(
					new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList());
			assertThat(lines).containsExactly("app.INFO | first", "app.INFO | second");
		}
	}

	@Test
	void hostileMessageReachesStdoutWithoutTerminalControls() throws Exception {
		try (ZContext zmq = new ZContext(1)) {
			ZMQ.Socket publisher = publisher(zmq);
			Process process = start("--count", "1", publisher.getLastEndpoint());
			WatcherTests.awaitSubscription(publisher);
			publisher.sendMore("app.WARN");
			publisher.send("login failed for \u001b]0;owned\u0007\u001b[2J\u009b2J\u202eadmin\n");
			assertExitsCleanly(process);
			byte[] out = process.getInputStream().readAllBytes();
			assertThat(out).doesNotContain((byte) 0x1b, (byte) 0x07, (byte) 0x9b);
			assertThat(new String(out, StandardCharsets.UTF_8).lines().toList()).containsExactly(
					"app.WARN | login failed for \\x1b]0;owned\\x07\\x1b[2J\\u009b2J\\u202eadmin [escaped]");
		}
	}

	private static ZMQ.Socket publisher(ZContext zmq) {
		ZMQ.Socket publisher = zmq.createSocket(SocketType.XPUB);
		publisher.setHandshakeIvl(1000);
		publisher.bind("tcp://127.0.0.1:*");
		return publisher;
	}

	@Test
	void webRefusesToListenBeyondLoopbackWithoutAToken() throws Exception {
		Process process = start("web", "--listen", "0.0.0.0:0", "tcp://127.0.0.1:5556");
		assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).isEqualTo(2);
		String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(err).startsWith("zmq-log-tail: refusing to listen on 0.0.0.0:0 without an access token:")
			.contains(WebOptions.TOKEN_ENV);
	}

	@Test
	void webSaysWhereItListensWithoutShowingTheTokenAndEndsOnSigterm() throws Exception {
		String token = "process-test-token-0123456789";
		Process process = start("web", "--listen", "127.0.0.1:0", "--token", token, "tcp://127.0.0.1:5556");
		BufferedReader err = new BufferedReader(
				new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
		assertThat(err.readLine()).startsWith("zmq-log-tail: web view of tcp://127.0.0.1:5556 on http://127.0.0.1:")
			.endsWith("(open it with ?token=... once; the token is not shown)")
			.doesNotContain(token);
		process.toHandle().destroy();
		assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(err.lines().toList()).as("nothing printed on the way out").isEmpty();
	}

	private static void assertExitsCleanly(Process process) throws InterruptedException {
		assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).isZero();
	}

	static Process start(String... args) throws Exception {
		List<String> command = new ArrayList<>(
				List.of(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java", "-cp",
						System.getProperty("java.class.path"), ZmqLogTail.class.getName()));
		command.addAll(List.of(args));
		return new ProcessBuilder(command).start();
	}

}

package io.github.zmqlog.testsupport;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A main class of the test classpath run in a JVM of its own, for tests that need another
 * process: its stdout lines are queued for the test to wait for, its stderr is kept for
 * failure messages. {@link #close()} kills it; call it from {@code finally} or
 * try-with-resources.
 */
public final class ChildJvm implements AutoCloseable {

	private final Process process;

	private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

	private final BlockingQueue<String> errorLines = new LinkedBlockingQueue<>();

	private final List<String> errors = Collections.synchronizedList(new ArrayList<>());

	private final String name;

	private ChildJvm(String name, Process process) {
		this.name = name;
		this.process = process;
		drain(process.getInputStream(), this.lines::add, name + "-stdout");
		drain(process.getErrorStream(), (line) -> {
			if (this.errors.size() < 200) {
				this.errors.add(line);
			}
			this.errorLines.add(line);
		}, name + "-stderr");
	}

	/**
	 * Starts a main class in a new JVM with this JVM's classpath.
	 * @param mainClass the class whose {@code main} runs
	 * @param args its arguments
	 * @return the running child
	 * @throws IOException when the JVM cannot be started
	 */
	public static ChildJvm start(Class<?> mainClass, String... args) throws IOException {
		return start(System.getProperty("java.class.path"), List.of(), mainClass, args);
	}

	/**
	 * Starts a main class in a new JVM with a classpath and JVM options of the caller's,
	 * e.g. an application's runtime classpath without the test's.
	 * @param classPath the classpath
	 * @param jvmOptions options before the main class, e.g. system properties
	 * @param mainClass the class whose {@code main} runs
	 * @param args its arguments
	 * @return the running child
	 * @throws IOException when the JVM cannot be started
	 */
	public static ChildJvm start(String classPath, List<String> jvmOptions, Class<?> mainClass, String... args)
			throws IOException {
		return start(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java", classPath,
				jvmOptions, mainClass, args);
	}

	/**
	 * Starts a main class in a new JVM of another JDK, e.g. one with virtual threads
	 * ({@link ModernJdk}).
	 * @param java the {@code java} executable
	 * @param classPath the classpath
	 * @param jvmOptions options before the main class, e.g. system properties
	 * @param mainClass the class whose {@code main} runs
	 * @param args its arguments
	 * @return the running child
	 * @throws IOException when the JVM cannot be started
	 */
	public static ChildJvm start(String java, String classPath, List<String> jvmOptions, Class<?> mainClass,
			String... args) throws IOException {
		List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp", classPath));
		command.addAll(jvmOptions);
		command.add(mainClass.getName());
		command.addAll(List.of(args));
		return new ChildJvm(mainClass.getSimpleName(), new ProcessBuilder(command).start());
	}

	private static void drain(InputStream stream, Consumer<String> sink, String threadName) {
		Thread reader = new Thread(() -> {
			try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
				String line;
				while ((line = in.readLine()) != null) {
					sink.accept(line);
				}
			}
			catch (IOException ex) {
				// the process ended
			}
		}, threadName);
		reader.setDaemon(true);
		reader.start();
	}

	/**
	 * Waits for a stdout line, skipping earlier lines that do not match.
	 * @param matches what the line must satisfy
	 * @param timeout how long to wait
	 * @return the line
	 * @throws AssertionError when none came in time
	 */
	public String awaitLine(Predicate<String> matches, Duration timeout) throws InterruptedException {
		String line = pollLine(matches, timeout);
		if (line == null) {
			throw new AssertionError(this.name + " printed no expected line within " + timeout.toMillis()
					+ " ms (alive: " + this.process.isAlive() + ", stderr: " + this.errors + ")");
		}
		return line;
	}

	/**
	 * Waits for a stderr line, skipping earlier lines that do not match.
	 * @param matches what the line must satisfy
	 * @param timeout how long to wait
	 * @return the line
	 * @throws AssertionError when none came in time
	 */
	public String awaitErrorLine(Predicate<String> matches, Duration timeout) throws InterruptedException {
		String line = poll(this.errorLines, matches, timeout);
		if (line == null) {
			throw new AssertionError(this.name + " printed no expected line on stderr within " + timeout.toMillis()
					+ " ms (alive: " + this.process.isAlive() + ", stderr: " + this.errors + ")");
		}
		return line;
	}

	/**
	 * Waits for a stdout line, skipping earlier lines that do not match.
	 * @param matches what the line must satisfy
	 * @param timeout how long to wait
	 * @return the line, or {@code null} when none came in time
	 */
	public String pollLine(Predicate<String> matches, Duration timeout) throws InterruptedException {
		return poll(this.lines, matches, timeout);
	}

	private static String poll(BlockingQueue<String> lines, Predicate<String> matches, Duration timeout)
			throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		long left;
		while ((left = deadline - System.nanoTime()) > 0) {
			String line = lines.poll(left, TimeUnit.NANOSECONDS);
			if (line != null && matches.test(line)) {
				return line;
			}
		}
		return null;
	}

	/**
	 * Kills the process with {@code SIGKILL}, as {@code kill -9} does, and waits for it
	 * to end.
	 */
	public void kill() throws InterruptedException {
		this.process.destroyForcibly();
		if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
			throw new AssertionError(this.name + " survived SIGKILL for 20 s");
		}
	}

	/**
	 * Asks the process to end with {@code SIGTERM} and waits for it.
	 * @param timeout how long to wait
	 * @return whether it ended in time
	 */
	public boolean terminate(Duration timeout) throws InterruptedException {
		this.process.destroy();
		return this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Returns what the process printed on stderr so far (at most 200 lines).
	 * @return the lines
	 */
	public List<String> errors() {
		return List.copyOf(this.errors);
	}

	public long pid() {
		return this.process.pid();
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			kill();
		}
	}

}

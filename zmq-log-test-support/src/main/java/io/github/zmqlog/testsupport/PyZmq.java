package io.github.zmqlog.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Real PyZMQ for interop tests: Debian's {@code python3-zmq}, run with
 * {@code /usr/bin/python3}. Tests that use it are annotated {@link EnabledIfPyZmq}.
 */
public final class PyZmq {

	/** Debian's interpreter, the one {@code python3-zmq} installs into. */
	public static final String PYTHON = "/usr/bin/python3";

	private static @Nullable Boolean available;

	private static @Nullable Boolean curveAvailable;

	private PyZmq() {
	}

	/**
	 * Says what is missing for a PyZMQ test, if anything.
	 * @param curve whether the test needs CURVE in the libzmq under PyZMQ
	 * @return why the test cannot run, with how to fix it, or {@code null} when it can
	 */
	static synchronized @Nullable String missing(boolean curve) {
		if (available == null) {
			available = runs("import zmq");
		}
		if (!available) {
			return "PyZMQ not found: install it with 'apt-get install python3-zmq' (for " + PYTHON + ")";
		}
		if (curve && curveAvailable == null) {
			curveAvailable = runs("import sys, zmq; sys.exit(0 if zmq.has('curve') else 3)");
		}
		if (curve && !curveAvailable) {
			return "The libzmq under PyZMQ has no CURVE support (zmq.has('curve') is False)";
		}
		return null;
	}

	static boolean isRequired() {
		return "true".equalsIgnoreCase(System.getenv("CI")) || Boolean.getBoolean("zmqlog.requireExternalTools");
	}

	private static boolean runs(String code) {
		try {
			Process process = new ProcessBuilder(PYTHON, "-c", code).redirectErrorStream(true).start();
			return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Starts one of the test scripts ({@code sub.py}, {@code pubhandler.py}) unbuffered.
	 * @param script the script's name under {@code /pyzmq/} on the test classpath
	 * @param args its arguments
	 * @return the process
	 */
	public static Process script(String script, String... args) throws IOException {
		return script(Map.of(), script, args);
	}

	/**
	 * Starts one of the test scripts with extra environment variables, e.g. keys that
	 * must not be on a command line.
	 * @param environment variables to add
	 * @param script the script's name under {@code /pyzmq/} on the test classpath
	 * @param args its arguments
	 * @return the process
	 */
	public static Process script(Map<String, String> environment, String script, String... args) throws IOException {
		Path file = Files.createTempFile("zmqlog-" + script.replace(".py", ""), ".py");
		file.toFile().deleteOnExit();
		try (InputStream in = PyZmq.class.getResourceAsStream("/pyzmq/" + script)) {
			Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
		}
		List<String> command = new ArrayList<>(List.of(PYTHON, "-u", file.toString()));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().putAll(environment);
		return builder.start();
	}

	/**
	 * Starts {@code python3 -u -m MODULE ARGS}, e.g. PyZMQ's watcher {@code zmq.log}.
	 * @param module the module
	 * @param args its arguments
	 * @return the process
	 */
	public static Process module(String module, String... args) throws IOException {
		List<String> command = new ArrayList<>(List.of(PYTHON, "-u", "-m", module));
		command.addAll(List.of(args));
		return new ProcessBuilder(command).start();
	}

}

package io.github.zmqlog.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts the JVMs the figures are measured in, each with the same options and alone
 * beside its subscriber, and reads their result lines ({@link Results}); a watchdog ends
 * one that runs past its time, so that the whole report stays bounded.
 */
final class ChildJvms {

	/**
	 * The options of every measured JVM: a fixed heap, touched up front, so no run pays
	 * for growing it.
	 */
	static final List<String> JVM_OPTIONS = List.of("-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch");

	private ChildJvms() {
	}

	/**
	 * Returns the options of a measured JVM, with the system properties that change a
	 * contender passed on when they are set.
	 * @return the options, a list to add to
	 */
	static List<String> measuredJvmArgs() {
		List<String> args = new ArrayList<>(JVM_OPTIONS);
		for (String property : List.of(Log4j2Target.SND_HWM, ZmqLogTarget.QUEUE_SIZE)) {
			if (System.getProperty(property) != null) {
				args.add("-D" + property + "=" + System.getProperty(property));
			}
		}
		return args;
	}

	/**
	 * Runs a probe's main class in a measured JVM, its output copied to {@code name.log}.
	 * @param run the report's run, told when the JVM fails
	 * @param name the name of the log
	 * @param extraJvmArgs more JVM options
	 * @param main the probe
	 * @param args its arguments
	 * @return its result lines, in order, each by key
	 * @throws Exception if it cannot be started or read
	 */
	static List<Map<String, String>> probe(Run run, String name, List<String> extraJvmArgs, Class<?> main,
			String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of(java()));
		command.addAll(measuredJvmArgs());
		command.addAll(extraJvmArgs);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
		command.addAll(List.of(args));
		Path log = run.logs().resolve(name + ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		Thread watchdog = watchdog(process, 300);
		List<Map<String, String>> results = new ArrayList<>();
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
				PrintWriter copy = new PrintWriter(Files.newBufferedWriter(log))) {
			String line;
			while ((line = lines.readLine()) != null) {
				copy.println(line);
				if (line.startsWith(Results.PREFIX)) {
					results.add(Fixture.parse(line.substring(Results.PREFIX.length())));
				}
			}
		}
		int exit = process.waitFor();
		watchdog.interrupt();
		if (exit != 0) {
			run.problem(name + " exited with " + exit + ", see " + log);
		}
		return results;
	}

	/**
	 * Ends a child process that runs past its time.
	 * @param process the process
	 * @param seconds its time
	 * @return the watchdog, to interrupt once the process has ended
	 */
	static Thread watchdog(Process process, long seconds) {
		Thread watchdog = new Thread(() -> {
			try {
				if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
					process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				// the process ended in time
			}
		}, "watchdog");
		watchdog.setDaemon(true);
		watchdog.start();
		return watchdog;
	}

	/**
	 * The {@code java} of the JVM running the report, so every child runs on the same
	 * JDK.
	 * @return the path of the {@code java} launcher in {@code java.home}
	 */
	static String java() {
		return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
	}

}

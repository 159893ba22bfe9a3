package io.github.zmqlog.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;

/**
 * What the report says about the machine it ran on, read from Linux's {@code /proc} and
 * {@code /etc}: "unknown" where a file is missing, since the figures matter more than the
 * header.
 */
final class Machine {

	private Machine() {
	}

	static String loadAverage() {
		try {
			String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return parts[0] + " " + parts[1] + " " + parts[2];
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	static String cpuModel() {
		return field(Path.of("/proc/cpuinfo"), "model name", (line) -> line.substring(line.indexOf(':') + 1).trim());
	}

	static String memory() {
		return field(Path.of("/proc/meminfo"), "MemTotal", (line) -> String.format(Locale.ROOT, "%.1f GiB",
				Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0));
	}

	/**
	 * The value of the first line of a {@code /proc} file that starts with the key.
	 * @param file the file, e.g. {@code /proc/cpuinfo}
	 * @param key what the line starts with
	 * @param value extracts the value from the line
	 * @return the value, "unknown" when no line starts with the key or the file cannot be
	 * read
	 */
	private static String field(Path file, String key, Function<String, String> value) {
		try {
			return Files.readAllLines(file)
				.stream()
				.filter((line) -> line.startsWith(key))
				.map(value)
				.findFirst()
				.orElse("unknown");
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	static String os() {
		String name = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
				+ System.getProperty("os.arch");
		try {
			for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
				if (line.startsWith("PRETTY_NAME=")) {
					return line.substring("PRETTY_NAME=".length()).replace("\"", "") + ", " + name;
				}
			}
		}
		catch (IOException ex) {
			// not Linux: the JVM's name will do
		}
		return name;
	}

	/**
	 * The commit the jar was built from, if the report runs in the working tree it was
	 * built in.
	 * @return what {@code git describe --always --dirty --abbrev=12} prints (the
	 * abbreviated commit, {@code -dirty} after it for uncommitted changes), or "unknown"
	 * when git fails
	 */
	static String gitCommit() {
		try {
			Process process = new ProcessBuilder("git", "describe", "--always", "--dirty", "--abbrev=12")
				.redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			return (process.waitFor() == 0) ? output : "unknown";
		}
		catch (IOException | InterruptedException ex) {
			return "unknown";
		}
	}

}

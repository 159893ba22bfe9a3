package io.github.zmqlog.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A JDK with virtual threads (21 or later) beside the one running the tests, for tests
 * whose child JVM needs one: the project compiles Java 17 bytecode, which such a JDK
 * runs. Looked for in this order: {@code -Dzmqlog.virtualThreadsJdk=<java home>}, the
 * running JDK, and the JDKs installed under {@code /usr/lib/jvm} (the newest wins).
 */
public final class ModernJdk {

	/** The first Java version with virtual threads as a final feature. */
	public static final int MIN_VERSION = 21;

	private static final Pattern JAVA_VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);

	private static final Path INSTALLED = Path.of("/usr/lib/jvm");

	private ModernJdk() {
	}

	/**
	 * Returns a JDK 21 or later.
	 * @return its {@code bin/java}, or empty when there is none
	 */
	public static Optional<Found> find() {
		String configured = System.getProperty("zmqlog.virtualThreadsJdk");
		if (configured != null && !configured.isBlank()) {
			return atLeast(Path.of(configured));
		}
		Optional<Found> running = atLeast(Path.of(System.getProperty("java.home")));
		if (running.isPresent()) {
			return running;
		}
		List<Found> installed = new ArrayList<>();
		if (Files.isDirectory(INSTALLED)) {
			try (Stream<Path> homes = Files.list(INSTALLED)) {
				homes.forEach((home) -> atLeast(home).ifPresent(installed::add));
			}
			catch (IOException ex) {
				// nothing found there
			}
		}
		return installed.stream().max((a, b) -> Integer.compare(a.version(), b.version()));
	}

	/**
	 * Says why a test that needs a JDK 21 or later cannot run.
	 * @return the reason, or {@code null} when one was found
	 */
	static String missing() {
		return find().isPresent() ? null
				: "No JDK " + MIN_VERSION + " or later found (looked at -Dzmqlog.virtualThreadsJdk, the running JDK "
						+ System.getProperty("java.version") + " and " + INSTALLED
						+ "/*): install one, e.g. Temurin 25";
	}

	private static Optional<Found> atLeast(Path home) {
		Path java = home.resolve("bin").resolve(isWindows() ? "java.exe" : "java");
		Path release = home.resolve("release");
		if (!Files.isExecutable(java) || !Files.isRegularFile(release)) {
			return Optional.empty();
		}
		try {
			Matcher version = JAVA_VERSION.matcher(Files.readString(release, StandardCharsets.UTF_8));
			if (version.find() && Integer.parseInt(version.group(1)) >= MIN_VERSION) {
				return Optional.of(new Found(java.toString(), Integer.parseInt(version.group(1))));
			}
		}
		catch (IOException | NumberFormatException ex) {
			// not a JDK we can use
		}
		return Optional.empty();
	}

	private static boolean isWindows() {
		return File.separatorChar == '\\';
	}

	/**
	 * A JDK found.
	 *
	 * @param java its {@code bin/java}
	 * @param version its feature version, e.g. 25
	 */
	public record Found(String java, int version) {
	}

}

package io.github.zmqlog.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * A real browser for the web view's tests: Debian's {@code chromium} and
 * {@code chromium-driver}, at fixed paths so that no driver is ever downloaded. Tests
 * that use it are annotated {@link EnabledIfChromium}.
 */
public final class Chromium {

	/** Debian's Chromium. */
	public static final Path BROWSER = Path.of("/usr/bin/chromium");

	/** Debian's chromedriver, of the same version as {@link #BROWSER}. */
	public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

	private Chromium() {
	}

	/**
	 * Says what is missing for a browser test, if anything.
	 * @return why the test cannot run, with how to fix it, or {@code null} when it can
	 */
	static @Nullable String missing() {
		if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
			return "Chromium not found: install it with 'apt-get install chromium chromium-driver' (for " + BROWSER
					+ " and " + DRIVER + ")";
		}
		return null;
	}

}

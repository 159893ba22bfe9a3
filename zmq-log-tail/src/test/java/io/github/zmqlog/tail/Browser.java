package io.github.zmqlog.tail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import io.github.zmqlog.testsupport.Chromium;

/**
 * A headless Debian Chromium per test, driven through Debian's chromedriver (named, so
 * that Selenium Manager never downloads one), with a fresh profile and no background
 * traffic. When a test fails it saves a screenshot and the page's HTML under
 * {@code target/browser/}, before the driver quits.
 */
final class Browser implements BeforeEachCallback, AfterTestExecutionCallback, AfterEachCallback {

	private ChromeDriver driver;

	private Path profile;

	ChromeDriver driver() {
		return this.driver;
	}

	@Override
	public void beforeEach(ExtensionContext context) throws IOException {
		System.setProperty("webdriver.chrome.driver", Chromium.DRIVER.toString());
		this.profile = Files.createTempDirectory("zmq-log-tail-chromium");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(Chromium.BROWSER.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--log-level=3", "--window-size=1280,800", "--enable-precise-memory-info",
				"--user-data-dir=" + this.profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Chromium.DRIVER.toFile())
			.usingAnyFreePort()
			.withSilent(true)
			.build();
		this.driver = new ChromeDriver(service, options);
		this.driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		this.driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
	}

	@Override
	public void afterTestExecution(ExtensionContext context) throws IOException {
		if (context.getExecutionException().isPresent() && this.driver != null) {
			String name = context.getRequiredTestClass().getSimpleName() + "-"
					+ context.getRequiredTestMethod().getName();
			save(Path.of("target", "browser", name + ".png"));
			Files.writeString(Path.of("target", "browser", name + ".html"), this.driver.getPageSource());
		}
	}

	/**
	 * Saves a screenshot of the page.
	 * @param file where to
	 */
	void save(Path file) throws IOException {
		Files.createDirectories(file.getParent());
		File shot = ((TakesScreenshot) this.driver).getScreenshotAs(OutputType.FILE);
		Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
	}

	@Override
	public void afterEach(ExtensionContext context) throws IOException {
		if (this.driver != null) {
			this.driver.quit();
		}
		if (this.profile != null) {
			try (Stream<Path> files = Files.walk(this.profile)) {
				files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
			}
		}
	}

}

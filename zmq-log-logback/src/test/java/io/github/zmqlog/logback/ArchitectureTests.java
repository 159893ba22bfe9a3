package io.github.zmqlog.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.slf4j.LoggerFactory;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The rules of this module's shape: no Spring, one package per concern beneath the API,
 * and those packages never reach back to the appender.
 */
@AnalyzeClasses(packages = "io.github.zmqlog.logback", importOptions = ImportOption.DoNotIncludeTests.class)
final class ArchitectureTests {

	static {
		// ArchUnit logs every class it reads at DEBUG, Logback's default level without a
		// configuration.
		((Logger) LoggerFactory.getLogger("com.tngtech.archunit")).setLevel(Level.INFO);
	}

	private ArchitectureTests() {
	}

	@ArchTest
	static final ArchRule noSpring = noClasses().should()
		.dependOnClassesThat()
		.resideInAPackage("org.springframework..")
		.because("zmq-log-logback is for any Logback application, with or without Spring");

	@ArchTest
	static final ArchRule concernsFormNoCycle = slices().matching("io.github.zmqlog.logback.(*)..")
		.should()
		.beFreeOfCycles();

	@ArchTest
	static final ArchRule concernsDoNotReachBackToTheAppender = noClasses().that()
		.resideInAnyPackage("..logback.format..", "..logback.transport..", "..logback.curve..", "..logback.status..",
				"..logback.thread..")
		.should()
		.dependOnClassesThat()
		.belongToAnyOf(ZmqLogAppender.class, RootLoggerAttacher.class)
		.because("the appender drives its parts, which take validated settings, not the appender");

}

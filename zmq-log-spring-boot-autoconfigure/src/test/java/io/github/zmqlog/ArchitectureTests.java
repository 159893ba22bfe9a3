package io.github.zmqlog;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.slf4j.LoggerFactory;

import io.github.zmqlog.logback.status.JeroMqErrorHandler;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The rules of the Spring side's shape, as Spring Boot 4 lays out its own modules: the
 * runtime packages (health, metrics, endpoint) take the appender, never the
 * auto-configuration.
 */
@AnalyzeClasses(packages = "io.github.zmqlog", importOptions = ImportOption.DoNotIncludeTests.class)
final class ArchitectureTests {

	static {
		// ArchUnit logs every class it reads at DEBUG, Logback's default level without a
		// configuration.
		((Logger) LoggerFactory.getLogger("com.tngtech.archunit")).setLevel(Level.INFO);
	}

	private ArchitectureTests() {
	}

	@ArchTest
	static final ArchRule runtimePackagesDoNotImportTheAutoConfiguration = noClasses().that()
		.resideInAnyPackage("io.github.zmqlog.health..", "io.github.zmqlog.metrics..", "io.github.zmqlog.actuate..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("io.github.zmqlog.autoconfigure..");

	@ArchTest
	static final ArchRule theAppenderDoesNotImportSpring = noClasses().that()
		.resideInAPackage("io.github.zmqlog.logback..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("org.springframework..");

	@ArchTest
	static final ArchRule springSideUsesTheAppendersApiOnly = noClasses().that()
		.resideOutsideOfPackage("io.github.zmqlog.logback..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("io.github.zmqlog.logback.format..", "io.github.zmqlog.logback.transport..",
				"io.github.zmqlog.logback.curve..", "io.github.zmqlog.logback.thread..")
		.orShould()
		.dependOnClassesThat(
				resideInAPackage("io.github.zmqlog.logback.status..").and(not(belongToAnyOf(JeroMqErrorHandler.class))))
		.because("beneath io.github.zmqlog.logback is internal; only the JeroMQ error handler is shared");

	@ArchTest
	static final ArchRule packagesFormNoCycle = slices().matching("io.github.zmqlog.(*)..").should().beFreeOfCycles();

	@ArchTest
	static final ArchRule autoConfigurationPackagesFormNoCycle = slices()
		.matching("io.github.zmqlog.autoconfigure.(*)..")
		.should()
		.beFreeOfCycles();

}

package io.github.zmqlog.tail;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.slf4j.LoggerFactory;

import io.github.zmqlog.logback.curve.CurveKeys;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * {@code zmq-log-tail} is a small command line: no Spring, and nothing of the appender's
 * beyond what it shares on purpose.
 */
@AnalyzeClasses(packages = "io.github.zmqlog.tail", importOptions = ImportOption.DoNotIncludeTests.class)
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
		.because("zmq-log-tail runs without Spring");

	@ArchTest
	static final ArchRule noLogbackBeyondCurveKeys = noClasses().should()
		.dependOnClassesThat()
		.resideInAnyPackage("ch.qos.logback..", "io.github.zmqlog.logback", "io.github.zmqlog.logback.format..",
				"io.github.zmqlog.logback.transport..", "io.github.zmqlog.logback.status..",
				"io.github.zmqlog.logback.thread..")
		.orShould()
		.dependOnClassesThat(
				resideInAPackage("io.github.zmqlog.logback.curve..").and(not(belongToAnyOf(CurveKeys.class))))
		.because("the watcher and forwarder share only CURVE key parsing with the appender");

}

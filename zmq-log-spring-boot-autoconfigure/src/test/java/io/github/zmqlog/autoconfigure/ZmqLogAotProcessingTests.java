package io.github.zmqlog.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.javapoet.ClassName;

import io.github.zmqlog.logback.ZmqLogAppender;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring's own ahead-of-time processing of a context with the auto-configuration, as
 * {@code spring-boot:process-aot} runs it: {@code aot.factories} brings in
 * {@link ZmqLogRuntimeHints}, and Spring Boot registers {@link ZmqLogProperties} and its
 * nested groups for binding.
 */
@Timeout(60)
class ZmqLogAotProcessingTests {

	@Test
	void processingAheadOfTimeRegistersThePropertiesForBindingAndTheRegistrarsHints() {
		RuntimeHints hints = processAheadOfTime();
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(ZmqLogProperties.class, "setQueueSize"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(ZmqLogProperties.Subtopic.class, "setMdcKey"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(ZmqLogProperties.Curve.class, "setServerSecretKeyFile")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(ZmqLogAppender.class)
			.withMemberCategories(MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS, MemberCategory.INVOKE_PUBLIC_METHODS))
			.accepts(hints);
	}

	private static RuntimeHints processAheadOfTime() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			context.register(ZmqLogAutoConfiguration.class);
			DefaultGenerationContext generationContext = new DefaultGenerationContext(
					new ClassNameGenerator(ClassName.get(ZmqLogAotProcessingTests.class)),
					new InMemoryGeneratedFiles());
			new ApplicationContextAotGenerator().processAheadOfTime(context, generationContext);
			return generationContext.getRuntimeHints();
		}
	}

}

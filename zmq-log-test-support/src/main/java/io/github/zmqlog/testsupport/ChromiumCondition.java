package io.github.zmqlog.testsupport;

import java.lang.reflect.AnnotatedElement;
import java.util.Optional;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The condition behind {@link EnabledIfChromium}. Where external tools are required but
 * Chromium is missing it throws, so that JUnit reports the test as failed with the
 * install hint rather than skipped.
 */
final class ChromiumCondition implements ExecutionCondition {

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		Optional<EnabledIfChromium> annotation = context.getElement()
			.flatMap((AnnotatedElement element) -> AnnotationSupport.findAnnotation(element, EnabledIfChromium.class));
		if (annotation.isEmpty()) {
			return ConditionEvaluationResult.enabled("not annotated with @EnabledIfChromium");
		}
		String missing = Chromium.missing();
		if (missing == null) {
			return ConditionEvaluationResult.enabled("Chromium and chromedriver are available");
		}
		if (PyZmq.isRequired()) {
			throw new IllegalStateException(
					missing + "; it is required here (CI=true or -Dzmqlog.requireExternalTools=true)");
		}
		return ConditionEvaluationResult.disabled(missing + ": skipping this browser test");
	}

}

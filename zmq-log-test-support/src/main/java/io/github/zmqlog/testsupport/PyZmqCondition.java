package io.github.zmqlog.testsupport;

import java.lang.reflect.AnnotatedElement;
import java.util.Optional;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The condition behind {@link EnabledIfPyZmq}. Where PyZMQ is required but missing it
 * throws, so that JUnit reports the test as failed with the install hint rather than
 * skipped.
 */
final class PyZmqCondition implements ExecutionCondition {

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		Optional<EnabledIfPyZmq> annotation = context.getElement()
			.flatMap((AnnotatedElement element) -> AnnotationSupport.findAnnotation(element, EnabledIfPyZmq.class));
		if (annotation.isEmpty()) {
			return ConditionEvaluationResult.enabled("not annotated with @EnabledIfPyZmq");
		}
		String missing = PyZmq.missing(annotation.get().curve());
		if (missing == null) {
			return ConditionEvaluationResult.enabled("PyZMQ is available");
		}
		if (PyZmq.isRequired()) {
			throw new IllegalStateException(
					missing + "; it is required here (CI=true or -Dzmqlog.requireExternalTools=true)");
		}
		return ConditionEvaluationResult.disabled(missing + ": skipping this interop test");
	}

}

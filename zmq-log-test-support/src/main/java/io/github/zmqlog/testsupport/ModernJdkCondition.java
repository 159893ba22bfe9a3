package io.github.zmqlog.testsupport;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The condition behind {@link EnabledIfModernJdk}. Where external tools are required but
 * the JDK is missing it throws, so that JUnit reports the test as failed rather than
 * skipped.
 */
final class ModernJdkCondition implements ExecutionCondition {

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		String missing = ModernJdk.missing();
		if (missing == null) {
			return ConditionEvaluationResult.enabled("a JDK " + ModernJdk.MIN_VERSION + "+ was found");
		}
		if (PyZmq.isRequired()) {
			throw new IllegalStateException(
					missing + "; it is required here (CI=true or -Dzmqlog.requireExternalTools=true)");
		}
		return ConditionEvaluationResult.disabled(missing + ": skipping this virtual-thread test");
	}

}

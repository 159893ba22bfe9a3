package io.github.zmqlog.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test only where {@link ModernJdk} finds a JDK 21 or later (for virtual threads),
 * and skips it with a message elsewhere; where external tools are required
 * ({@code CI=true}, or {@code -Dzmqlog.requireExternalTools=true}) a missing JDK fails
 * the test instead.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(ModernJdkCondition.class)
public @interface EnabledIfModernJdk {

}

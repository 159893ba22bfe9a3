package io.github.zmqlog.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test only where Debian's Chromium and its driver ({@link Chromium#BROWSER},
 * {@link Chromium#DRIVER}) are installed, and skips it with an install hint elsewhere;
 * where external tools are required ({@code CI=true}, or
 * {@code -Dzmqlog.requireExternalTools=true}) a missing browser fails the test instead.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(ChromiumCondition.class)
public @interface EnabledIfChromium {

}

package io.github.zmqlog.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test only where PyZMQ ({@code python3-zmq} under {@link PyZmq#PYTHON}) can be
 * imported, and skips it with an install hint elsewhere; where PyZMQ is required
 * ({@code CI=true}, or {@code -Dzmqlog.requireExternalTools=true}) a missing PyZMQ fails
 * the test instead.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(PyZmqCondition.class)
public @interface EnabledIfPyZmq {

	/**
	 * Whether the test also needs CURVE in the libzmq under PyZMQ
	 * ({@code zmq.has('curve')}).
	 * @return whether CURVE is needed
	 */
	boolean curve() default false;

}

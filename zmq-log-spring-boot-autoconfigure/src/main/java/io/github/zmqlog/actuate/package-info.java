/**
 * Actuator endpoint and metrics for ZeroMQ log publishing.
 */
@NullMarked
package io.github.zmqlog.actuate;

import org.jspecify.annotations.NullMarked;

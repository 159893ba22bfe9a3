/**
 * Actuator endpoint for ZeroMQ log publishing.
 */
@NullMarked
package io.github.zmqlog.actuate.endpoint;

import org.jspecify.annotations.NullMarked;

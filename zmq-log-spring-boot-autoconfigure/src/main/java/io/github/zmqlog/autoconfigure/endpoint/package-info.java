/**
 * Auto-configuration of the ZeroMQ log publishing actuator endpoint.
 */
@NullMarked
package io.github.zmqlog.autoconfigure.endpoint;

import org.jspecify.annotations.NullMarked;

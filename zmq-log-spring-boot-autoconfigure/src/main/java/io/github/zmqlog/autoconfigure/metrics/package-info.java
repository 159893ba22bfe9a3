/**
 * Auto-configuration of the ZeroMQ log publishing metrics.
 */
@NullMarked
package io.github.zmqlog.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;

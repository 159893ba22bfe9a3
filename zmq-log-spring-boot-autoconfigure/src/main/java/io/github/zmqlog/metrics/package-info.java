/**
 * Micrometer metrics for ZeroMQ log publishing.
 */
@NullMarked
package io.github.zmqlog.metrics;

import org.jspecify.annotations.NullMarked;

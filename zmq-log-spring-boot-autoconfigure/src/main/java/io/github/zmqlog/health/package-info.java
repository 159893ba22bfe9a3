/**
 * Health indicator for ZeroMQ log publishing.
 */
@NullMarked
package io.github.zmqlog.health;

import org.jspecify.annotations.NullMarked;

/**
 * Auto-configuration of the ZeroMQ log publishing health indicator.
 */
@NullMarked
package io.github.zmqlog.autoconfigure.health;

import org.jspecify.annotations.NullMarked;

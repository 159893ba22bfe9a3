/**
 * A Logback appender that publishes events over a ZeroMQ PUB socket as PyZMQ's
 * {@code PUBHandler} does, usable in any Logback application.
 */
@NullMarked
package io.github.zmqlog.logback;

import org.jspecify.annotations.NullMarked;

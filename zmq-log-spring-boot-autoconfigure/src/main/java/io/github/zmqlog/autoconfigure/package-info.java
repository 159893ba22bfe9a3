/**
 * Auto-configuration that publishes the application's logs over ZeroMQ.
 */
@NullMarked
package io.github.zmqlog.autoconfigure;

import org.jspecify.annotations.NullMarked;

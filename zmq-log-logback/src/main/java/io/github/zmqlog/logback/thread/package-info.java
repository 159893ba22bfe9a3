/**
 * The appender's own daemon threads: starting one and waiting, a bounded time, until it
 * is ready. Internal: not an API.
 */
@NullMarked
package io.github.zmqlog.logback.thread;

import org.jspecify.annotations.NullMarked;

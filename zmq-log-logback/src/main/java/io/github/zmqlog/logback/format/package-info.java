/**
 * Freezing and formatting events: PyZMQ's topic rule, the topic cache, subtopic sources
 * and the body format. Internal: not an API.
 */
@NullMarked
package io.github.zmqlog.logback.format;

import org.jspecify.annotations.NullMarked;

/**
 * Reporting trouble through Logback's status, rate-limited, including JeroMQ's I/O thread
 * errors.
 */
@NullMarked
package io.github.zmqlog.logback.status;

import org.jspecify.annotations.NullMarked;

/**
 * The hand-off from logging threads to the publisher thread, and the XPUB socket it owns.
 * Internal: not an API.
 */
@NullMarked
package io.github.zmqlog.logback.transport;

import org.jspecify.annotations.NullMarked;

/**
 * The publisher thread: the hand-off from logging threads, its idle strategy, the framing
 * of events and the XPUB socket it owns. Internal: not an API.
 */
@NullMarked
package io.github.zmqlog.logback.transport;

import org.jspecify.annotations.NullMarked;

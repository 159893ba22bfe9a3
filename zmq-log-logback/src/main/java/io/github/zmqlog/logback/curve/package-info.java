/**
 * CURVE: key parsing, the server's security settings and the ZAP handler that enforces
 * the client allowlist. Internal: not an API, except
 * {@link io.github.zmqlog.logback.curve.CurveKeys}, which {@code zmq-log-tail} shares.
 */
@NullMarked
package io.github.zmqlog.logback.curve;

import org.jspecify.annotations.NullMarked;

/**
 * {@code zmq-log-tail}, a command line that prints ZeroMQ log messages as
 * {@code python3 -m zmq.log} does, forwards them through an XSUB/XPUB proxy, and
 * generates CURVE key pairs.
 */
@NullMarked
package io.github.zmqlog.tail;

import org.jspecify.annotations.NullMarked;

/**
 * History for late watchers: the ring of recently published events, the ROUTER endpoint
 * that replays it and then follows live, and the protocol both ends speak. JeroMQ only,
 * no Logback, so that the forwarder can serve it too.
 */
@NullMarked
package io.github.zmqlog.logback.history;

import org.jspecify.annotations.NullMarked;

/**
 * jcstress tests of the hand-off queue, in the queue's package so that they reach it.
 */
@NullMarked
package io.github.zmqlog.logback.transport;

import org.jspecify.annotations.NullMarked;

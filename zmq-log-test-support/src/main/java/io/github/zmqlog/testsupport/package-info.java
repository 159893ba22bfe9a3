/**
 * What the modules' tests share: test subscribers, child JVMs, fault and PyZMQ helpers.
 */
@NullMarked
package io.github.zmqlog.testsupport;

import org.jspecify.annotations.NullMarked;

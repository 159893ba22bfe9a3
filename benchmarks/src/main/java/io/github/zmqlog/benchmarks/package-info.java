/**
 * The benchmarks behind {@code BENCHMARKS.md}: JMH caller-cost benchmarks and probes in
 * child JVMs that compare the appender with Log4j2's JeroMQ appender, Logback's
 * {@code AsyncAppender} and a raw JeroMQ PUB socket, and the report that measures them
 * all and writes the document.
 */
@NullMarked
package io.github.zmqlog.benchmarks;

import org.jspecify.annotations.NullMarked;

/**
 * The sample application: a small Spring Boot web application that publishes its logs.
 */
@NullMarked
package io.github.zmqlog.sample;

import org.jspecify.annotations.NullMarked;

package io.github.zmqlog.logback.status;

import ch.qos.logback.core.Context;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.zeromq.ZContext;

/**
 * Takes the errors JeroMQ's I/O threads recover from, which JeroMQ would print to stderr
 * as stack traces, and adds them to Logback's status as warnings instead, at most one per
 * ten seconds. The sockets carry on after such an error. JeroMQ 0.6.0 also reports a
 * harmless one now and then while a context closes ({@code ClosedChannelException} in
 * {@code Signaler.send}, a termination acknowledged to a socket already gone); an
 * application's shutdown must not end with that.
 */
public final class JeroMqErrorHandler extends ContextAwareBase implements Thread.UncaughtExceptionHandler {

	private final StatusThrottle throttle = new StatusThrottle();

	private JeroMqErrorHandler(Context context) {
		setContext(context);
	}

	/**
	 * Creates a context with one I/O thread whose errors go to Logback's status.
	 * @param context the Logback context whose status manager receives them
	 * @return the ZeroMQ context
	 */
	public static ZContext newZContext(Context context) {
		ZContext zContext = new ZContext(1);
		zContext.setNotificationExceptionHandler(new JeroMqErrorHandler(context));
		return zContext;
	}

	@Override
	public void uncaughtException(Thread thread, Throwable ex) {
		if (this.throttle.allow()) {
			addWarn("JeroMQ's I/O thread " + thread.getName() + " recovered from an error", ex);
		}
	}

}

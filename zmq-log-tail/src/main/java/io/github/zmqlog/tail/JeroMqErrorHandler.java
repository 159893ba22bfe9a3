package io.github.zmqlog.tail;

import java.io.PrintStream;

import org.zeromq.ZContext;

/**
 * Takes the exceptions JeroMQ's I/O threads would otherwise print as stack traces. While
 * the context is open, each is one line on stderr; once {@link #closing()} is called they
 * are dropped: JeroMQ 0.6.0 now and then fails to acknowledge a listener's termination to
 * a socket it has just closed ({@code ClosedChannelException} in {@code Signaler.send}),
 * which is harmless then and must not end a Ctrl-C with a stack trace.
 */
final class JeroMqErrorHandler implements Thread.UncaughtExceptionHandler {

	private final PrintStream err;

	private volatile boolean closing;

	JeroMqErrorHandler(PrintStream err) {
		this.err = err;
	}

	/**
	 * Creates a context with one I/O thread reporting to this handler.
	 * @return the context
	 */
	ZContext newContext() {
		ZContext context = new ZContext(1);
		context.setNotificationExceptionHandler(this);
		return context;
	}

	/** From now on, errors are expected and dropped. */
	void closing() {
		this.closing = true;
	}

	@Override
	public void uncaughtException(Thread thread, Throwable ex) {
		if (!this.closing) {
			this.err.println("zmq-log-tail: JeroMQ " + thread.getName() + ": " + ex);
		}
	}

}

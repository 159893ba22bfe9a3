package io.github.zmqlog.logback.status;

import ch.qos.logback.core.spi.ContextAware;
import org.jspecify.annotations.Nullable;

/**
 * Reports trouble through Logback's status so that a status listener that throws cannot
 * break what called it: the publisher counts every event it drops before or after
 * reporting it, and a listener's exception must neither end its thread nor skip a count.
 */
public final class StatusReports {

	private StatusReports() {
	}

	/**
	 * Adds a warning, ignoring a {@link RuntimeException} from a status listener. An
	 * {@link Error} still propagates: the caller must not have counted the event it
	 * reports on yet.
	 * @param status where to report
	 * @param message the message
	 * @param ex the cause, or {@code null}
	 */
	public static void warn(ContextAware status, String message, @Nullable Throwable ex) {
		try {
			status.addWarn(message, ex);
		}
		catch (RuntimeException listenerFailed) {
			// Nowhere left to report it: the status is the report.
		}
	}

	/**
	 * Adds an error, ignoring a {@link RuntimeException} from a status listener.
	 * @param status where to report
	 * @param message the message
	 * @param ex the cause
	 */
	public static void error(ContextAware status, String message, Throwable ex) {
		try {
			status.addError(message, ex);
		}
		catch (RuntimeException listenerFailed) {
			// Nowhere left to report it: the status is the report.
		}
	}

}

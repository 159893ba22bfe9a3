package io.github.zmqlog.logback.format;

import ch.qos.logback.classic.spi.IThrowableProxy;
import org.jspecify.annotations.Nullable;

/**
 * Estimates what a throwable holds, for the queue's byte budget: its frames, messages,
 * causes and suppressed throwables, without formatting anything.
 */
final class ThrowableSize {

	/** What one stack frame holds, roughly, in bytes. */
	private static final long FRAME_BYTES = 128;

	/** What a throwable holds besides its frames and message, roughly, in bytes. */
	private static final long THROWABLE_BYTES = 256;

	/** How deep causes are followed; Logback's proxies already cut cycles. */
	private static final int MAX_DEPTH = 64;

	private ThrowableSize() {
	}

	/**
	 * Estimates the size of a throwable.
	 * @param throwable the throwable, or {@code null}
	 * @return the estimate in bytes, 0 without a throwable
	 */
	static long estimate(@Nullable IThrowableProxy throwable) {
		return estimate(throwable, 0);
	}

	private static long estimate(@Nullable IThrowableProxy throwable, int depth) {
		if (throwable == null || depth >= MAX_DEPTH) {
			return 0;
		}
		String message = throwable.getMessage();
		long bytes = THROWABLE_BYTES + 2L * ((message != null) ? message.length() : 0);
		if (throwable.getStackTraceElementProxyArray() != null) {
			bytes += FRAME_BYTES * throwable.getStackTraceElementProxyArray().length;
		}
		bytes += estimate(throwable.getCause(), depth + 1);
		IThrowableProxy[] suppressed = throwable.getSuppressed();
		if (suppressed != null) {
			for (IThrowableProxy each : suppressed) {
				bytes += estimate(each, depth + 1);
			}
		}
		return bytes;
	}

}

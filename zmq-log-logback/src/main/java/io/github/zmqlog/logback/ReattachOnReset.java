package io.github.zmqlog.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggerContextListener;

/**
 * Attaches the appenders of a Logback context again when the context is reset, with or
 * without Spring: {@code LoggerContext.reset()}, a {@code scan="true"} reload, a JMX
 * reconfiguration. Logback calls {@link #onReset} after it has detached and stopped every
 * appender, and before anything can be configured again, so the appenders are back before
 * the reset returns.
 *
 * <p>
 * Reset-resistant, so that it outlives the resets it repairs. Stopping a context removes
 * every listener; {@link RootLoggerAttacher#reattachAll()} registers it again.
 */
final class ReattachOnReset implements LoggerContextListener {

	static final ReattachOnReset INSTANCE = new ReattachOnReset();

	private ReattachOnReset() {
	}

	@Override
	public boolean isResetResistant() {
		return true;
	}

	@Override
	public void onReset(LoggerContext context) {
		RootLoggerAttacher.reattach(context);
	}

	@Override
	public void onStart(LoggerContext context) {
	}

	@Override
	public void onStop(LoggerContext context) {
		// Left attached: the appender's owner stops it, not Logback.
	}

	@Override
	public void onLevelChange(Logger logger, Level level) {
	}

}

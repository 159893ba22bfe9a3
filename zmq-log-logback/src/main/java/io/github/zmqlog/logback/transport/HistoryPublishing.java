package io.github.zmqlog.logback.transport;

import java.util.List;

import ch.qos.logback.core.spi.ContextAware;
import org.jspecify.annotations.Nullable;
import org.zeromq.ZContext;
import org.zeromq.ZMQException;
import zmq.ZError;

import io.github.zmqlog.logback.curve.CurveSecurity;
import io.github.zmqlog.logback.history.HistoryRing;
import io.github.zmqlog.logback.history.HistoryServer;
import io.github.zmqlog.logback.history.HistorySettings;
import io.github.zmqlog.logback.status.StatusReports;

/**
 * The publisher's {@link HistoryServer}, with CURVE as the XPUB has it and trouble
 * reported as status: history is a help for watchers, so nothing here stops the
 * publisher. The publisher thread's own.
 */
final class HistoryPublishing {

	/** Room for a burst after a whole replay, per follower. */
	private static final int FOLLOWER_BURST = 1000;

	private final HistorySettings settings;

	private final @Nullable CurveSecurity curve;

	private final ContextAware status;

	private final HistoryServer server;

	private boolean failed;

	private HistoryPublishing(HistorySettings settings, @Nullable CurveSecurity curve, ContextAware status) {
		this.settings = settings;
		this.curve = curve;
		this.status = status;
		this.server = new HistoryServer(new HistoryRing(settings.size(), settings.maxBytes()),
				settings.size() + FOLLOWER_BURST);
	}

	/**
	 * Returns the history for the settings.
	 * @param settings the history settings
	 * @param curve the XPUB's CURVE settings, or {@code null}
	 * @param status where trouble is reported
	 * @return the history, or {@code null} when it is off
	 */
	static @Nullable HistoryPublishing of(HistorySettings settings, @Nullable CurveSecurity curve,
			ContextAware status) {
		return settings.enabled() ? new HistoryPublishing(settings, curve, status) : null;
	}

	/**
	 * Opens the server, after the XPUB (whose CURVE registration it shares).
	 * @param context the XPUB's context
	 */
	void open(ZContext context) {
		if (this.settings.endpoints().isEmpty()) {
			return;
		}
		try {
			CurveSecurity security = this.curve;
			this.server.open(context, this.settings.endpoints(), (socket) -> {
				if (security != null) {
					security.applyAlso(socket);
				}
			}, this::bindFailed);
		}
		catch (RuntimeException ex) {
			this.failed = true;
			StatusReports.warn(this.status, "History server not started; watchers get live events only", ex);
		}
	}

	private void bindFailed(String endpoint, RuntimeException ex) {
		String reason = (ex instanceof ZMQException zmq) ? ZError.toString(zmq.getErrorCode()) : String.valueOf(ex);
		StatusReports.warn(this.status, "History not served on " + endpoint + ": " + reason
				+ (this.settings.derived() ? " (the bind port plus one; set history.endpoint to choose one)" : "")
				+ "; watchers there get no history", null);
	}

	void serve() {
		if (!this.failed) {
			this.server.serve();
		}
	}

	void published(byte[] topic, byte[] body) {
		this.server.published(topic, body);
	}

	void close() {
		this.server.close();
	}

	List<String> boundEndpoints() {
		return this.server.boundEndpoints();
	}

}

package io.github.zmqlog.tail;

/**
 * What the forwarder has done so far, for {@code --stats}. The proxy thread alone writes
 * the fields (volatile, so that the printing thread reads them whole); the connection
 * counts come from socket monitors the proxy thread reads, and are kept only with
 * {@code --stats}.
 *
 * @param instances TCP connections open on the frontend (a refused client counts while
 * its handshake lasts)
 * @param watchers TCP connections open on the backend, likewise
 * @param forwarded messages forwarded from the frontend to the backend
 * @param subscriptions distinct topic prefixes the watchers subscribe to
 * @param refusedInstances CURVE clients the frontend refused: their key is not on its
 * allowlist (ZAP)
 * @param refusedWatchers CURVE clients the backend refused, likewise
 * @param failedHandshakesInstances on a CURVE frontend, connections closed before the
 * handshake completed: a client without CURVE or with another server key, or a handshake
 * that timed out
 * @param failedHandshakesWatchers the same on a CURVE backend
 */
public record ForwarderStats(long instances, long watchers, long forwarded, long subscriptions, long refusedInstances,
		long refusedWatchers, long failedHandshakesInstances, long failedHandshakesWatchers) {

	/**
	 * The status line.
	 * @param json whether as JSON
	 * @return {@code zmq-log-tail: instances=... watchers=... forwarded=... subscriptions=...
	 * refused-instances=... refused-watchers=... failed-handshakes-instances=...
	 * failed-handshakes-watchers=...}, or the same as one JSON object
	 */
	String line(boolean json) {
		if (json) {
			return "{\"instances\":" + this.instances + ",\"watchers\":" + this.watchers + ",\"forwarded\":"
					+ this.forwarded + ",\"subscriptions\":" + this.subscriptions + ",\"refusedInstances\":"
					+ this.refusedInstances + ",\"refusedWatchers\":" + this.refusedWatchers
					+ ",\"failedHandshakesInstances\":" + this.failedHandshakesInstances
					+ ",\"failedHandshakesWatchers\":" + this.failedHandshakesWatchers + "}";
		}
		return "zmq-log-tail: instances=" + this.instances + " watchers=" + this.watchers + " forwarded="
				+ this.forwarded + " subscriptions=" + this.subscriptions + " refused-instances="
				+ this.refusedInstances + " refused-watchers=" + this.refusedWatchers + " failed-handshakes-instances="
				+ this.failedHandshakesInstances + " failed-handshakes-watchers=" + this.failedHandshakesWatchers;
	}

}

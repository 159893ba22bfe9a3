package io.github.zmqlog.logback.transport;

import org.zeromq.ZMQ;

/**
 * How the socket reconnects and finds dead peers: the reconnect backoff of the endpoints
 * it connects to, ZeroMQ heartbeats, and TCP keep-alive, set when the socket opens.
 * {@link #DEFAULT} keeps JeroMQ's defaults and the operating system's keep-alive.
 *
 * @param reconnectIntervalMillis wait before the first reconnect attempt, and the jitter
 * added to each, in milliseconds; more than 0
 * @param reconnectIntervalMaxMillis longest wait between attempts, the wait doubling from
 * {@code reconnectIntervalMillis} up to it; 0 for no backoff (every wait is
 * {@code reconnectIntervalMillis})
 * @param heartbeatIntervalMillis how often a heartbeat goes to each peer, in
 * milliseconds; more than 0
 * @param heartbeatTtlMillis how long the peer may hear nothing from this socket before it
 * drops the connection, sent in each heartbeat; 0 leaves it to the peer
 * @param tcpKeepAlive {@code 1} on, {@code 0} off, {@code -1} the operating system's
 * default
 * @param tcpKeepAliveIdleSeconds idle time before the first probe, {@code -1} for the
 * system's default
 * @param tcpKeepAliveIntervalSeconds time between probes, {@code -1} for the system's
 * default
 * @param tcpKeepAliveCount unanswered probes before the connection is dropped, {@code -1}
 * for the system's default
 */
public record SocketTuning(int reconnectIntervalMillis, int reconnectIntervalMaxMillis, int heartbeatIntervalMillis,
		int heartbeatTtlMillis, int tcpKeepAlive, int tcpKeepAliveIdleSeconds, int tcpKeepAliveIntervalSeconds,
		int tcpKeepAliveCount) {

	/** JeroMQ's reconnect interval, in milliseconds. */
	public static final int DEFAULT_RECONNECT_INTERVAL_MILLIS = 100;

	/** No backoff, as JeroMQ by default. */
	public static final int DEFAULT_RECONNECT_INTERVAL_MAX_MILLIS = 0;

	/** The heartbeat interval the socket has always used, in milliseconds. */
	public static final int DEFAULT_HEARTBEAT_INTERVAL_MILLIS = 1000;

	/** The largest heartbeat TTL ZeroMQ carries (a 16-bit count of deciseconds). */
	public static final int MAX_HEARTBEAT_TTL_MILLIS = 655_300;

	/**
	 * Today's behaviour: JeroMQ's reconnects, 1 s heartbeats, the system's keep-alive.
	 */
	public static final SocketTuning DEFAULT = new SocketTuning(DEFAULT_RECONNECT_INTERVAL_MILLIS,
			DEFAULT_RECONNECT_INTERVAL_MAX_MILLIS, DEFAULT_HEARTBEAT_INTERVAL_MILLIS, 0, -1, -1, -1, -1);

	/**
	 * Sets the options on a socket, before it binds or connects.
	 * @param socket the socket
	 */
	void applyTo(ZMQ.Socket socket) {
		socket.setReconnectIVL(this.reconnectIntervalMillis);
		socket.setReconnectIVLMax(this.reconnectIntervalMaxMillis);
		socket.setHeartbeatIvl(this.heartbeatIntervalMillis);
		socket.setHeartbeatTtl(this.heartbeatTtlMillis);
		socket.setTCPKeepAlive(this.tcpKeepAlive);
		if (this.tcpKeepAliveIdleSeconds >= 0) {
			socket.setTCPKeepAliveIdle(this.tcpKeepAliveIdleSeconds);
		}
		if (this.tcpKeepAliveIntervalSeconds >= 0) {
			socket.setTCPKeepAliveInterval(this.tcpKeepAliveIntervalSeconds);
		}
		if (this.tcpKeepAliveCount >= 0) {
			socket.setTCPKeepAliveCount(this.tcpKeepAliveCount);
		}
	}

}

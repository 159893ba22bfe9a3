package io.github.zmqlog.logback.transport;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Checks the form of a ZeroMQ endpoint before the socket sees it, so that a typo gives a
 * message naming the problem instead of JeroMQ's bare error number. Whether a host
 * resolves or a port is free is left to the socket.
 */
public final class EndpointSyntax {

	private EndpointSyntax() {
	}

	/**
	 * Returns what is wrong with an endpoint, or {@code null} when its form is valid.
	 * @param endpoint the endpoint, e.g. {@code tcp://127.0.0.1:5556}
	 * @param bind whether the socket binds it (a {@code *} port is allowed) or connects
	 * to it
	 * @return a sentence describing the problem, or {@code null}
	 */
	public static @Nullable String problem(@Nullable String endpoint, boolean bind) {
		if (endpoint == null || endpoint.isBlank()) {
			return "an endpoint is empty";
		}
		int separator = endpoint.indexOf("://");
		if (separator <= 0) {
			return "'" + endpoint + "' is not an endpoint: expected transport://address, e.g. tcp://127.0.0.1:5556";
		}
		String transport = endpoint.substring(0, separator).toLowerCase(Locale.ROOT);
		String address = endpoint.substring(separator + 3);
		switch (transport) {
			case "tcp":
				return tcpProblem(endpoint, address, bind);
			case "ipc":
			case "inproc":
				return address.isEmpty() ? "'" + endpoint + "' has no address after " + transport + "://" : null;
			default:
				return "'" + endpoint + "' uses transport '" + transport
						+ "', which JeroMQ does not support: use tcp, ipc or inproc";
		}
	}

	private static @Nullable String tcpProblem(String endpoint, String address, boolean bind) {
		// A connect endpoint may name a source address first: tcp://source:port;host:port
		int source = address.lastIndexOf(';');
		String target = (source >= 0) ? address.substring(source + 1) : address;
		int colon = target.lastIndexOf(':');
		if (target.isEmpty() || colon < 0) {
			return "'" + endpoint + "' has no port: expected tcp://host:port, e.g. tcp://127.0.0.1:5556";
		}
		String host = target.substring(0, colon);
		String port = target.substring(colon + 1);
		if (host.isEmpty() || host.equals("[]")) {
			return "'" + endpoint + "' has no host: expected tcp://host:port, e.g. tcp://127.0.0.1:5556";
		}
		if (port.equals("*")) {
			return bind ? null : "'" + endpoint + "' needs a port number to connect to, not *";
		}
		int lowest = bind ? 0 : 1;
		int number;
		try {
			number = Integer.parseInt(port);
		}
		catch (NumberFormatException ex) {
			return "'" + endpoint + "' has port '" + port + "', which is not a number" + (bind ? " or *" : "");
		}
		if (number < lowest || number > 65535) {
			return "'" + endpoint + "' has port " + number + ", outside " + lowest + "-65535";
		}
		return null;
	}

	/**
	 * Returns whether only this host can reach an endpoint: {@code ipc://} (TCP on
	 * loopback in JeroMQ), {@code inproc://}, and TCP on a loopback address written as
	 * such ({@code 127.x.x.x}, {@code localhost}, {@code ::1}). Names are not resolved,
	 * so any other host name counts as reachable from elsewhere.
	 * @param endpoint an endpoint whose form is valid
	 * @return whether other hosts cannot connect to it
	 */
	public static boolean isHostLocal(String endpoint) {
		int separator = endpoint.indexOf("://");
		String transport = endpoint.substring(0, Math.max(separator, 0)).toLowerCase(Locale.ROOT);
		if (!transport.equals("tcp")) {
			return transport.equals("ipc") || transport.equals("inproc");
		}
		String address = endpoint.substring(separator + 3);
		String host = address.substring(0, Math.max(address.lastIndexOf(':'), 0)).toLowerCase(Locale.ROOT);
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		return host.equals("localhost") || host.equals("::1") || host.equals("0:0:0:0:0:0:0:1")
				|| host.matches("127(\\.\\d{1,3}){3}");
	}

}

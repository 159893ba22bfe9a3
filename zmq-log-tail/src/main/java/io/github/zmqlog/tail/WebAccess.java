package io.github.zmqlog.tail;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;

import com.sun.net.httpserver.HttpExchange;
import org.jspecify.annotations.Nullable;

/**
 * Who may see the web view. With an access token, every request must present it: as
 * {@code ?token=} (the page then sets it as an HttpOnly, same-site cookie and sends the
 * browser to the address without it, out of its history and address bar), as that cookie,
 * or as {@code Authorization: Bearer}. Without one (loopback only), the {@code Host}
 * header must name loopback, so that a web site cannot read the view through a DNS name
 * rebound to 127.0.0.1. Tokens are compared in constant time and never shown.
 */
final class WebAccess {

	private final byte @Nullable [] token;

	private final String cookieName;

	WebAccess(@Nullable String token, int port) {
		this.token = (token != null) ? token.getBytes(StandardCharsets.UTF_8) : null;
		// Cookies do not keep ports apart: one name per port, so that two views on one
		// host do not overwrite each other's.
		this.cookieName = "zmqlog_web_" + port;
	}

	/** What a request may do. */
	enum Decision {

		/** Serve it. */
		ALLOWED,

		/** It brought the right token in its query: set the cookie, then redirect. */
		SET_COOKIE,

		/** No token, or the wrong one. */
		NO_TOKEN,

		/** No token is configured and the {@code Host} is not loopback. */
		WRONG_HOST

	}

	Decision check(HttpExchange exchange) {
		if (this.token == null) {
			return loopbackHost(exchange.getRequestHeaders().getFirst("Host")) ? Decision.ALLOWED : Decision.WRONG_HOST;
		}
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		if (authorization != null && authorization.startsWith("Bearer ")
				&& matches(authorization.substring("Bearer ".length()).strip())) {
			return Decision.ALLOWED;
		}
		List<String> cookies = exchange.getRequestHeaders().get("Cookie");
		if (cookies != null) {
			for (String header : cookies) {
				for (String cookie : header.split(";")) {
					String[] pair = cookie.strip().split("=", 2);
					if (pair.length == 2 && pair[0].equals(this.cookieName) && matches(pair[1])) {
						return Decision.ALLOWED;
					}
				}
			}
		}
		String queryToken = queryParameters(exchange.getRequestURI().getRawQuery(), "token").stream()
			.findFirst()
			.orElse(null);
		if (queryToken != null && matches(queryToken)) {
			return Decision.SET_COOKIE;
		}
		return Decision.NO_TOKEN;
	}

	/**
	 * The cookie that carries the token from now on.
	 * @return the {@code Set-Cookie} header's value
	 */
	String cookie() {
		return this.cookieName + "=" + new String(this.token, StandardCharsets.UTF_8)
				+ "; Path=/; HttpOnly; SameSite=Strict";
	}

	private boolean matches(String presented) {
		return MessageDigest.isEqual(this.token, presented.getBytes(StandardCharsets.UTF_8));
	}

	static boolean loopbackHost(@Nullable String host) {
		if (host == null) {
			return false;
		}
		String name = host.toLowerCase(Locale.ROOT);
		if (name.startsWith("[")) {
			return name.startsWith("[::1]");
		}
		int colon = name.indexOf(':');
		name = (colon >= 0) ? name.substring(0, colon) : name;
		return name.equals("localhost") || name.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
	}

	/**
	 * The values of a query parameter, decoded.
	 * @param rawQuery the raw query, or {@code null}
	 * @param name the parameter
	 * @return its values in order
	 */
	static List<String> queryParameters(@Nullable String rawQuery, String name) {
		if (rawQuery == null || rawQuery.isEmpty()) {
			return List.of();
		}
		return java.util.Arrays.stream(rawQuery.split("&"))
			.map((pair) -> pair.split("=", 2))
			.filter((pair) -> URLDecoder.decode(pair[0], StandardCharsets.UTF_8).equals(name))
			.map((pair) -> (pair.length == 2) ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : "")
			.toList();
	}

}

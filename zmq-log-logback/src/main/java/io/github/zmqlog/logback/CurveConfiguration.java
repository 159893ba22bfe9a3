package io.github.zmqlog.logback;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The appender's CURVE options, the {@code <curve>} element in {@code logback.xml}. An
 * appender that binds is a CURVE server: the server's key pair and the client public keys
 * allowed to subscribe. An appender that connects (to a forwarder, say) is a CURVE
 * client: its own key pair and the server's public key. Any option set turns CURVE on at
 * the next start, or makes the start fail naming what is missing; options of the other
 * role, and CURVE on an appender that both binds and connects, are refused.
 *
 * <pre>
 * &lt;curve&gt;
 *   &lt;serverSecretKeyFile&gt;/run/secrets/zmqlog/server.key_secret&lt;/serverSecretKeyFile&gt;
 *   &lt;allowedClientKeysFile&gt;/etc/zmqlog/allowed-clients&lt;/allowedClientKeysFile&gt;
 * &lt;/curve&gt;
 * </pre>
 *
 * <pre>
 * &lt;connect&gt;tcp://forwarder:5557&lt;/connect&gt;
 * &lt;curve&gt;
 *   &lt;clientSecretKeyFile&gt;/run/secrets/zmqlog/instance.key_secret&lt;/clientSecretKeyFile&gt;
 *   &lt;serverPublicKeyFile&gt;/etc/zmqlog/forwarder.key&lt;/serverPublicKeyFile&gt;
 * &lt;/curve&gt;
 * </pre>
 *
 * <p>
 * Keys are Z85, 40 characters. Prefer the file options in {@code logback.xml}: a value
 * there is readable by whoever reads that file, Logback reads <code>${</code> in a value
 * as a variable, and cuts a value at {@code :-}, which a Z85 key may contain.
 * {@link #toString()} names no key.
 *
 * <p>
 * Thread-safety: set before the appender starts, which reads it once.
 */
public class CurveConfiguration {

	private @Nullable String serverSecretKey;

	private @Nullable String serverSecretKeyFile;

	private @Nullable String serverPublicKey;

	private @Nullable String serverPublicKeyFile;

	private final List<String> allowedClientKeys = new ArrayList<>();

	private @Nullable String allowedClientKeysFile;

	private boolean allowAnyClient;

	private @Nullable String clientSecretKey;

	private @Nullable String clientSecretKeyFile;

	private @Nullable String clientPublicKey;

	private @Nullable String clientPublicKeyFile;

	/**
	 * Returns the server's CURVE secret key, for setting up the socket; never printed.
	 * @return the key, or {@code null}
	 */
	public @Nullable String getServerSecretKey() {
		return this.serverSecretKey;
	}

	/**
	 * Sets the server's CURVE secret key, which makes the socket a CURVE server: messages
	 * are encrypted and only clients on the {@link #addAllowedClientKey allowlist} may
	 * subscribe. Prefer {@link #setServerSecretKeyFile a file}.
	 * @param serverSecretKey the secret key, or {@code null}
	 */
	public void setServerSecretKey(@Nullable String serverSecretKey) {
		this.serverSecretKey = emptyToNull(serverSecretKey);
	}

	public @Nullable String getServerSecretKeyFile() {
		return this.serverSecretKeyFile;
	}

	/**
	 * Sets a file holding the server's CURVE secret key: the Z85 key alone, or a ZeroMQ
	 * certificate (as {@code zmq-log-tail keygen}, PyZMQ's
	 * {@code zmq.auth.create_certificates} or CZMQ write it) whose {@code secret-key} is
	 * read; a certificate also gives the public key. Read at start.
	 * @param serverSecretKeyFile the path, or {@code null}
	 */
	public void setServerSecretKeyFile(@Nullable String serverSecretKeyFile) {
		this.serverSecretKeyFile = emptyToNull(serverSecretKeyFile);
	}

	public @Nullable String getServerPublicKey() {
		return this.serverPublicKey;
	}

	/**
	 * Sets the server's CURVE public key. On an appender that binds, its own, which
	 * subscribers configure as the server key; it must belong to the secret key. On an
	 * appender that connects, the key of the server it connects to.
	 * @param serverPublicKey the public key, or {@code null}
	 */
	public void setServerPublicKey(@Nullable String serverPublicKey) {
		this.serverPublicKey = emptyToNull(serverPublicKey);
	}

	public @Nullable String getServerPublicKeyFile() {
		return this.serverPublicKeyFile;
	}

	/**
	 * Sets a file holding the server's CURVE public key: the Z85 key alone or a ZeroMQ
	 * certificate, whose {@code public-key} is read.
	 * @param serverPublicKeyFile the path, or {@code null}
	 */
	public void setServerPublicKeyFile(@Nullable String serverPublicKeyFile) {
		this.serverPublicKeyFile = emptyToNull(serverPublicKeyFile);
	}

	/**
	 * Returns the client public keys added so far.
	 * @return the keys, in the order added
	 */
	public List<String> getAllowedClientKeys() {
		return List.copyOf(this.allowedClientKeys);
	}

	/**
	 * Adds client public keys allowed to subscribe; any other client is refused during
	 * the handshake and receives nothing. In XML, repeat {@code <allowedClientKey>}; a
	 * comma-separated list also works (Z85 has no comma).
	 * @param keys one key or a comma-separated list
	 */
	public void addAllowedClientKey(@Nullable String keys) {
		if (keys == null) {
			return;
		}
		for (String key : keys.split(",")) {
			if (!key.isBlank()) {
				this.allowedClientKeys.add(key.strip());
			}
		}
	}

	public @Nullable String getAllowedClientKeysFile() {
		return this.allowedClientKeysFile;
	}

	/**
	 * Sets a file listing client public keys allowed to subscribe, one per line (bare
	 * Z85, or a certificate's {@code public-key = "..."} line; {@code #} comments), read
	 * at start. In {@code logback.xml} this is the safe way to list keys: Z85 uses
	 * {@code <}, {@code &} and {@code $}.
	 * @param allowedClientKeysFile the path, or {@code null}
	 */
	public void setAllowedClientKeysFile(@Nullable String allowedClientKeysFile) {
		this.allowedClientKeysFile = emptyToNull(allowedClientKeysFile);
	}

	public boolean isAllowAnyClient() {
		return this.allowAnyClient;
	}

	/**
	 * Sets whether every client that completes the CURVE handshake may subscribe, without
	 * an allowlist: encryption without client authentication. Off by default: CURVE
	 * without an allowlist does not start.
	 * @param allowAnyClient whether to admit any client
	 */
	public void setAllowAnyClient(boolean allowAnyClient) {
		this.allowAnyClient = allowAnyClient;
	}

	/**
	 * Returns the client's CURVE secret key, for setting up the socket; never printed.
	 * @return the key, or {@code null}
	 */
	public @Nullable String getClientSecretKey() {
		return this.clientSecretKey;
	}

	/**
	 * Sets the appender's own CURVE secret key when it connects, which makes the socket a
	 * CURVE client of the server whose {@link #setServerPublicKey public key} is set.
	 * Prefer {@link #setClientSecretKeyFile a file}.
	 * @param clientSecretKey the secret key, or {@code null}
	 */
	public void setClientSecretKey(@Nullable String clientSecretKey) {
		this.clientSecretKey = emptyToNull(clientSecretKey);
	}

	public @Nullable String getClientSecretKeyFile() {
		return this.clientSecretKeyFile;
	}

	/**
	 * Sets a file holding the appender's own CURVE secret key when it connects: the Z85
	 * key alone, or a ZeroMQ certificate whose {@code secret-key} is read; a certificate
	 * also gives the public key. Read at start.
	 * @param clientSecretKeyFile the path, or {@code null}
	 */
	public void setClientSecretKeyFile(@Nullable String clientSecretKeyFile) {
		this.clientSecretKeyFile = emptyToNull(clientSecretKeyFile);
	}

	public @Nullable String getClientPublicKey() {
		return this.clientPublicKey;
	}

	/**
	 * Sets the appender's own CURVE public key when it connects, the key the server's
	 * allowlist names. It must belong to the client secret key.
	 * @param clientPublicKey the public key, or {@code null}
	 */
	public void setClientPublicKey(@Nullable String clientPublicKey) {
		this.clientPublicKey = emptyToNull(clientPublicKey);
	}

	public @Nullable String getClientPublicKeyFile() {
		return this.clientPublicKeyFile;
	}

	/**
	 * Sets a file holding the appender's own CURVE public key when it connects: the Z85
	 * key alone or a ZeroMQ certificate, whose {@code public-key} is read.
	 * @param clientPublicKeyFile the path, or {@code null}
	 */
	public void setClientPublicKeyFile(@Nullable String clientPublicKeyFile) {
		this.clientPublicKeyFile = emptyToNull(clientPublicKeyFile);
	}

	/**
	 * Returns whether an option only a CURVE client uses is set: the client's key pair.
	 * @return whether a client option is set
	 */
	public boolean hasClientOptions() {
		return this.clientSecretKey != null || this.clientSecretKeyFile != null || this.clientPublicKey != null
				|| this.clientPublicKeyFile != null;
	}

	/**
	 * Returns whether any option is set, so that the next start makes the socket a CURVE
	 * server (or fails, naming the option at fault).
	 * @return whether CURVE is configured
	 */
	public boolean isConfigured() {
		return this.serverSecretKey != null || this.serverSecretKeyFile != null || this.serverPublicKey != null
				|| this.serverPublicKeyFile != null || !this.allowedClientKeys.isEmpty()
				|| this.allowedClientKeysFile != null || this.allowAnyClient || hasClientOptions();
	}

	private static @Nullable String emptyToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	@Override
	public String toString() {
		return "CurveConfiguration[serverSecretKey=" + ((this.serverSecretKey != null) ? "(set)" : "null")
				+ ", serverSecretKeyFile=" + this.serverSecretKeyFile + ", serverPublicKey="
				+ ((this.serverPublicKey != null) ? "(set)" : "null") + ", serverPublicKeyFile="
				+ this.serverPublicKeyFile + ", allowedClientKeys=" + this.allowedClientKeys.size()
				+ ", allowedClientKeysFile=" + this.allowedClientKeysFile + ", allowAnyClient=" + this.allowAnyClient
				+ ", clientSecretKey=" + ((this.clientSecretKey != null) ? "(set)" : "null") + ", clientSecretKeyFile="
				+ this.clientSecretKeyFile + ", clientPublicKey=" + ((this.clientPublicKey != null) ? "(set)" : "null")
				+ ", clientPublicKeyFile=" + this.clientPublicKeyFile + "]";
	}

}

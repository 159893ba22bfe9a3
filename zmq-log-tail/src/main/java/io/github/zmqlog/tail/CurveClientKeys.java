package io.github.zmqlog.tail;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.zeromq.ZMQ;

import io.github.zmqlog.logback.curve.CurveKeys;

/**
 * The watcher's CURVE keys: the server's public key and the client's own key pair, all
 * Z85. No message and no {@link #toString()} shows a key.
 *
 * @param serverKey the server's public key
 * @param publicKey the client's public key, which the server's allowlist must hold
 * @param secretKey the client's secret key
 */
public record CurveClientKeys(String serverKey, String publicKey, String secretKey) {

	/** Environment variable holding the server's public key. */
	public static final String SERVER_KEY_ENV = "ZMQLOG_CURVE_SERVER_KEY";

	/** Environment variable holding the client's public key. */
	public static final String PUBLIC_KEY_ENV = "ZMQLOG_CURVE_PUBLIC_KEY";

	/** Environment variable holding the client's secret key. */
	public static final String SECRET_KEY_ENV = "ZMQLOG_CURVE_SECRET_KEY";

	/**
	 * Checks and assembles the keys from the command line, a key file and the
	 * environment: the server key from {@code --curve-server-key} or
	 * {@link #SERVER_KEY_ENV}; the pair from {@code --curve-key-file}, else
	 * {@code --curve-public-key}/{@code --curve-secret-key}, else
	 * {@link #PUBLIC_KEY_ENV}/{@link #SECRET_KEY_ENV}.
	 * @param serverKey the {@code --curve-server-key} value, or {@code null}
	 * @param keyFile the {@code --curve-key-file} value, or {@code null}
	 * @param publicKey the {@code --curve-public-key} value, or {@code null}
	 * @param secretKey the {@code --curve-secret-key} value, or {@code null}
	 * @param environment the environment
	 * @return the keys, or {@code null} when CURVE is not asked for
	 * @throws IllegalArgumentException naming the option at fault, never quoting a key
	 */
	static @Nullable CurveClientKeys of(@Nullable String serverKey, @Nullable String keyFile,
			@Nullable String publicKey, @Nullable String secretKey, Map<String, String> environment) {
		String server = (serverKey != null) ? serverKey : environment.get(SERVER_KEY_ENV);
		boolean clientKeys = keyFile != null || publicKey != null || secretKey != null;
		if (server == null) {
			if (clientKeys) {
				throw new IllegalArgumentException(
						"CURVE needs the server's public key: --curve-server-key KEY (or " + SERVER_KEY_ENV + ")");
			}
			return null;
		}
		check(CurveKeys.publicKeyProblem(server.strip()), "--curve-server-key");
		String pub;
		String sec;
		String source;
		if (keyFile != null) {
			if (publicKey != null || secretKey != null) {
				throw new IllegalArgumentException(
						"use --curve-key-file or --curve-public-key/--curve-secret-key, not both");
			}
			String[] pair = readCertificate(keyFile);
			pub = pair[0];
			sec = pair[1];
			source = "--curve-key-file " + ShownArgument.shown(keyFile);
		}
		else if (clientKeys) {
			pub = publicKey;
			sec = secretKey;
			source = "--curve-public-key/--curve-secret-key";
		}
		else {
			pub = environment.get(PUBLIC_KEY_ENV);
			sec = environment.get(SECRET_KEY_ENV);
			source = PUBLIC_KEY_ENV + "/" + SECRET_KEY_ENV;
		}
		if (pub == null || sec == null) {
			throw new IllegalArgumentException("CURVE needs the client's key pair: --curve-key-file FILE (from"
					+ " 'zmq-log-tail keygen'), or " + PUBLIC_KEY_ENV + " and " + SECRET_KEY_ENV + "; "
					+ ((pub != null) ? "the secret key" : "the public key") + " is missing");
		}
		check(CurveKeys.publicKeyProblem(pub.strip()),
				(keyFile != null) ? source : "the client public key (" + source + ")");
		check(CurveKeys.secretKeyProblem(sec.strip()),
				(keyFile != null) ? source : "the client secret key (" + source + ")");
		byte[] derived = CurveKeys.publicKeyOf(CurveKeys.decode(sec.strip()));
		if (!CurveKeys.same(derived, CurveKeys.decode(pub.strip()))) {
			throw new IllegalArgumentException(
					"the client public key does not belong to the client secret key (" + source + ")");
		}
		return new CurveClientKeys(server.strip(), pub.strip(), sec.strip());
	}

	/**
	 * Sets the keys on a socket, making it a CURVE client.
	 * @param socket the socket, before it connects
	 */
	void apply(ZMQ.Socket socket) {
		socket.setCurveServerKey(CurveKeys.decode(this.serverKey));
		socket.setCurvePublicKey(CurveKeys.decode(this.publicKey));
		socket.setCurveSecretKey(CurveKeys.decode(this.secretKey));
	}

	/**
	 * Generates a key pair and writes it as a ZeroMQ secret certificate, the format
	 * {@code --curve-key-file} and the appender's key file options read, and that PyZMQ's
	 * {@code zmq.auth.load_certificate} reads.
	 * @return the certificate text
	 */
	static String generateCertificate() {
		ZMQ.Curve.KeyPair pair = ZMQ.Curve.generateKeyPair();
		return certificate(pair.publicKey, pair.secretKey);
	}

	static String certificate(String publicKey, String secretKey) {
		return "#   ****  Generated on " + LocalDateTime.now().withNano(0).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
				+ " by zmq-log-tail keygen  ****\n" + "#   ZeroMQ CURVE **Secret** Certificate\n"
				+ "#   DO NOT PROVIDE THIS FILE TO OTHER USERS nor change its permissions.\n" + "\n" + "metadata\n"
				+ "curve\n" + "    public-key = \"" + publicKey + "\"\n" + "    secret-key = \"" + secretKey + "\"\n";
	}

	/**
	 * Reads the public key from a ZeroMQ secret certificate.
	 * @param file the certificate
	 * @return the public key, as found
	 */
	static String publicKey(String file) {
		return readCertificate(file)[0];
	}

	/**
	 * Reads both halves of the client's key pair from a ZeroMQ secret certificate, as the
	 * appender reads its key files.
	 * @param file the file
	 * @return the public key and the secret key, as found
	 */
	private static String[] readCertificate(String file) {
		try {
			String secretKey = CurveKeys.read(file, true);
			String publicKey = CurveKeys.publicKeyInCertificate(file);
			if (publicKey == null) {
				throw new IllegalArgumentException(
						"--curve-key-file " + ShownArgument.shown(file) + " has no 'public-key = \"...\"' line:"
								+ " expected a ZeroMQ secret certificate, as 'zmq-log-tail keygen' writes");
			}
			return new String[] { publicKey, secretKey };
		}
		catch (CurveKeys.KeyFileException ex) {
			throw new IllegalArgumentException("--curve-key-file " + ShownArgument.shown(file) + ": " + ex.getMessage()
					+ " (expected a ZeroMQ secret certificate, as 'zmq-log-tail keygen' writes)");
		}
	}

	private static void check(@Nullable String problem, String what) {
		if (problem != null) {
			throw new IllegalArgumentException(what + ": " + problem);
		}
	}

	@Override
	public String toString() {
		return "CurveClientKeys[keys hidden]";
	}

}

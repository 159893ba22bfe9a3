package io.github.zmqlog.tail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import com.neilalexander.jnacl.crypto.curve25519;
import org.zeromq.ZMQ;

/**
 * The watcher's CURVE keys: the server's public key and the client's own key pair, all Z85. No
 * message and no {@link #toString()} shows a key.
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

	private static final String Z85 = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";

	/**
	 * Checks and assembles the keys from the command line, a key file and the environment: the
	 * server key from {@code --curve-server-key} or {@link #SERVER_KEY_ENV}; the pair from
	 * {@code --curve-key-file}, else {@code --curve-public-key}/{@code --curve-secret-key}, else
	 * {@link #PUBLIC_KEY_ENV}/{@link #SECRET_KEY_ENV}.
	 * @param serverKey the {@code --curve-server-key} value, or {@code null}
	 * @param keyFile the {@code --curve-key-file} value, or {@code null}
	 * @param publicKey the {@code --curve-public-key} value, or {@code null}
	 * @param secretKey the {@code --curve-secret-key} value, or {@code null}
	 * @param environment the environment
	 * @return the keys, or {@code null} when CURVE is not asked for
	 * @throws IllegalArgumentException naming the option at fault, never quoting a key
	 */
	static CurveClientKeys of(String serverKey, String keyFile, String publicKey, String secretKey,
			Map<String, String> environment) {
		String server = (serverKey != null) ? serverKey : environment.get(SERVER_KEY_ENV);
		boolean clientKeys = keyFile != null || publicKey != null || secretKey != null;
		if (server == null) {
			if (clientKeys) {
				throw new IllegalArgumentException("CURVE needs the server's public key: --curve-server-key KEY (or "
						+ SERVER_KEY_ENV + ")");
			}
			return null;
		}
		check(server.strip(), "--curve-server-key");
		String pub;
		String sec;
		String source;
		if (keyFile != null) {
			if (publicKey != null || secretKey != null) {
				throw new IllegalArgumentException("use --curve-key-file or --curve-public-key/--curve-secret-key,"
						+ " not both");
			}
			pub = read(keyFile, "public-key");
			sec = read(keyFile, "secret-key");
			source = "--curve-key-file " + keyFile;
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
					+ ((pub == null) ? "the public key" : "the secret key") + " is missing");
		}
		check(pub.strip(), (keyFile != null) ? source : "the client public key (" + source + ")");
		check(sec.strip(), (keyFile != null) ? source : "the client secret key (" + source + ")");
		byte[] derived = new byte[32];
		curve25519.crypto_scalarmult_base(derived, ZMQ.Curve.z85Decode(sec.strip()));
		if (!java.security.MessageDigest.isEqual(derived, ZMQ.Curve.z85Decode(pub.strip()))) {
			throw new IllegalArgumentException("the client public key does not belong to the client secret key ("
					+ source + ")");
		}
		return new CurveClientKeys(server.strip(), pub.strip(), sec.strip());
	}

	/**
	 * Sets the keys on a socket, making it a CURVE client.
	 * @param socket the socket, before it connects
	 */
	void apply(ZMQ.Socket socket) {
		socket.setCurveServerKey(ZMQ.Curve.z85Decode(this.serverKey));
		socket.setCurvePublicKey(ZMQ.Curve.z85Decode(this.publicKey));
		socket.setCurveSecretKey(ZMQ.Curve.z85Decode(this.secretKey));
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
	 * Reads a key from a key file: a ZeroMQ certificate's {@code NAME = "..."} line.
	 * @param file the file
	 * @param name {@code public-key} or {@code secret-key}
	 * @return the key text
	 */
	static String read(String file, String name) {
		List<String> lines;
		try {
			lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
		}
		catch (IOException | InvalidPathException | SecurityException ex) {
			throw new IllegalArgumentException("cannot read --curve-key-file " + file + " ("
					+ ex.getClass().getSimpleName() + ")");
		}
		for (String raw : lines) {
			String line = raw.strip();
			int equals = line.indexOf('=');
			if (equals > 0 && line.substring(0, equals).strip().equals(name)) {
				String value = line.substring(equals + 1).strip();
				if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
						|| value.startsWith("'") && value.endsWith("'"))) {
					value = value.substring(1, value.length() - 1);
				}
				return value;
			}
		}
		throw new IllegalArgumentException("--curve-key-file " + file + " has no '" + name + " = \"...\"' line:"
				+ " expected a ZeroMQ secret certificate, as 'zmq-log-tail keygen' writes");
	}

	private static void check(String key, String what) {
		if (key.length() != ZMQ.Curve.KEY_SIZE_Z85) {
			throw new IllegalArgumentException(what + ": a CURVE key is " + ZMQ.Curve.KEY_SIZE_Z85
					+ " Z85 characters, this one has " + key.length());
		}
		long group = 0;
		for (int i = 0; i < key.length(); i++) {
			int digit = Z85.indexOf(key.charAt(i));
			if (digit < 0) {
				throw new IllegalArgumentException(what + ": not Z85 (character " + (i + 1) + ")");
			}
			group = group * 85 + digit;
			if (i % 5 == 4) {
				if (group > 0xFFFFFFFFL) {
					throw new IllegalArgumentException(what + ": not Z85 (characters " + (i - 3) + "-" + (i + 1) + ")");
				}
				group = 0;
			}
		}
	}

	@Override
	public String toString() {
		return "CurveClientKeys[keys hidden]";
	}

}

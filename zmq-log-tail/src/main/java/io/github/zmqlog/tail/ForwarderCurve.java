package io.github.zmqlog.tail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.zeromq.ZMQ;

import io.github.zmqlog.logback.curve.CurveKeys;

/**
 * One side of the forwarder as a CURVE server: its key pair and the client public keys
 * allowed in, checked. The secret key comes from a file or the environment, never the
 * command line; no message and no {@link #toString()} shows a key.
 */
public final class ForwarderCurve {

	private final String side;

	private final byte[] publicKey;

	private final byte[] secretKey;

	private final Set<String> allowed;

	private ForwarderCurve(String side, byte[] publicKey, byte[] secretKey, Set<String> allowed) {
		this.side = side;
		this.publicKey = publicKey;
		this.secretKey = secretKey;
		this.allowed = allowed;
	}

	/**
	 * The environment variable that may hold a side's secret key.
	 * @param side {@code frontend} or {@code backend}
	 * @return {@code ZMQLOG_FRONTEND_SECRET_KEY} or {@code ZMQLOG_BACKEND_SECRET_KEY}
	 */
	static String secretKeyEnv(String side) {
		return "ZMQLOG_" + side.toUpperCase(Locale.ROOT) + "_SECRET_KEY";
	}

	/**
	 * Checks and assembles one side's CURVE options.
	 * @param side {@code frontend} or {@code backend}, for messages
	 * @param keyFile the secret certificate (or bare secret key) file, or {@code null}
	 * @param allowedKeysFile the allowlist file, or {@code null}
	 * @param allowedKeys allowed public keys given one by one
	 * @param environment the environment, for the secret key without a file
	 * @return the side's CURVE server, or {@code null} when none of its options is given
	 * @throws IllegalArgumentException naming the option at fault, never quoting a key
	 */
	static @Nullable ForwarderCurve of(String side, @Nullable String keyFile, @Nullable String allowedKeysFile,
			List<String> allowedKeys, Map<String, String> environment) {
		String env = secretKeyEnv(side);
		String fromEnv = environment.get(env);
		boolean listed = allowedKeysFile != null || !allowedKeys.isEmpty();
		if (keyFile == null && fromEnv == null) {
			if (listed) {
				throw new IllegalArgumentException("an allowlist for the " + side + " needs its CURVE secret key: --"
						+ side + "-key-file FILE (from 'zmq-log-tail keygen --out FILE') or " + env);
			}
			return null;
		}
		String secret;
		String source;
		if (keyFile != null) {
			source = "--" + side + "-key-file " + ShownArgument.shown(keyFile);
			try {
				secret = CurveKeys.read(keyFile, true).strip();
			}
			catch (CurveKeys.KeyFileException ex) {
				throw new IllegalArgumentException(source + ": " + ex.getMessage()
						+ " (expected a ZeroMQ secret certificate, as 'zmq-log-tail keygen --out FILE' writes)");
			}
		}
		else {
			source = env;
			secret = fromEnv.strip();
		}
		check(CurveKeys.secretKeyProblem(secret), source);
		byte[] secretKey = CurveKeys.decode(secret);
		byte[] publicKey = CurveKeys.publicKeyOf(secretKey);
		if (keyFile != null) {
			String written = CurveKeys.publicKeyInCertificate(keyFile);
			if (written != null && (CurveKeys.problem(written.strip()) != null
					|| !CurveKeys.same(CurveKeys.decode(written.strip()), publicKey))) {
				throw new IllegalArgumentException(source + ": its public key does not belong to its secret key");
			}
		}
		if (!listed) {
			throw new IllegalArgumentException("CURVE on the " + side + " needs the clients' public keys: --" + side
					+ "-allowed-keys-file FILE or --" + side + "-allowed-key KEY (anyone may hold the server's"
					+ " public key, so without a list anyone could connect)");
		}
		List<String> keys = new ArrayList<>();
		if (allowedKeysFile != null) {
			String listSource = "--" + side + "-allowed-keys-file " + ShownArgument.shown(allowedKeysFile);
			try {
				List<String> read = CurveKeys.readList(allowedKeysFile);
				if (read.isEmpty()) {
					throw new IllegalArgumentException(listSource + " holds no key");
				}
				for (int i = 0; i < read.size(); i++) {
					check(CurveKeys.publicKeyProblem(read.get(i).strip()), listSource + ", key " + (i + 1));
					keys.add(read.get(i).strip());
				}
			}
			catch (CurveKeys.KeyFileException ex) {
				throw new IllegalArgumentException(listSource + ": " + ex.getMessage());
			}
		}
		for (int i = 0; i < allowedKeys.size(); i++) {
			check(CurveKeys.publicKeyProblem(allowedKeys.get(i).strip()), "--" + side + "-allowed-key #" + (i + 1));
			keys.add(allowedKeys.get(i).strip());
		}
		return new ForwarderCurve(side, publicKey, secretKey,
				Set.copyOf(keys.stream().map((key) -> CurveKeys.encode(CurveKeys.decode(key))).toList()));
	}

	private static void check(@Nullable String problem, String what) {
		if (problem != null) {
			throw new IllegalArgumentException(what + ": " + problem);
		}
	}

	/**
	 * Makes a socket a CURVE server for this side, before it binds.
	 * @param socket the socket
	 */
	void apply(ZMQ.Socket socket) {
		socket.setCurveServer(true);
		socket.setCurvePublicKey(this.publicKey);
		socket.setCurveSecretKey(this.secretKey);
	}

	/**
	 * Returns whether a client key is on the allowlist.
	 * @param clientKey the 32-byte key from the handshake
	 * @return whether it may connect
	 */
	boolean allows(byte[] clientKey) {
		return this.allowed.contains(CurveKeys.encode(clientKey));
	}

	/**
	 * Returns how many keys the allowlist holds.
	 * @return the count
	 */
	int allowedKeys() {
		return this.allowed.size();
	}

	/**
	 * Returns this side's public key, which clients set as their server key.
	 * @return the Z85 public key
	 */
	String publicKey() {
		return CurveKeys.encode(this.publicKey);
	}

	@Override
	public String toString() {
		return "ForwarderCurve[" + this.side + ", " + this.allowed.size() + " allowed keys, keys hidden]";
	}

}

package io.github.zmqlog.logback.curve;

import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.core.spi.ContextAware;
import org.jspecify.annotations.Nullable;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import io.github.zmqlog.logback.ConfigurationProblem;
import io.github.zmqlog.logback.CurveConfiguration;

/**
 * The appender's {@link CurveConfiguration}, checked. An appender that binds is a CURVE
 * server: the server's key pair and the client public keys allowed to subscribe, decoded;
 * a {@link ZapHandler} admits only allowed clients, or every client that completes the
 * handshake when {@code allowAnyClient} is set (encryption without client
 * authentication). An appender that connects is a CURVE client: its own key pair and the
 * public key of the server it connects to; the server decides whom it admits.
 *
 * <p>
 * Nothing here quotes a key: problems name the option (as {@code curve.serverSecretKey},
 * the element inside {@code <curve>}) and, for files, the path.
 */
public final class CurveSecurity {

	private static final String SECRET_KEY = "curve.serverSecretKey";

	private static final String SECRET_KEY_FILE = "curve.serverSecretKeyFile";

	private static final String PUBLIC_KEY = "curve.serverPublicKey";

	private static final String PUBLIC_KEY_FILE = "curve.serverPublicKeyFile";

	private static final String ALLOWED_CLIENT_KEY = "curve.allowedClientKey";

	private static final String ALLOWED_CLIENT_KEYS_FILE = "curve.allowedClientKeysFile";

	private static final String ALLOW_ANY_CLIENT = "curve.allowAnyClient";

	private static final String CLIENT_SECRET_KEY = "curve.clientSecretKey";

	private static final String CLIENT_SECRET_KEY_FILE = "curve.clientSecretKeyFile";

	private static final String CLIENT_PUBLIC_KEY = "curve.clientPublicKey";

	private static final String CLIENT_PUBLIC_KEY_FILE = "curve.clientPublicKeyFile";

	private final byte[] publicKey;

	private final byte[] secretKey;

	/** The server's public key when this side is the client, else {@code null}. */
	private final byte @Nullable [] serverKey;

	private final List<byte[]> allowedClientKeys;

	private final boolean allowAnyClient;

	private volatile ZapHandler.@Nullable Policy policy;

	private volatile ZapHandler.@Nullable Registration registration;

	private CurveSecurity(byte[] publicKey, byte[] secretKey, byte @Nullable [] serverKey,
			List<byte[]> allowedClientKeys, boolean allowAnyClient) {
		this.publicKey = publicKey;
		this.secretKey = secretKey;
		this.serverKey = serverKey;
		this.allowedClientKeys = allowedClientKeys;
		this.allowAnyClient = allowAnyClient;
	}

	/**
	 * Checks the CURVE options, adding what is wrong to {@code found}: a CURVE server's
	 * when the appender binds, a CURVE client's when it only connects.
	 * @param curve the options as set, each read once
	 * @param binds whether the appender binds endpoints
	 * @param connects whether the appender connects to endpoints
	 * @param found where problems go
	 * @return the checked keys, or {@code null} when CURVE is not configured or a problem
	 * was found
	 */
	public static @Nullable CurveSecurity check(CurveConfiguration curve, boolean binds, boolean connects,
			List<ConfigurationProblem> found) {
		if (!curve.isConfigured()) {
			return null;
		}
		if (binds && connects) {
			found.add(new ConfigurationProblem("connect", null, "CURVE on an appender that both binds and connects"
					+ " is refused: one socket is either the CURVE server its subscribers connect to (bind only, with"
					+ " the server's key pair) or a CURVE client of the server it connects to (connect only, with"
					+ " 'curve.clientSecretKey' and the server's 'curve.serverPublicKey'); use two appenders"));
			return null;
		}
		return connects ? checkClient(curve, found) : checkServer(curve, found);
	}

	private static @Nullable CurveSecurity checkServer(CurveConfiguration curve, List<ConfigurationProblem> found) {
		String secretKeyFile = curve.getServerSecretKeyFile();
		String publicKeyValue = curve.getServerPublicKey();
		String publicKeyFile = curve.getServerPublicKeyFile();
		List<String> allowedClientKeys = curve.getAllowedClientKeys();
		String listFile = curve.getAllowedClientKeysFile();
		boolean allowAnyClient = curve.isAllowAnyClient();
		int before = found.size();
		wrongRole(found, CLIENT_SECRET_KEY, curve.getClientSecretKey() != null, false);
		wrongRole(found, CLIENT_SECRET_KEY_FILE, curve.getClientSecretKeyFile() != null, false);
		wrongRole(found, CLIENT_PUBLIC_KEY, curve.getClientPublicKey() != null, false);
		wrongRole(found, CLIENT_PUBLIC_KEY_FILE, curve.getClientPublicKeyFile() != null, false);
		byte[] secretKey = key(found, Half.SERVER_SECRET, curve.getServerSecretKey(), secretKeyFile, null);
		byte[] publicKey = key(found, Half.SERVER_PUBLIC, publicKeyValue, publicKeyFile, secretKeyFile);
		pairMatches(found, Half.SERVER_PUBLIC, secretKey, publicKey, publicKeyValue, publicKeyFile, secretKeyFile);
		List<byte[]> allowed = new ArrayList<>();
		clientKeys(found, ALLOWED_CLIENT_KEY, null, allowedClientKeys, allowed);
		if (listFile != null) {
			try {
				List<String> fromFile = CurveKeys.readList(listFile);
				clientKeys(found, ALLOWED_CLIENT_KEYS_FILE, listFile, fromFile, allowed);
				if (fromFile.isEmpty() && !allowAnyClient) {
					found.add(new ConfigurationProblem(ALLOWED_CLIENT_KEYS_FILE, listFile,
							"Invalid '" + ALLOWED_CLIENT_KEYS_FILE + "' " + listFile + ": the file lists no key"));
				}
			}
			catch (CurveKeys.KeyFileException ex) {
				found.add(new ConfigurationProblem(ALLOWED_CLIENT_KEYS_FILE, listFile,
						"Invalid '" + ALLOWED_CLIENT_KEYS_FILE + "' " + listFile + ": " + ex.getMessage()));
			}
		}
		boolean listed = !allowedClientKeys.isEmpty() || listFile != null;
		if (!listed && !allowAnyClient) {
			found.add(new ConfigurationProblem(ALLOWED_CLIENT_KEY, null,
					"No client may subscribe: list the" + " subscribers' public keys in '" + ALLOWED_CLIENT_KEY
							+ "' or '" + ALLOWED_CLIENT_KEYS_FILE + "', or set '" + ALLOW_ANY_CLIENT
							+ "' to true to encrypt without checking who subscribes"));
		}
		if (listed && allowAnyClient) {
			found.add(new ConfigurationProblem(ALLOW_ANY_CLIENT, "true",
					"Invalid '" + ALLOW_ANY_CLIENT + "': it lets every client in, so the '" + ALLOWED_CLIENT_KEY
							+ "' list would not be enforced;" + " set one or the other"));
		}
		if (found.size() > before) {
			return null;
		}
		return new CurveSecurity(publicKey, secretKey, null, List.copyOf(allowed), allowAnyClient);
	}

	private static @Nullable CurveSecurity checkClient(CurveConfiguration curve, List<ConfigurationProblem> found) {
		int before = found.size();
		wrongRole(found, SECRET_KEY, curve.getServerSecretKey() != null, true);
		wrongRole(found, SECRET_KEY_FILE, curve.getServerSecretKeyFile() != null, true);
		wrongRole(found, ALLOWED_CLIENT_KEY, !curve.getAllowedClientKeys().isEmpty(), true);
		wrongRole(found, ALLOWED_CLIENT_KEYS_FILE, curve.getAllowedClientKeysFile() != null, true);
		wrongRole(found, ALLOW_ANY_CLIENT, curve.isAllowAnyClient(), true);
		String secretKeyFile = curve.getClientSecretKeyFile();
		String publicKeyValue = curve.getClientPublicKey();
		String publicKeyFile = curve.getClientPublicKeyFile();
		byte[] secretKey = key(found, Half.CLIENT_SECRET, curve.getClientSecretKey(), secretKeyFile, null);
		byte[] publicKey = key(found, Half.CLIENT_PUBLIC, publicKeyValue, publicKeyFile, secretKeyFile);
		pairMatches(found, Half.CLIENT_PUBLIC, secretKey, publicKey, publicKeyValue, publicKeyFile, secretKeyFile);
		byte[] serverKey = key(found, Half.SERVER_KEY, curve.getServerPublicKey(), curve.getServerPublicKeyFile(),
				null);
		if (found.size() > before) {
			return null;
		}
		return new CurveSecurity(publicKey, secretKey, serverKey, List.of(), false);
	}

	private static void wrongRole(List<ConfigurationProblem> found, String option, boolean set, boolean connects) {
		if (!set) {
			return;
		}
		String problem = connects
				? "it is for an appender that binds, a CURVE server; this one only connects, as a CURVE client:"
						+ " set its own key pair in '" + CLIENT_SECRET_KEY + "' (or '" + CLIENT_SECRET_KEY_FILE
						+ "') and the server's key in '" + PUBLIC_KEY + "' (or '" + PUBLIC_KEY_FILE + "')"
				: "it is for an appender that connects, a CURVE client; this one binds, as a CURVE server: set"
						+ " the server's key pair in '" + SECRET_KEY + "' (or '" + SECRET_KEY_FILE
						+ "') and the subscribers allowed in '" + ALLOWED_CLIENT_KEY + "'";
		found.add(new ConfigurationProblem(option, null, "Invalid '" + option + "': " + problem));
	}

	private static void pairMatches(List<ConfigurationProblem> found, Half half, byte @Nullable [] secretKey,
			byte @Nullable [] publicKey, @Nullable String publicKeyValue, @Nullable String publicKeyFile,
			@Nullable String secretKeyFile) {
		if (secretKey == null || publicKey == null || CurveKeys.same(CurveKeys.publicKeyOf(secretKey), publicKey)) {
			return;
		}
		String option = (publicKeyFile != null) ? half.fileOption
				: (publicKeyValue != null) ? half.option : half.pairOf().fileOption;
		found.add(new ConfigurationProblem(option, publicKeyFile,
				"Invalid '" + option + "': the " + half.who + " public key does not belong to the " + half.who
						+ " secret key (derived with CURVE's key function); use the two halves of one key pair"));
	}

	private static void clientKeys(List<ConfigurationProblem> found, String option, @Nullable String file,
			List<String> keys, List<byte[]> allowed) {
		for (int i = 0; i < keys.size(); i++) {
			String problem = CurveKeys.publicKeyProblem(keys.get(i));
			if (problem != null) {
				found.add(new ConfigurationProblem(option, file,
						"Invalid '" + option + "'" + ((file != null) ? " " + file : "") + " (key " + (i + 1) + " of "
								+ keys.size() + "): " + problem));
			}
			else {
				allowed.add(CurveKeys.decode(keys.get(i)));
			}
		}
	}

	private static byte @Nullable [] key(List<ConfigurationProblem> found, Half half, @Nullable String value,
			@Nullable String file, @Nullable String certificate) {
		String option = half.option;
		String fileOption = half.fileOption;
		if (value != null && file != null) {
			found.add(new ConfigurationProblem(fileOption, file,
					"Invalid '" + fileOption + "': set '" + option + "' or '" + fileOption + "', not both"));
			return null;
		}
		String key = value;
		String source = option;
		String path = null;
		if (file != null) {
			source = fileOption;
			path = file;
			try {
				key = CurveKeys.read(file, half.secret);
			}
			catch (CurveKeys.KeyFileException ex) {
				found.add(new ConfigurationProblem(fileOption, file,
						"Invalid '" + fileOption + "' " + file + ": " + ex.getMessage()));
				return null;
			}
		}
		else if (key == null && certificate != null) {
			// A certificate holds both halves: its secret key file gives the public key
			// too.
			key = CurveKeys.publicKeyInCertificate(certificate);
			source = half.pairOf().fileOption;
			path = certificate;
		}
		if (key == null) {
			found.add(new ConfigurationProblem(option, null, "CURVE needs the " + half.description + ": set '" + option
					+ "' or '" + fileOption + "' (" + half.requirement + ")"));
			return null;
		}
		String problem = half.secret ? CurveKeys.secretKeyProblem(key.strip())
				: CurveKeys.publicKeyProblem(key.strip());
		if (problem != null) {
			found.add(new ConfigurationProblem(source, path,
					"Invalid '" + source + "'" + ((path != null) ? " " + path : "") + ": " + problem));
			return null;
		}
		return CurveKeys.decode(key.strip());
	}

	/**
	 * Makes the socket a CURVE server or client. A server's allowlist is registered with
	 * the context's ZAP handler and the socket joins its domain; close the registration
	 * after closing the socket. A client needs no ZAP handler. Call before binding or
	 * connecting.
	 * @param context the socket's context
	 * @param socket the socket
	 * @param status where refused clients are reported
	 * @return the registration, or {@code null} for a client
	 * @throws ZapHandler.ZapException when no ZAP handler can serve the context
	 */
	public ZapHandler.@Nullable Registration apply(ZContext context, ZMQ.Socket socket, ContextAware status)
			throws ZapHandler.ZapException {
		byte[] server = this.serverKey;
		if (server != null) {
			socket.setCurveServer(false);
			socket.setCurveServerKey(server);
			socket.setCurvePublicKey(this.publicKey);
			socket.setCurveSecretKey(this.secretKey);
			return null;
		}
		ZapHandler.Policy policy = new ZapHandler.Policy(this.allowedClientKeys, this.allowAnyClient, status);
		ZapHandler.Registration registration = ZapHandler.register(context, policy);
		this.policy = policy;
		this.registration = registration;
		socket.setZAPDomain(registration.domain());
		socket.setCurveServer(true);
		socket.setCurvePublicKey(this.publicKey);
		socket.setCurveSecretKey(this.secretKey);
		return registration;
	}

	/**
	 * Returns whether the socket is a CURVE client of the endpoints it connects to,
	 * rather than a CURVE server on its bound endpoints.
	 * @return whether this is the client side
	 */
	public boolean client() {
		return this.serverKey != null;
	}

	/**
	 * Makes another socket of the same context a CURVE server with the same keys and
	 * allowlist, after {@link #apply}: the history endpoint admits whom the publisher
	 * admits. Call before binding.
	 * @param socket the socket
	 * @throws IllegalStateException before {@code apply}
	 */
	public void applyAlso(ZMQ.Socket socket) {
		ZapHandler.Registration current = this.registration;
		if (current == null) {
			throw new IllegalStateException("apply() first");
		}
		socket.setZAPDomain(current.domain());
		socket.setCurveServer(true);
		socket.setCurvePublicKey(this.publicKey);
		socket.setCurveSecretKey(this.secretKey);
	}

	/**
	 * Returns how many client keys are allowed, from the list and the file.
	 * @return the number of allowed client keys
	 */
	public int allowedClientKeyCount() {
		return this.allowedClientKeys.size();
	}

	/**
	 * Returns how many CURVE handshakes the ZAP handler refused since {@link #apply}.
	 * @return the count, 0 before {@code apply}
	 */
	public long refusedClients() {
		ZapHandler.Policy current = this.policy;
		return (current != null) ? current.denied.get() : 0;
	}

	/**
	 * Returns how many clients the ZAP handler admitted since {@link #apply}.
	 * @return the count, 0 before {@code apply}
	 */
	public long admittedClients() {
		ZapHandler.Policy current = this.policy;
		return (current != null) ? current.allowed.get() : 0;
	}

	/**
	 * Returns why the ZAP handler stopped answering, so that every client is refused.
	 * @return the reason, or {@code null} while it answers or before {@link #apply}
	 */
	public @Nullable String zapHandlerFailure() {
		ZapHandler.Registration current = this.registration;
		return (current != null) ? current.failure() : null;
	}

	@Override
	public String toString() {
		return "CurveSecurity[" + (client() ? "client" : "server") + ", allowedClientKeys="
				+ this.allowedClientKeys.size() + ", allowAnyClient=" + this.allowAnyClient + "]";
	}

	/** One key option pair, value and file, and how problems with it are worded. */
	private enum Half {

		SERVER_SECRET(SECRET_KEY, SECRET_KEY_FILE, true, "server", "server secret key",
				"both halves of the server's key pair are required"),

		SERVER_PUBLIC(PUBLIC_KEY, PUBLIC_KEY_FILE, false, "server", "server public key",
				"both halves of the server's key pair are required"),

		CLIENT_SECRET(CLIENT_SECRET_KEY, CLIENT_SECRET_KEY_FILE, true, "client", "client secret key",
				"an appender that connects with CURVE needs its own key pair, and the server's public key"),

		CLIENT_PUBLIC(CLIENT_PUBLIC_KEY, CLIENT_PUBLIC_KEY_FILE, false, "client", "client public key",
				"an appender that connects with CURVE needs its own key pair, and the server's public key"),

		SERVER_KEY(PUBLIC_KEY, PUBLIC_KEY_FILE, false, "server", "public key of the server the appender connects to",
				"the server's public key, as its owner hands it out, proves it is the server you meant");

		private final String option;

		private final String fileOption;

		private final boolean secret;

		private final String who;

		private final String description;

		private final String requirement;

		Half(String option, String fileOption, boolean secret, String who, String description, String requirement) {
			this.option = option;
			this.fileOption = fileOption;
			this.secret = secret;
			this.who = who;
			this.description = description;
			this.requirement = requirement;
		}

		/**
		 * Returns the secret half whose certificate file also gives this half.
		 * @return the secret half
		 */
		private Half pairOf() {
			return (this == CLIENT_PUBLIC) ? CLIENT_SECRET : SERVER_SECRET;
		}

	}

}

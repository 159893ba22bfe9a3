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
 * The appender's {@link CurveConfiguration}, checked: the server's key pair and the
 * client public keys allowed to subscribe, decoded. The socket is a CURVE server on its
 * bound endpoints; a {@link ZapHandler} admits only allowed clients, or every client that
 * completes the handshake when {@code allowAnyClient} is set (encryption without client
 * authentication).
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

	private final byte[] publicKey;

	private final byte[] secretKey;

	private final List<byte[]> allowedClientKeys;

	private final boolean allowAnyClient;

	private volatile ZapHandler.@Nullable Policy policy;

	private volatile ZapHandler.@Nullable Registration registration;

	private CurveSecurity(byte[] publicKey, byte[] secretKey, List<byte[]> allowedClientKeys, boolean allowAnyClient) {
		this.publicKey = publicKey;
		this.secretKey = secretKey;
		this.allowedClientKeys = allowedClientKeys;
		this.allowAnyClient = allowAnyClient;
	}

	/**
	 * Checks the CURVE options, adding what is wrong to {@code found}.
	 * @param curve the options as set, each read once
	 * @param connects whether the appender also connects to endpoints
	 * @param found where problems go
	 * @return the checked keys, or {@code null} when CURVE is not configured or a problem
	 * was found
	 */
	public static @Nullable CurveSecurity check(CurveConfiguration curve, boolean connects,
			List<ConfigurationProblem> found) {
		if (!curve.isConfigured()) {
			return null;
		}
		String secretKeyFile = curve.getServerSecretKeyFile();
		String publicKeyValue = curve.getServerPublicKey();
		String publicKeyFile = curve.getServerPublicKeyFile();
		List<String> allowedClientKeys = curve.getAllowedClientKeys();
		String listFile = curve.getAllowedClientKeysFile();
		boolean allowAnyClient = curve.isAllowAnyClient();
		int before = found.size();
		byte[] secretKey = key(found, SECRET_KEY, curve.getServerSecretKey(), SECRET_KEY_FILE, secretKeyFile, true,
				null);
		byte[] publicKey = key(found, PUBLIC_KEY, publicKeyValue, PUBLIC_KEY_FILE, publicKeyFile, false, secretKeyFile);
		if (secretKey != null && publicKey != null && !CurveKeys.same(CurveKeys.publicKeyOf(secretKey), publicKey)) {
			String option = (publicKeyFile != null) ? PUBLIC_KEY_FILE
					: (publicKeyValue != null) ? PUBLIC_KEY : SECRET_KEY_FILE;
			found.add(new ConfigurationProblem(option, publicKeyFile,
					"Invalid '" + option + "': the server public key does not belong to the server secret key"
							+ " (derived with CURVE's key function); use the two halves of one key pair"));
		}
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
		if (connects) {
			found.add(new ConfigurationProblem("connect", null, "CURVE works on bound endpoints only: the appender"
					+ " is the CURVE server its subscribers connect to; remove 'connect', or the CURVE options"));
		}
		if (found.size() > before) {
			return null;
		}
		return new CurveSecurity(publicKey, secretKey, List.copyOf(allowed), allowAnyClient);
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

	private static byte @Nullable [] key(List<ConfigurationProblem> found, String option, @Nullable String value,
			String fileOption, @Nullable String file, boolean secret, @Nullable String certificate) {
		String half = secret ? "secret" : "public";
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
				key = CurveKeys.read(file, secret);
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
			source = SECRET_KEY_FILE;
			path = certificate;
		}
		if (key == null) {
			found.add(new ConfigurationProblem(option, null, "CURVE needs the server " + half + " key: set '" + option
					+ "' or '" + fileOption + "' (both halves of the server's key pair are required)"));
			return null;
		}
		String problem = secret ? CurveKeys.secretKeyProblem(key.strip()) : CurveKeys.publicKeyProblem(key.strip());
		if (problem != null) {
			found.add(new ConfigurationProblem(source, path,
					"Invalid '" + source + "'" + ((path != null) ? " " + path : "") + ": " + problem));
			return null;
		}
		return CurveKeys.decode(key.strip());
	}

	/**
	 * Registers the allowlist with the context's ZAP handler and makes the socket a CURVE
	 * server in its domain. Call before binding; close the registration after closing the
	 * socket.
	 * @param context the socket's context
	 * @param socket the socket
	 * @param status where refused clients are reported
	 * @return the registration
	 * @throws ZapHandler.ZapException when no ZAP handler can serve the context
	 */
	public ZapHandler.Registration apply(ZContext context, ZMQ.Socket socket, ContextAware status)
			throws ZapHandler.ZapException {
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
		return "CurveSecurity[allowedClientKeys=" + this.allowedClientKeys.size() + ", allowAnyClient="
				+ this.allowAnyClient + "]";
	}

}

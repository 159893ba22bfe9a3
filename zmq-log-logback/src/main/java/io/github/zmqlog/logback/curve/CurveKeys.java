package io.github.zmqlog.logback.curve;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

import com.neilalexander.jnacl.crypto.curve25519;
import org.jspecify.annotations.Nullable;
import org.zeromq.ZMQ;

/**
 * CURVE keys: checking their Z85 text and refusing weak keys, reading them from files,
 * and deriving a public key from a secret key. No method puts a key in an exception
 * message or a problem.
 *
 * <p>
 * A key file holds either the Z85 key alone (40 characters on one line; blank lines and
 * comment lines starting with {@code #} are ignored; no valid key starts with {@code #})
 * or a ZeroMQ certificate as {@code zmq-log-tail keygen}, PyZMQ's
 * {@code zmq.auth.create_certificates} and CZMQ's {@code zcert} write it, whose
 * {@code public-key = "..."} and {@code secret-key = "..."} lines are read. An allowlist
 * file holds one public key per line, bare or as a {@code public-key = "..."} line.
 *
 * <p>
 * Shared by the appender and {@code zmq-log-tail}, so that both accept the same keys and
 * files: it needs JeroMQ only, not Logback.
 */
public final class CurveKeys {

	/** Length of a Z85-encoded 32-byte key. */
	public static final int Z85_LENGTH = ZMQ.Curve.KEY_SIZE_Z85;

	private static final String Z85_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";

	private static final String WEAK = "a weak key: ";

	private static final String POSE = ", so anyone could pose as it";

	/**
	 * The scalar the small-order test multiplies by: all zero, which curve25519 clamps to
	 * 2^254, a multiple of 8 and of neither large prime order (of the curve or its
	 * twist).
	 */
	private static final byte[] PROBE = new byte[ZMQ.Curve.KEY_SIZE];

	private static final BigInteger FIELD_PRIME = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));

	/** The public key of the all-zero secret key, whose secret everyone knows. */
	private static final byte[] ZERO_SECRET_PUBLIC_KEY = publicKeyOf(new byte[ZMQ.Curve.KEY_SIZE]);

	private CurveKeys() {
	}

	/**
	 * Returns what is wrong with a Z85 public key, without quoting it: a {@link #problem}
	 * with its text, or a weak key. A point of small order (0, 1 and the others
	 * libsodium's {@code has_small_order} lists, in any of their encodings) makes CURVE's
	 * shared secret zero whatever the other side's secret key, so anyone could forge the
	 * handshake's proof of owning it; the public key of the all-zero secret key is just
	 * as open.
	 * @param key the key text
	 * @return a phrase describing the problem, or {@code null} when the key may be used
	 */
	public static @Nullable String publicKeyProblem(@Nullable String key) {
		String problem = problem(key);
		if (problem != null) {
			return problem;
		}
		byte[] decoded = decode(key);
		if (hasSmallOrder(decoded)) {
			return WEAK + "a point of small order on Curve25519, with which CURVE's shared secret is zero"
					+ " whatever the secret key" + POSE;
		}
		if (same(decoded, ZERO_SECRET_PUBLIC_KEY)) {
			return WEAK + "the public key of the all-zero secret key" + POSE;
		}
		return null;
	}

	/**
	 * Returns what is wrong with a Z85 secret key, without quoting it: a {@link #problem}
	 * with its text, or a key that is all zero in the bits that CURVE uses.
	 * @param key the key text
	 * @return a phrase describing the problem, or {@code null} when the key may be used
	 */
	public static @Nullable String secretKeyProblem(@Nullable String key) {
		String problem = problem(key);
		if (problem != null) {
			return problem;
		}
		byte[] clamped = clamp(decode(key));
		if (same(clamped, clamp(new byte[ZMQ.Curve.KEY_SIZE]))) {
			return WEAK + "all zero in the bits that CURVE uses" + POSE;
		}
		return null;
	}

	// A point of small order multiplied by PROBE gives zero. Both readings of the top
	// bit are tried: JeroMQ's curve25519 reads it (as 2^255, that is 19, modulo
	// 2^255 - 19), RFC 7748 implementations ignore it.
	private static boolean hasSmallOrder(byte[] point) {
		byte[] topBitCleared = point.clone();
		topBitCleared[31] &= 0x7F;
		return multipliesToZero(point) || multipliesToZero(topBitCleared);
	}

	private static boolean multipliesToZero(byte[] point) {
		byte[] product = new byte[ZMQ.Curve.KEY_SIZE];
		curve25519.crypto_scalarmult(product, PROBE, point);
		// JeroMQ's curve25519 may give zero as 2^255 - 19: compare modulo that prime.
		byte[] bigEndian = new byte[product.length];
		for (int i = 0; i < product.length; i++) {
			bigEndian[i] = product[product.length - 1 - i];
		}
		return new BigInteger(1, bigEndian).mod(FIELD_PRIME).signum() == 0;
	}

	// The secret key as curve25519 uses it, with the bits it clears and sets.
	private static byte[] clamp(byte[] secretKey) {
		byte[] clamped = secretKey.clone();
		clamped[0] &= (byte) 248;
		clamped[31] &= 127;
		clamped[31] |= 64;
		return clamped;
	}

	/**
	 * Returns what is wrong with the text of a Z85 key, without quoting it; whether the
	 * key is weak is {@link #publicKeyProblem} and {@link #secretKeyProblem}'s concern.
	 * @param key the key text
	 * @return a phrase describing the problem, or {@code null} when the key is valid
	 */
	public static @Nullable String problem(@Nullable String key) {
		if (key == null || key.isEmpty()) {
			return "the key is empty";
		}
		if (key.length() != Z85_LENGTH) {
			return "a CURVE key is " + Z85_LENGTH + " Z85 characters, this one has " + key.length();
		}
		long group = 0;
		for (int i = 0; i < key.length(); i++) {
			int digit = Z85_ALPHABET.indexOf(key.charAt(i));
			if (digit < 0) {
				return "the key is not Z85: character " + (i + 1) + " is not in the Z85 alphabet";
			}
			group = group * 85 + digit;
			if (i % 5 == 4) {
				if (group > 0xFFFFFFFFL) {
					return "the key is not Z85: characters " + (i - 3) + "-" + (i + 1) + " encode more than 32 bits";
				}
				group = 0;
			}
		}
		return null;
	}

	/**
	 * Decodes a key that {@link #problem} accepts.
	 * @param key the Z85 key
	 * @return the 32 bytes
	 */
	public static byte[] decode(String key) {
		return ZMQ.Curve.z85Decode(key);
	}

	/**
	 * Encodes 32 bytes as Z85.
	 * @param key the key
	 * @return the Z85 text
	 */
	public static String encode(byte[] key) {
		return ZMQ.Curve.z85Encode(key);
	}

	/**
	 * Returns the public key that belongs to a secret key, as the CURVE handshake
	 * computes it.
	 * @param secretKey the 32-byte secret key
	 * @return the 32-byte public key
	 */
	public static byte[] publicKeyOf(byte[] secretKey) {
		byte[] publicKey = new byte[32];
		curve25519.crypto_scalarmult_base(publicKey, secretKey);
		return publicKey;
	}

	/**
	 * Returns whether two keys are equal, in time that does not depend on where they
	 * differ.
	 * @param a a key
	 * @param b another key
	 * @return whether they are equal
	 */
	public static boolean same(byte[] a, byte[] b) {
		return MessageDigest.isEqual(a, b);
	}

	/**
	 * Reads one half of a key pair from a key file.
	 * @param file the file
	 * @param secret whether to read the secret key (otherwise the public key)
	 * @return the key text as found, to be checked with {@link #problem}
	 * @throws KeyFileException when the file cannot be read or holds no such key
	 */
	public static String read(String file, boolean secret) throws KeyFileException {
		List<String> lines = lines(file);
		String name = secret ? "secret-key" : "public-key";
		String bare = null;
		int content = 0;
		for (String raw : lines) {
			String line = raw.strip();
			if (isComment(line)) {
				continue;
			}
			content++;
			bare = line;
			int equals = line.indexOf('=');
			if (equals > 0 && line.substring(0, equals).strip().equals(name)) {
				return unquote(line.substring(equals + 1).strip());
			}
		}
		if (content == 1 && !bare.startsWith("public-key") && !bare.startsWith("secret-key")) {
			return bare;
		}
		throw new KeyFileException("the file holds neither a key alone on one line nor a certificate with a '" + name
				+ " = \"...\"' line");
	}

	/**
	 * Reads an allowlist file: one public key per line, bare or as
	 * {@code public-key = "..."}.
	 * @param file the file
	 * @return the keys as found, to be checked with {@link #problem}
	 * @throws KeyFileException when the file cannot be read
	 */
	public static List<String> readList(String file) throws KeyFileException {
		List<String> keys = new ArrayList<>();
		for (String raw : lines(file)) {
			String line = raw.strip();
			if (isComment(line)) {
				continue;
			}
			int equals = line.indexOf('=');
			if (line.startsWith("public-key") && equals > 0 && line.substring(0, equals).strip().equals("public-key")) {
				line = unquote(line.substring(equals + 1).strip());
			}
			keys.add(line);
		}
		return keys;
	}

	private static List<String> lines(String file) throws KeyFileException {
		try {
			return Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
		}
		catch (IOException | InvalidPathException | SecurityException ex) {
			throw new KeyFileException("cannot read the file (" + ex.getClass().getSimpleName() + ")");
		}
	}

	private static boolean isComment(String line) {
		// '#' is a Z85 digit, but the largest: a group it leads exceeds 32 bits, so no
		// key starts with it.
		return line.isEmpty() || line.startsWith("#");
	}

	/**
	 * Returns the public key of a certificate, so that a secret key file that is a
	 * certificate also gives the public half.
	 * @param file the file
	 * @return the public key text, or {@code null} when the file cannot be read or is not
	 * a certificate with both halves
	 */
	public static @Nullable String publicKeyInCertificate(String file) {
		try {
			List<String> lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
			boolean certificate = lines.stream().map(String::strip).anyMatch((l) -> l.startsWith("secret-key"));
			return certificate ? read(file, false) : null;
		}
		catch (IOException | InvalidPathException | SecurityException | KeyFileException ex) {
			return null;
		}
	}

	private static String unquote(String value) {
		String unquoted = value;
		if (unquoted.length() >= 2 && (unquoted.startsWith("\"") && unquoted.endsWith("\"")
				|| unquoted.startsWith("'") && unquoted.endsWith("'"))) {
			unquoted = unquoted.substring(1, unquoted.length() - 1);
		}
		return unquoted;
	}

	/** A key file that cannot be used; the message never quotes its content. */
	public static final class KeyFileException extends Exception {

		KeyFileException(String message) {
			super(message);
		}

	}

}

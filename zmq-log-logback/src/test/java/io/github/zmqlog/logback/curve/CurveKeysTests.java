package io.github.zmqlog.logback.curve;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import com.neilalexander.jnacl.crypto.curve25519;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.zeromq.ZMQ;

import io.github.zmqlog.logback.curve.CurveKeys.KeyFileException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * CURVE keys: Z85 checks that never quote the key, weak keys, agreement with JeroMQ's key
 * pairs, and the key file formats that {@code zmq-log-tail keygen}, PyZMQ and CZMQ write.
 */
class CurveKeysTests {

	/**
	 * The server key pair of the {@code zmq_curve(7)} manual, which libzmq derived with
	 * libsodium.
	 */
	private static final ZMQ.Curve.KeyPair LIBZMQ_SERVER = new ZMQ.Curve.KeyPair(
			"rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7", "JTKVSB%%)wK0E.X)V>+}o?pNmC{O&4W4b!Ni{Lh6");

	/** The client key pair of the same manual page. */
	private static final ZMQ.Curve.KeyPair LIBZMQ_CLIENT = new ZMQ.Curve.KeyPair(
			"Yne@$w-vo<fVvi]a<NY6T1ed:M$fCG*[IaLV{hID", "D:)Q[IlAW!ahhC2ac:9*A}h:p?([4%wOTJ%JR%cs");

	private static final ZMQ.Curve.KeyPair pair = ZMQ.Curve.generateKeyPair();

	/** The field prime of Curve25519, 2^255 - 19. */
	private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));

	/**
	 * The u-coordinates of the points of small order, as libsodium's
	 * {@code has_small_order} lists them: 0, 1, p - 1 and the two points of order 8.
	 */
	private static final List<BigInteger> SMALL_ORDER = List.of(BigInteger.ZERO, BigInteger.ONE,
			P.subtract(BigInteger.ONE),
			new BigInteger("325606250916557431795983626356110631294008115727848805560023387167927233504"),
			new BigInteger("39382357235489614581723060781553021112529911719440698176882885853963445705823"));

	@TempDir
	Path dir;

	@Test
	void acceptsEveryKeyJeroMqGeneratesAsPublicAndSecretKeys() {
		for (int i = 0; i < 200; i++) {
			ZMQ.Curve.KeyPair generated = ZMQ.Curve.generateKeyPair();
			assertThat(CurveKeys.problem(generated.publicKey)).as("public key %d", i).isNull();
			assertThat(CurveKeys.problem(generated.secretKey)).as("secret key %d", i).isNull();
			assertThat(CurveKeys.publicKeyProblem(generated.publicKey)).as("public key %d", i).isNull();
			assertThat(CurveKeys.secretKeyProblem(generated.secretKey)).as("secret key %d", i).isNull();
		}
		for (ZMQ.Curve.KeyPair libzmq : new ZMQ.Curve.KeyPair[] { LIBZMQ_SERVER, LIBZMQ_CLIENT }) {
			assertThat(CurveKeys.problem(libzmq.publicKey)).isNull();
			assertThat(CurveKeys.problem(libzmq.secretKey)).isNull();
			assertThat(CurveKeys.publicKeyProblem(libzmq.publicKey)).isNull();
			assertThat(CurveKeys.secretKeyProblem(libzmq.secretKey)).isNull();
		}
	}

	@Test
	void publicAndSecretKeyProblemsIncludeTheZ85Problems() {
		assertThat(CurveKeys.publicKeyProblem(null)).isEqualTo("the key is empty");
		assertThat(CurveKeys.secretKeyProblem(pair.secretKey.substring(1))).contains("this one has 39");
		assertThat(CurveKeys.publicKeyProblem("~" + pair.publicKey.substring(1))).contains("character 1 is not");
	}

	/**
	 * Every encoding of a point of small order: the canonical u, u + p and u + 2p below
	 * 2^256 (JeroMQ's curve25519 reads all 256 bits, reducing modulo p), and u with the
	 * top bit set (RFC 7748 implementations such as libsodium ignore that bit).
	 */
	static Stream<String> weakPublicKeys() {
		Set<BigInteger> encodings = new LinkedHashSet<>();
		BigInteger limit = BigInteger.TWO.pow(256);
		BigInteger topBit = BigInteger.TWO.pow(255);
		for (BigInteger u : SMALL_ORDER) {
			for (BigInteger v = u; v.compareTo(limit) < 0; v = v.add(P)) {
				encodings.add(v);
			}
			for (BigInteger v = u; v.compareTo(topBit) < 0; v = v.add(P)) {
				encodings.add(v.setBit(255));
			}
		}
		return encodings.stream().map((v) -> CurveKeys.encode(littleEndian(v)));
	}

	@ParameterizedTest
	@MethodSource("weakPublicKeys")
	void weakPublicKeyIsAProblemThatDoesNotQuoteTheKey(String weak) {
		assertThat(CurveKeys.problem(weak)).as("valid Z85").isNull();
		assertWeakNotQuoting(CurveKeys.publicKeyProblem(weak), weak);
	}

	@Test
	void allZeroPublicKeyIsTheZ85ZerosAndIsWeak() {
		String zeros = "0".repeat(CurveKeys.Z85_LENGTH);
		assertThat(CurveKeys.decode(zeros)).containsOnly(0).hasSize(ZMQ.Curve.KEY_SIZE);
		assertThat(weakPublicKeys()).contains(zeros);
		assertThat(CurveKeys.publicKeyProblem(zeros)).startsWith("a weak key: ");
	}

	/**
	 * What makes these keys weak, computed with the curve25519 that JeroMQ's CURVE server
	 * uses to open a client's vouch: the shared secret with such a key is the same
	 * whatever the secret key (zero, which this curve25519 writes as p), so whoever
	 * forges a vouch with that secret passes as the key.
	 */
	@Test
	void sharedSecretWithAWeakKeyIsZeroWhateverTheSecretKey() {
		SecureRandom random = new SecureRandom();
		List<String> zeroForJeroMq = new ArrayList<>();
		weakPublicKeys().forEach((weak) -> {
			if (sharedSecretIsZero(weak, random)) {
				zeroForJeroMq.add(weak);
			}
		});
		// u, u + p and u + 2p below 2^256: 3 + 3 + 2 + 2 + 2. The others are weak only
		// where the top bit is ignored.
		assertThat(zeroForJeroMq).hasSize(12).contains("0".repeat(CurveKeys.Z85_LENGTH));
		assertThat(sharedSecretIsZero(pair.publicKey, random)).isFalse();
	}

	@Test
	void allZeroSecretKeyAndTheKeysThatCurveTreatsAsItAreWeak() {
		byte[] zero = new byte[ZMQ.Curve.KEY_SIZE];
		// CURVE clears the low three bits and the top bit and sets bit 254 of a secret
		// key, so these are the all-zero key too.
		byte[] sameOnceClamped = new byte[ZMQ.Curve.KEY_SIZE];
		sameOnceClamped[0] = 7;
		sameOnceClamped[31] = (byte) 0xC0;
		assertThat(CurveKeys.publicKeyOf(sameOnceClamped)).isEqualTo(CurveKeys.publicKeyOf(zero));
		for (byte[] weak : List.of(zero, sameOnceClamped)) {
			String key = CurveKeys.encode(weak);
			assertWeakNotQuoting(CurveKeys.secretKeyProblem(key), key);
		}
		byte[] oneBitMore = sameOnceClamped.clone();
		oneBitMore[0] = 8;
		assertThat(CurveKeys.secretKeyProblem(CurveKeys.encode(oneBitMore))).isNull();
	}

	@Test
	void publicKeyOfTheAllZeroSecretKeyIsWeak() {
		String known = CurveKeys.encode(CurveKeys.publicKeyOf(new byte[ZMQ.Curve.KEY_SIZE]));
		assertWeakNotQuoting(CurveKeys.publicKeyProblem(known), known);
	}

	@Test
	void emptyKeyIsAProblem() {
		assertThat(CurveKeys.problem(null)).isEqualTo("the key is empty");
		assertThat(CurveKeys.problem("")).isEqualTo("the key is empty");
		assertThat(CurveKeys.problem("   ")).contains("this one has 3");
		assertThat(CurveKeys.problem(" ".repeat(CurveKeys.Z85_LENGTH))).contains("character 1 is not");
	}

	@Test
	void wrongLengthIsAProblemThatDoesNotQuoteTheKey() {
		String key = pair.secretKey;
		String shorter = key.substring(1);
		String longer = key + "A";
		String bothHalves = pair.publicKey + pair.secretKey;
		assertThat(problemNotQuoting(shorter)).contains("this one has 39");
		assertThat(problemNotQuoting(longer)).contains("this one has 41");
		assertThat(problemNotQuoting(bothHalves)).contains("this one has 80");
	}

	@ParameterizedTest(name = "''{0}''")
	@ValueSource(chars = { ' ', '"', '\'', ',', ';', '\\', '_', '|', '~', '`', '\u00e9', '\u20ac' })
	void characterOutsideZ85IsAProblemThatDoesNotQuoteTheKey(char outside) {
		String key = pair.secretKey.substring(0, 17) + outside + pair.secretKey.substring(18);
		assertThat(problemNotQuoting(key)).isEqualTo("the key is not Z85: character 18 is not in the Z85 alphabet");
	}

	@Test
	void groupAbove32BitsIsAProblemThatDoesNotQuoteTheKey() {
		// Every character is a Z85 digit, but 82 * 85^4 + ... exceeds what four bytes
		// hold; for the
		// same reason no valid key starts a group of five with '$' or '#'.
		String key = pair.publicKey.substring(0, 5) + "%%%%%" + pair.publicKey.substring(10);
		assertThat(problemNotQuoting(key)).isEqualTo("the key is not Z85: characters 6-10 encode more than 32 bits");
		assertThat(problemNotQuoting("#" + pair.publicKey.substring(1))).contains("characters 1-5");
	}

	@Test
	void decodeFollowsTheZ85Specification() {
		// The test vector of ZeroMQ RFC 32.
		assertThat(CurveKeys.decode("HelloWorld")).containsExactly(0x86, 0x4F, 0xD2, 0x6F, 0xB5, 0x59, 0xF7, 0x5B);
	}

	@Test
	void encodeAndDecodeRoundTrip() {
		Random random = new Random(13);
		for (int i = 0; i < 200; i++) {
			byte[] key = new byte[ZMQ.Curve.KEY_SIZE];
			random.nextBytes(key);
			String text = CurveKeys.encode(key);
			assertThat(text).hasSize(CurveKeys.Z85_LENGTH);
			assertThat(CurveKeys.problem(text)).isNull();
			assertThat(CurveKeys.decode(text)).isEqualTo(key);
		}
		assertThat(CurveKeys.encode(CurveKeys.decode(pair.publicKey))).isEqualTo(pair.publicKey);
		assertThat(CurveKeys.encode(CurveKeys.decode(pair.secretKey))).isEqualTo(pair.secretKey);
	}

	@Test
	void agreesWithJeroMqZ85() {
		assertThat(CurveKeys.decode(pair.publicKey)).isEqualTo(ZMQ.Curve.z85Decode(pair.publicKey))
			.hasSize(ZMQ.Curve.KEY_SIZE);
		byte[] secret = ZMQ.Curve.z85Decode(pair.secretKey);
		assertThat(CurveKeys.encode(secret)).isEqualTo(ZMQ.Curve.z85Encode(secret));
	}

	@Test
	void publicKeyOfGivesThePublicHalfOfJeroMqKeyPairs() {
		for (int i = 0; i < 50; i++) {
			ZMQ.Curve.KeyPair generated = ZMQ.Curve.generateKeyPair();
			assertThat(CurveKeys.encode(CurveKeys.publicKeyOf(CurveKeys.decode(generated.secretKey))))
				.as("key pair %d", i)
				.isEqualTo(generated.publicKey);
		}
	}

	@Test
	void publicKeyOfGivesThePublicHalfOfLibzmqKeyPairs() {
		for (ZMQ.Curve.KeyPair libzmq : new ZMQ.Curve.KeyPair[] { LIBZMQ_SERVER, LIBZMQ_CLIENT }) {
			assertThat(CurveKeys.publicKeyOf(CurveKeys.decode(libzmq.secretKey)))
				.isEqualTo(CurveKeys.decode(libzmq.publicKey));
		}
	}

	@Test
	void sameComparesContent() {
		byte[] key = CurveKeys.decode(pair.publicKey);
		assertThat(CurveKeys.same(key, CurveKeys.decode(pair.publicKey))).isTrue();
		assertThat(CurveKeys.same(key, CurveKeys.decode(pair.secretKey))).isFalse();
		assertThat(CurveKeys.same(key, new byte[0])).isFalse();
	}

	@Test
	void readsABareKeyFile() throws Exception {
		Path bare = write("server.key", pair.secretKey + "\n");
		assertThat(CurveKeys.read(bare.toString(), true)).isEqualTo(pair.secretKey);
		// A bare file holds one half, whichever is asked for.
		assertThat(CurveKeys.read(bare.toString(), false)).isEqualTo(pair.secretKey);
	}

	@Test
	void readsABareKeyAmongCommentsAndBlankLines() throws Exception {
		Path bare = write("server.key", "# the server's secret key\r\n\r\n   " + pair.secretKey + "  \r\n# end\r\n");
		assertThat(CurveKeys.read(bare.toString(), true)).isEqualTo(pair.secretKey);
	}

	@Test
	void readsBothHalvesOfACertificateAsZmqLogTailAndPyZmqWriteIt() throws Exception {
		Path certificate = write("server.key_secret", """
				#   ****  Generated on 2024-01-01T00:00:00 by zmq-log-tail keygen  ****
				#   ZeroMQ CURVE **Secret** Certificate
				#   DO NOT PROVIDE THIS FILE TO OTHER USERS nor change its permissions.

				metadata
				curve
				    public-key = "%s"
				    secret-key = "%s"
				""".formatted(pair.publicKey, pair.secretKey));
		assertThat(CurveKeys.read(certificate.toString(), true)).isEqualTo(pair.secretKey);
		assertThat(CurveKeys.read(certificate.toString(), false)).isEqualTo(pair.publicKey);
	}

	@Test
	void readsACertificateWithMetadataAsCzmqWritesIt() throws Exception {
		Path certificate = write("server_secret.cert", """
				#   ****  Generated on 2024-01-01 00:00:00 by CZMQ  ****
				#   ZeroMQ CURVE **Secret** Certificate

				metadata
				    name = "publisher"
				    email = "ops@example.com"
				curve
				\tsecret-key='%s'
				\tpublic-key="%s"
				""".formatted(pair.secretKey, pair.publicKey));
		assertThat(CurveKeys.read(certificate.toString(), true)).isEqualTo(pair.secretKey);
		assertThat(CurveKeys.read(certificate.toString(), false)).isEqualTo(pair.publicKey);
	}

	@Test
	void publicCertificateHasNoSecretKey() throws Exception {
		Path certificate = write("server.key", publicCertificate(pair.publicKey));
		assertThat(CurveKeys.read(certificate.toString(), false)).isEqualTo(pair.publicKey);
		KeyFileException ex = readFails(certificate, true);
		assertThat(ex).hasMessageContaining("'secret-key = \"...\"' line");
	}

	@Test
	void fileWithTwoBareKeysIsNotAKeyFile() throws Exception {
		Path twoKeys = write("two.key", pair.publicKey + "\n" + pair.secretKey + "\n");
		assertThat(readFails(twoKeys, true)).hasMessageContaining("neither a key alone on one line");
	}

	@Test
	void fileWithOnlyCommentsIsNotAKeyFile() throws Exception {
		Path empty = write("empty.key", "# a key goes here\n\n");
		assertThat(readFails(empty, true)).hasMessageContaining("neither a key alone on one line");
	}

	@Test
	void fileThatCannotBeReadIsReportedWithoutItsContent() throws Exception {
		assertThat(readFails(this.dir.resolve("missing.key"), true))
			.hasMessage("cannot read the file (NoSuchFileException)");
		assertThat(readFails(this.dir, true)).hasMessageStartingWith("cannot read the file (");
		assertThatExceptionOfType(KeyFileException.class).isThrownBy(() -> CurveKeys.read("bad\u0000name", true))
			.withMessage("cannot read the file (InvalidPathException)");
	}

	@Test
	void readsAnAllowlistOfBareKeysAndPublicKeyLines() throws Exception {
		ZMQ.Curve.KeyPair second = ZMQ.Curve.generateKeyPair();
		ZMQ.Curve.KeyPair third = ZMQ.Curve.generateKeyPair();
		Path list = write("clients.keys", """
				# subscribers allowed to read the logs

				%s
				  public-key = "%s"
				public-key='%s'

				""".formatted(pair.publicKey, second.publicKey, third.publicKey));
		assertThat(CurveKeys.readList(list.toString())).containsExactly(pair.publicKey, second.publicKey,
				third.publicKey);
	}

	@Test
	void readsAnEmptyAllowlist() throws Exception {
		assertThat(CurveKeys.readList(write("clients.keys", "# nobody yet\n").toString())).isEmpty();
	}

	@Test
	void allowlistThatCannotBeReadIsReported() {
		assertThatExceptionOfType(KeyFileException.class)
			.isThrownBy(() -> CurveKeys.readList(this.dir.resolve("missing.keys").toString()))
			.withMessage("cannot read the file (NoSuchFileException)");
	}

	@Test
	void secretCertificateGivesItsPublicKey() throws Exception {
		Path certificate = write("server.key_secret",
				publicCertificate(pair.publicKey) + "    secret-key = \"" + pair.secretKey + "\"\n");
		assertThat(CurveKeys.publicKeyInCertificate(certificate.toString())).isEqualTo(pair.publicKey);
	}

	@Test
	void fileWithoutASecretKeyLineGivesNoPublicKey() throws Exception {
		assertThat(CurveKeys.publicKeyInCertificate(write("bare.key", pair.secretKey + "\n").toString())).isNull();
		assertThat(CurveKeys.publicKeyInCertificate(write("public.key", publicCertificate(pair.publicKey)).toString()))
			.isNull();
		assertThat(CurveKeys.publicKeyInCertificate(this.dir.resolve("missing.key").toString())).isNull();
	}

	private static boolean sharedSecretIsZero(String publicKey, Random random) {
		for (int i = 0; i < 20; i++) {
			byte[] secret = new byte[ZMQ.Curve.KEY_SIZE];
			random.nextBytes(secret);
			byte[] shared = new byte[ZMQ.Curve.KEY_SIZE];
			curve25519.crypto_scalarmult(shared, secret, CurveKeys.decode(publicKey));
			if (!CurveKeys.same(shared, littleEndian(P)) && !CurveKeys.same(shared, new byte[ZMQ.Curve.KEY_SIZE])) {
				return false;
			}
		}
		return true;
	}

	private static byte[] littleEndian(BigInteger value) {
		byte[] bigEndian = value.toByteArray();
		byte[] key = new byte[ZMQ.Curve.KEY_SIZE];
		for (int i = 0; i < key.length && i < bigEndian.length; i++) {
			key[i] = bigEndian[bigEndian.length - 1 - i];
		}
		return key;
	}

	private Path write(String name, String content) throws IOException {
		return Files.writeString(this.dir.resolve(name), content);
	}

	private static String publicCertificate(String publicKey) {
		return """
				#   ZeroMQ CURVE Public Certificate
				#   Exchange securely, or use a secure mechanism to verify the contents
				#   of this file after exchange.

				metadata
				curve
				    public-key = "%s"
				""".formatted(publicKey);
	}

	private static KeyFileException readFails(Path file, boolean secret) {
		KeyFileException ex = null;
		try {
			CurveKeys.read(file.toString(), secret);
		}
		catch (KeyFileException thrown) {
			ex = thrown;
		}
		assertThat(ex).as("KeyFileException from %s", file).isNotNull();
		assertQuotesNoKey(ex.getMessage());
		return ex;
	}

	private static void assertWeakNotQuoting(@Nullable String problem, String key) {
		assertQuotesNoKey(problem, key);
		assertThat(problem).startsWith("a weak key: ").endsWith("anyone could pose as it");
	}

	private static String problemNotQuoting(String key) {
		String problem = CurveKeys.problem(key);
		assertThat(problem).as("problem").isNotNull();
		assertQuotesNoKey(problem, key);
		return problem;
	}

	/**
	 * Fails when a message holds any eight characters in a row of the keys, or of this
	 * test's pair.
	 */
	private static void assertQuotesNoKey(@Nullable String message, String... keys) {
		assertThat(message).isNotNull();
		String[] all = new String[keys.length + 2];
		System.arraycopy(keys, 0, all, 0, keys.length);
		all[keys.length] = pair.publicKey;
		all[keys.length + 1] = pair.secretKey;
		for (String key : all) {
			for (int i = 0; i + 8 <= key.length(); i++) {
				assertThat(message).doesNotContain(key.substring(i, i + 8));
			}
		}
	}

}

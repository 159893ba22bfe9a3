package io.github.zmqlog.logback.curve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link CurveKeys}, which the appender and {@code zmq-log-tail} share: key
 * vectors and key files.
 */
class CurveKeyVectorsTests {

	/** The server key pair of the {@code zmq_curve(7)} manual page. */
	private static final String SERVER_PUBLIC = "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7";

	private static final String SERVER_SECRET = "JTKVSB%%)wK0E.X)V>+}o?pNmC{O&4W4b!Ni{Lh6";

	/** The client key pair of the same page. */
	private static final String CLIENT_PUBLIC = "Yne@$w-vo<fVvi]a<NY6T1ed:M$fCG*[IaLV{hID";

	private static final String CLIENT_SECRET = "D:)Q[IlAW!ahhC2ac:9*A}h:p?([4%wOTJ%JR%cs";

	@TempDir
	Path dir;

	@Test
	void publicKeyOfASecretKeyIsTheOneCurveDerives() {
		assertThat(CurveKeys.publicKeyOf(CurveKeys.decode(SERVER_SECRET))).isEqualTo(CurveKeys.decode(SERVER_PUBLIC));
		assertThat(CurveKeys.publicKeyOf(CurveKeys.decode(CLIENT_SECRET))).isEqualTo(CurveKeys.decode(CLIENT_PUBLIC));
		assertThat(
				CurveKeys.same(CurveKeys.publicKeyOf(CurveKeys.decode(CLIENT_SECRET)), CurveKeys.decode(SERVER_PUBLIC)))
			.isFalse();
	}

	@Test
	void encodeAndDecodeAreInverse() {
		assertThat(CurveKeys.encode(CurveKeys.decode(CLIENT_PUBLIC))).isEqualTo(CLIENT_PUBLIC);
		assertThat(CurveKeys.decode(CLIENT_PUBLIC)).hasSize(32);
	}

	@Test
	void validKeysHaveNoProblem() {
		assertThat(CurveKeys.problem(SERVER_PUBLIC)).isNull();
		assertThat(CurveKeys.problem(CLIENT_SECRET)).isNull();
		// The largest 32-bit group, "%nSc0", and the smallest, "00000".
		assertThat(CurveKeys.problem("%nSc0".repeat(8))).isNull();
		assertThat(CurveKeys.problem("00000".repeat(8))).isNull();
	}

	@Test
	void invalidKeysAreDescribedWithoutBeingQuoted() {
		assertThat(CurveKeys.problem(null)).isEqualTo("the key is empty");
		assertThat(CurveKeys.problem("")).isEqualTo("the key is empty");
		assertThat(CurveKeys.problem(SERVER_PUBLIC.substring(1)))
			.isEqualTo("a CURVE key is 40 Z85 characters, this one has 39");
		assertThat(CurveKeys.problem("~" + SERVER_PUBLIC.substring(1)))
			.isEqualTo("the key is not Z85: character 1 is not in the Z85 alphabet");
		// One past the largest 32-bit group.
		assertThat(CurveKeys.problem("%nSc1" + "00000".repeat(7)))
			.isEqualTo("the key is not Z85: characters 1-5 encode more than 32 bits");
		assertThat(CurveKeys.problem(SERVER_PUBLIC.replace('r', '~'))).doesNotContain(SERVER_PUBLIC.substring(2));
	}

	@Test
	void readFindsEitherHalfOfACertificate() throws Exception {
		Path file = write("server.key_secret", "#   ZeroMQ CURVE **Secret** Certificate\n\nmetadata\ncurve\n"
				+ "    public-key = \"" + SERVER_PUBLIC + "\"\n    secret-key = \"" + SERVER_SECRET + "\"\n");
		assertThat(CurveKeys.read(file.toString(), true)).isEqualTo(SERVER_SECRET);
		assertThat(CurveKeys.read(file.toString(), false)).isEqualTo(SERVER_PUBLIC);
		assertThat(CurveKeys.publicKeyInCertificate(file.toString())).isEqualTo(SERVER_PUBLIC);
	}

	@Test
	void readTakesABareKeyAloneOnItsLineBetweenComments() throws Exception {
		// '#' leads no valid key (its group would exceed 32 bits), so a line starting
		// with it is a comment.
		assertThat(CurveKeys.problem("#" + CLIENT_PUBLIC.substring(1))).contains("encode more than 32 bits");
		Path file = write("client.key", "# a comment\n\n" + CLIENT_PUBLIC + "\n#" + CLIENT_PUBLIC.substring(1) + "\n");
		assertThat(CurveKeys.read(file.toString(), false)).isEqualTo(CLIENT_PUBLIC);
		assertThat(CurveKeys.publicKeyInCertificate(file.toString())).isNull();
	}

	@Test
	void readRefusesAFileWithoutTheKeyAndOneThatCannotBeRead() throws Exception {
		Path publicOnly = write("public.key", "curve\n    public-key = \"" + CLIENT_PUBLIC + "\"\n");
		assertThatExceptionOfType(CurveKeys.KeyFileException.class)
			.isThrownBy(() -> CurveKeys.read(publicOnly.toString(), true))
			.withMessageContaining("'secret-key = \"...\"' line")
			.withMessageNotContaining(CLIENT_PUBLIC);
		assertThatExceptionOfType(CurveKeys.KeyFileException.class)
			.isThrownBy(() -> CurveKeys.read(this.dir.resolve("missing").toString(), true))
			.withMessage("cannot read the file (NoSuchFileException)");
	}

	@Test
	void readListTakesBareKeysAndPublicKeyLines() throws Exception {
		Path file = write("allowed",
				"# subscribers\n" + CLIENT_PUBLIC + "\n\npublic-key = \"" + SERVER_PUBLIC + "\"\n");
		assertThat(CurveKeys.readList(file.toString())).containsExactly(CLIENT_PUBLIC, SERVER_PUBLIC);
	}

	private Path write(String name, String content) throws IOException {
		Path file = this.dir.resolve(name);
		Files.writeString(file, content);
		return file;
	}

}

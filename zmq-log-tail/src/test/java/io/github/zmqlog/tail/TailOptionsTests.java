package io.github.zmqlog.tail;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.zeromq.ZMQ;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The watcher's command line when it is wrong: the message names the argument at fault,
 * by its text, or by its position when the text may be a CURVE key.
 */
class TailOptionsTests {

	private static final ZMQ.Curve.KeyPair client = ZMQ.Curve.generateKeyPair();

	/**
	 * A secret key whose first character is not '-': Z85 has '-', and a key that starts
	 * with it reads as an option (about one random key in 85 did, and failed these
	 * tests).
	 */
	private static final String SECRET = "x" + client.secretKey.substring(1);

	/** The public key, likewise. */
	private static final String PUBLIC = "x" + client.publicKey.substring(1);

	@Test
	void aSecondEndpointThatIsASecretKeyIsNamedByItsPosition() {
		// The option name forgotten: the secret key reads as a second endpoint.
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TailOptions.parse(Map.of(), "tcp://127.0.0.1:5556", SECRET))
			.withMessage(
					"one endpoint only, got tcp://127.0.0.1:5556 and argument 2 (not shown: it may be a CURVE key)");
	}

	@Test
	void aSecretKeyTakenForTheEndpointIsNamedByItsPosition() {
		// The endpoint given where the server key belongs: the key reads as the endpoint.
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TailOptions.parse(Map.of(), "--curve-secret-key", SECRET, "--curve-server-key",
					"tcp://127.0.0.1:5556", PUBLIC))
			.withMessageStartingWith("argument 5 (not shown: it may be a CURVE key) is not an endpoint")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(PUBLIC.substring(0, 20)));
	}

	@Test
	void anUnknownOptionThatIsAKeyIsNamedByItsPosition() {
		String dashKey = "-" + SECRET.substring(1);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TailOptions.parse(Map.of(), "tcp://127.0.0.1:5556", dashKey))
			.withMessage("unknown option argument 2 (not shown: it may be a CURVE key)");
	}

	@Test
	void aValueThatIsAKeyIsNamedByItsPosition() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TailOptions.parse(Map.of(), "tcp://127.0.0.1:5556", "--count", SECRET))
			.withMessage("--count takes a positive whole number, not argument 3 (not shown: it may be a CURVE key)");
	}

	@Test
	void aKeyGivenAsTheKeyFileIsNotShown() {
		ZMQ.Curve.KeyPair server = ZMQ.Curve.generateKeyPair();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TailOptions.parse(Map.of(), "--curve-server-key", server.publicKey, "--curve-key-file",
					SECRET, "tcp://127.0.0.1:5556"))
			.withMessageStartingWith("--curve-key-file (not shown: it may be a CURVE key): ")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(SECRET.substring(0, 20)));
	}

	@Test
	void otherArgumentsAreQuoted() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TailOptions.parse(Map.of(), "tcp://127.0.0.1:5556", "tcp://127.0.0.1:5557"))
			.withMessage("one endpoint only, got tcp://127.0.0.1:5556 and tcp://127.0.0.1:5557");
		assertThatIllegalArgumentException().isThrownBy(() -> TailOptions.parse(Map.of(), "localhost:5556"))
			.withMessageStartingWith("'localhost:5556' is not an endpoint");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TailOptions.parse(Map.of(), "tcp://127.0.0.1:5556", "--count", "ten"))
			.withMessage("--count takes a positive whole number, not ten");
	}

	@Test
	void theCommandLineInAnErrorHidesKeysWhereverTheyAre() {
		assertThat(ZmqLogTail.redacted(new String[] { "tcp://h:1", SECRET, "--curve-secret-key", "short" }))
			.isEqualTo("tcp://h:1 ****** --curve-secret-key ******");
	}

}

package io.github.zmqlog.logback;

import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.zeromq.ZMQ;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CurveConfiguration}, the {@code <curve>} element: how values are read, when
 * CURVE counts as configured, and that its text never shows a key.
 */
class CurveConfigurationTests {

	private static final ZMQ.Curve.KeyPair server = ZMQ.Curve.generateKeyPair();

	private static final ZMQ.Curve.KeyPair client = ZMQ.Curve.generateKeyPair();

	@Test
	void allowedClientKeysAreAddedOneByOneOrAsCommaSeparatedLists() {
		CurveConfiguration curve = new CurveConfiguration();
		curve.addAllowedClientKey(" " + client.publicKey + " ");
		curve.addAllowedClientKey(server.publicKey + ", ," + client.publicKey);
		curve.addAllowedClientKey(null);
		assertThat(curve.getAllowedClientKeys()).containsExactly(client.publicKey, server.publicKey, client.publicKey);
	}

	@Test
	void blankValuesAreNotSetAndOthersAreStripped() {
		CurveConfiguration curve = new CurveConfiguration();
		curve.setServerSecretKey("  ");
		curve.setServerPublicKeyFile("");
		curve.setServerSecretKeyFile(" /run/secrets/server.key_secret\n");
		assertThat(curve.getServerSecretKey()).isNull();
		assertThat(curve.getServerPublicKeyFile()).isNull();
		assertThat(curve.getServerSecretKeyFile()).isEqualTo("/run/secrets/server.key_secret");
	}

	@Test
	void anyOptionConfiguresCurve() {
		assertThat(new CurveConfiguration().isConfigured()).isFalse();
		List<Consumer<CurveConfiguration>> options = List.of((c) -> c.setServerSecretKey(server.secretKey),
				(c) -> c.setServerSecretKeyFile("secret"), (c) -> c.setServerPublicKey(server.publicKey),
				(c) -> c.setServerPublicKeyFile("public"), (c) -> c.addAllowedClientKey(client.publicKey),
				(c) -> c.setAllowedClientKeysFile("clients"), (c) -> c.setAllowAnyClient(true));
		for (Consumer<CurveConfiguration> option : options) {
			CurveConfiguration curve = new CurveConfiguration();
			option.accept(curve);
			assertThat(curve.isConfigured()).as(curve.toString()).isTrue();
		}
	}

	@Test
	void toStringShowsFilesAndCountsButNoKey() {
		CurveConfiguration curve = new CurveConfiguration();
		curve.setServerSecretKey(server.secretKey);
		curve.setServerPublicKey(server.publicKey);
		curve.addAllowedClientKey(client.publicKey);
		curve.setAllowedClientKeysFile("/etc/zmqlog/allowed-clients");
		assertThat(curve.toString()).contains("serverSecretKey=(set)", "serverPublicKey=(set)", "allowedClientKeys=1",
				"/etc/zmqlog/allowed-clients");
		for (String key : List.of(server.secretKey, server.publicKey, client.publicKey)) {
			assertThat(curve.toString()).doesNotContain(key.substring(0, 20)).doesNotContain(key.substring(20));
		}
	}

}

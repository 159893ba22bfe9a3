package io.github.zmqlog.tail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.ZMQ;

import io.github.zmqlog.logback.curve.CurveKeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The forwarder's command line: each side's CURVE from a key file or the environment,
 * checked, never quoting a key; {@code --stats} and {@code --json}.
 */
class ProxyOptionsTests {

	private static final ZMQ.Curve.KeyPair server = ZMQ.Curve.generateKeyPair();

	private static final ZMQ.Curve.KeyPair client = ZMQ.Curve.generateKeyPair();

	@TempDir
	Path dir;

	@Test
	void eachSideIsIndependentAndTheSecretMayComeFromTheEnvironment() {
		ProxyOptions options = ProxyOptions.parse(Map.of("ZMQLOG_BACKEND_SECRET_KEY", server.secretKey), "--frontend",
				"tcp://*:5559", "--backend", "tcp://*:5560", "--backend-allowed-key", client.publicKey, "--stats",
				"10s", "--json");
		assertThat(options.frontendCurve()).isNull();
		assertThat(options.backendCurve()).isNotNull();
		assertThat(options.backendCurve().publicKey()).isEqualTo(server.publicKey);
		assertThat(options.backendCurve().allows(CurveKeys.decode(client.publicKey))).isTrue();
		assertThat(options.backendCurve().allows(CurveKeys.decode(server.publicKey))).isFalse();
		assertThat(options.stats()).hasSeconds(10);
		assertThat(options.json()).isTrue();
		assertThat(options.toString()).doesNotContain(server.secretKey)
			.doesNotContain(server.publicKey)
			.doesNotContain(client.publicKey);
	}

	@Test
	void keyFilesAsKeygenWritesThem() throws Exception {
		Path key = this.dir.resolve("frontend.key_secret");
		String publicKey = ForwarderCurveTests.keygen(key);
		Path allowed = this.dir.resolve("instances");
		Files.writeString(allowed,
				"# instances\n" + client.publicKey + "\npublic-key = \"" + server.publicKey + "\"\n");
		ProxyOptions options = ProxyOptions.parse(Map.of(), "--frontend", "tcp://*:5559", "--backend", "tcp://*:5560",
				"--frontend-key-file", key.toString(), "--frontend-allowed-keys-file", allowed.toString());
		assertThat(options.frontendCurve().publicKey()).isEqualTo(publicKey);
		assertThat(options.frontendCurve().allowedKeys()).isEqualTo(2);
		assertThat(options.backendCurve()).isNull();
	}

	@Test
	void badCurveOptionsAreRefusedWithoutShowingAKey() throws Exception {
		assertRefused(Map.of(), "CURVE on the frontend needs the clients' public keys", "--frontend-key-file",
				certificate().toString());
		assertRefused(Map.of(), "an allowlist for the backend needs its CURVE secret key: --backend-key-file FILE",
				"--backend-allowed-key", client.publicKey);
		assertRefused(Map.of("ZMQLOG_FRONTEND_SECRET_KEY", server.secretKey.substring(1)),
				"ZMQLOG_FRONTEND_SECRET_KEY: a CURVE key is 40 Z85 characters, this one has 39",
				"--frontend-allowed-key", client.publicKey);
		assertRefused(Map.of("ZMQLOG_FRONTEND_SECRET_KEY", server.secretKey), "--frontend-allowed-key #1: a weak key",
				"--frontend-allowed-key", "0".repeat(40));
		Path missing = this.dir.resolve("missing.key_secret");
		assertRefused(Map.of(), "--frontend-key-file " + missing + ": ", "--frontend-key-file", missing.toString(),
				"--frontend-allowed-key", client.publicKey);
		assertRefused(Map.of(), "the forwarder takes no secret key on the command line", "--backend-secret-key",
				server.secretKey);
		assertRefused(Map.of(), "unknown proxy argument argument 5 (not shown: it may be a CURVE key)",
				server.secretKey);
		assertRefused(Map.of(), "--json shapes the --stats lines: give --stats DURATION too", "--json");
		assertRefused(Map.of(), "--stats takes a duration of 100ms or more, such as 10s or 1m, not 10ms", "--stats",
				"10ms");
	}

	private Path certificate() throws Exception {
		Path file = this.dir.resolve("server.key_secret");
		Files.writeString(file, CurveClientKeys.certificate(server.publicKey, server.secretKey));
		return file;
	}

	private static void assertRefused(Map<String, String> environment, String message, String... args) {
		String[] all = new String[args.length + 4];
		all[0] = "--frontend";
		all[1] = "tcp://*:5559";
		all[2] = "--backend";
		all[3] = "tcp://*:5560";
		System.arraycopy(args, 0, all, 4, args.length);
		assertThatIllegalArgumentException().isThrownBy(() -> ProxyOptions.parse(environment, all))
			.withMessageContaining(message)
			.satisfies((ex) -> {
				for (String key : new String[] { server.secretKey, server.publicKey, client.publicKey }) {
					assertThat(ex.getMessage()).doesNotContain(key.substring(1, 30));
				}
			});
	}

}

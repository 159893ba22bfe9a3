package io.github.zmqlog.logback.curve;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.ContextAwareBase;
import com.neilalexander.jnacl.crypto.curve25519xsalsa20poly1305;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Why weak keys are refused: a JeroMQ CURVE server whose allowlist holds the all-zero key
 * admits a client that owns no key at all, which forges the handshake's vouch with the
 * shared secret that such a key makes constant (RFC 26; the client is written out here,
 * since JeroMQ's own client cannot forge).
 */
@Timeout(60)
class CurveForgedVouchTests {

	private static final byte[] ZERO_KEY = new byte[32];

	private final SecureRandom random = new SecureRandom();

	private final ContextAwareBase status = new ContextAwareBase();

	CurveForgedVouchTests() {
		this.status.setContext(new LoggerContext());
	}

	@Test
	void serverThatAllowsTheAllZeroKeyAdmitsAForgedClient() throws IOException {
		ZapHandler.Policy policy = new ZapHandler.Policy(List.of(ZERO_KEY), false, this.status);
		assertThat(forgedHandshake(policy)).isEqualTo("READY");
		assertThat(policy.allowed).hasValue(1);
	}

	@Test
	void serverThatAllowsOnlyAGeneratedKeyRefusesTheForgedClient() throws IOException {
		byte[] generated = ZMQ.Curve.z85Decode(ZMQ.Curve.generateKeyPair().publicKey);
		ZapHandler.Policy policy = new ZapHandler.Policy(List.of(generated), false, this.status);
		assertThat(forgedHandshake(policy)).isEqualTo("ERROR");
		// The forged vouch opened: ZAP was asked about the all-zero key and said no.
		assertThat(policy.denied).hasValue(1);
		assertThat(policy.allowed).hasValue(0);
	}

	/**
	 * Runs the CURVE handshake against a server with this ZAP policy, claiming the
	 * all-zero key, and returns the name of the server's answer to INITIATE.
	 */
	private String forgedHandshake(ZapHandler.Policy policy) throws IOException {
		ZMQ.Curve.KeyPair server = ZMQ.Curve.generateKeyPair();
		byte[] serverPublic = ZMQ.Curve.z85Decode(server.publicKey);
		try (ZContext context = new ZContext(1);
				ZapHandler.Registration registration = ZapHandler.register(context, policy)) {
			ZMQ.Socket publisher = context.createSocket(SocketType.PUB);
			publisher.setZAPDomain(registration.domain());
			publisher.setCurveServer(true);
			publisher.setCurvePublicKey(serverPublic);
			publisher.setCurveSecretKey(ZMQ.Curve.z85Decode(server.secretKey));
			int port = publisher.bindToRandomPort("tcp://127.0.0.1");
			try (Socket socket = new Socket("127.0.0.1", port)) {
				socket.setSoTimeout(10_000);
				return handshake(socket, serverPublic);
			}
			finally {
				publisher.close();
			}
		}
	}

	private String handshake(Socket socket, byte[] serverPublic) throws IOException {
		OutputStream out = socket.getOutputStream();
		DataInputStream in = new DataInputStream(socket.getInputStream());
		out.write(greeting());
		in.readFully(new byte[64]);
		byte[] shortPublic = new byte[32];
		byte[] shortSecret = new byte[32];
		curve25519xsalsa20poly1305.crypto_box_keypair(shortPublic, shortSecret);
		// HELLO: the client's short-term key and a box of zeros for the server.
		byte[] helloBox = box(new byte[64], nonce("CurveZMQHELLO---", counter(1)), serverPublic, shortSecret);
		command(out, concat(name("HELLO"), new byte[] { 1, 0 }, new byte[72], shortPublic, counter(1), helloBox));
		byte[] welcome = readCommand(in);
		byte[] welcomeNonce = Arrays.copyOfRange(welcome, 8, 24);
		byte[] welcomeBox = open(Arrays.copyOfRange(welcome, 24, welcome.length), nonce("WELCOME-", welcomeNonce),
				serverPublic, shortSecret);
		byte[] serverShortPublic = Arrays.copyOfRange(welcomeBox, 0, 32);
		byte[] cookie = Arrays.copyOfRange(welcomeBox, 32, 128);
		// The vouch should be boxed from the client's long-term secret key to the
		// server's
		// short-term key; for the all-zero key, any secret key gives the server's secret.
		byte[] anySecret = new byte[32];
		this.random.nextBytes(anySecret);
		byte[] vouchNonce = new byte[16];
		this.random.nextBytes(vouchNonce);
		byte[] vouch = box(concat(shortPublic, serverPublic), nonce("VOUCH---", vouchNonce), ZERO_KEY, anySecret);
		byte[] metadata = concat(new byte[] { 11 }, ascii("Socket-Type"), new byte[] { 0, 0, 0, 3 }, ascii("SUB"));
		byte[] initiateBox = box(concat(ZERO_KEY, vouchNonce, vouch, metadata), nonce("CurveZMQINITIATE", counter(2)),
				serverShortPublic, shortSecret);
		command(out, concat(name("INITIATE"), cookie, counter(2), initiateBox));
		byte[] answer;
		try {
			answer = readCommand(in);
		}
		catch (IOException ex) {
			return "closed (" + ex + ")";
		}
		return new String(answer, 1, answer[0], StandardCharsets.US_ASCII);
	}

	private static byte[] greeting() {
		byte[] greeting = new byte[64];
		greeting[0] = (byte) 0xFF;
		greeting[8] = 1;
		greeting[9] = 0x7F;
		greeting[10] = 3;
		greeting[11] = 0;
		System.arraycopy(ascii("CURVE"), 0, greeting, 12, 5);
		return greeting;
	}

	private static void command(OutputStream out, byte[] body) throws IOException {
		if (body.length > 255) {
			out.write(concat(new byte[] { 0x06 }, counter(body.length)));
		}
		else {
			out.write(new byte[] { 0x04, (byte) body.length });
		}
		out.write(body);
		out.flush();
	}

	private static byte[] readCommand(DataInputStream in) throws IOException {
		int flags = in.readUnsignedByte();
		long size = ((flags & 0x02) != 0) ? in.readLong() : in.readUnsignedByte();
		byte[] body = new byte[(int) size];
		in.readFully(body);
		return body;
	}

	private static byte[] box(byte[] message, byte[] nonce, byte[] publicKey, byte[] secretKey) {
		byte[] padded = concat(new byte[32], message);
		byte[] boxed = new byte[padded.length];
		assertThat(curve25519xsalsa20poly1305.crypto_box(boxed, padded, padded.length, nonce, publicKey, secretKey))
			.isZero();
		return Arrays.copyOfRange(boxed, 16, boxed.length);
	}

	private static byte[] open(byte[] boxed, byte[] nonce, byte[] publicKey, byte[] secretKey) {
		byte[] padded = concat(new byte[16], boxed);
		byte[] message = new byte[padded.length];
		assertThat(
				curve25519xsalsa20poly1305.crypto_box_open(message, padded, padded.length, nonce, publicKey, secretKey))
			.as("WELCOME opens")
			.isZero();
		return Arrays.copyOfRange(message, 32, message.length);
	}

	private static byte[] nonce(String prefix, byte[] rest) {
		return concat(ascii(prefix), rest);
	}

	private static byte[] counter(long value) {
		return ByteBuffer.allocate(8).putLong(value).array();
	}

	private static byte[] name(String name) {
		return concat(new byte[] { (byte) name.length() }, ascii(name));
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	private static byte[] concat(byte[]... parts) {
		int length = 0;
		for (byte[] part : parts) {
			length += part.length;
		}
		ByteBuffer buffer = ByteBuffer.allocate(length);
		for (byte[] part : parts) {
			buffer.put(part);
		}
		return buffer.array();
	}

}

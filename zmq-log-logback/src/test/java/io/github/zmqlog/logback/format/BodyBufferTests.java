package io.github.zmqlog.logback.format;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reused body buffer encodes exactly as {@link String#getBytes} with UTF-8 would.
 */
class BodyBufferTests {

	private final BodyBuffer buffer = new BodyBuffer();

	@Test
	void encodesAscii() {
		assertThat(encode("INFO a\tb\u0000c\n")).isEqualTo("INFO a\tb\u0000c\n".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void encodesEverythingElseAsUtf8() {
		String text = "h\u00e9llo \u2713 \u65e5\u672c \ud83d\ude00\n";
		assertThat(encode(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void replacesLoneSurrogates() {
		assertThat(new String(encode("a\ud800b\udc00c"), StandardCharsets.UTF_8)).isEqualTo("a?b?c");
	}

	@Test
	void startsEmptyAfterALargeBody() {
		String large = "x".repeat(1_000_000);
		assertThat(encode(large)).hasSize(1_000_000);
		assertThat(encode("small")).isEqualTo("small".getBytes(StandardCharsets.UTF_8));
		assertThat(encode("")).isEmpty();
	}

	private byte[] encode(String text) {
		this.buffer.clear().append(text);
		return this.buffer.encode();
	}

}

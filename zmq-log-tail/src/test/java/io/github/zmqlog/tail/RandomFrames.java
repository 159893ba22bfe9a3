package io.github.zmqlog.tail;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Random messages for the watcher's property tests, all from one seeded {@link Random}:
 * frames of random bytes (rarely UTF-8), and UTF-8 text made of what a terminal acts on
 * (C0 and C1 controls, DEL, bidirectional controls, ESC sequences), line ends, tabs,
 * backslashes and text that looks like an escape, among ordinary and non-BMP characters.
 */
final class RandomFrames {

	private static final String[] PIECES = { "\u001b[31m", "\u001b[2J", "\u001b]0;owned\u0007", "\u001b[8m",
			"\u001bP+q\u001b\\", "\u009b2J", "\r", "\n", "\r\n", "\n\r", "\t", " ", "\\", "\\\\", "\\x1b", "\\u001b",
			"\\xff", "\"", ".", "app.INFO", "WARN", " [escaped]", " [not UTF-8]", "\ud83d\ude00", "\u00e9" };

	private final Random random;

	RandomFrames(long seed) {
		this.random = new Random(seed);
	}

	/**
	 * Returns a message: one to four frames, two most of the time.
	 * @return the frames
	 */
	List<byte[]> message() {
		int count = (this.random.nextInt(3) != 0) ? 2 : 1 + this.random.nextInt(4);
		List<byte[]> frames = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			frames.add((this.random.nextInt(4) == 0) ? bytes() : utf8(text()));
		}
		return frames;
	}

	/**
	 * Returns random text without surrogates standing alone, so that it encodes to UTF-8
	 * unchanged.
	 * @return the text, up to a few dozen pieces long
	 */
	String text() {
		StringBuilder text = new StringBuilder();
		int pieces = this.random.nextInt(30);
		for (int i = 0; i < pieces; i++) {
			switch (this.random.nextInt(8)) {
				case 0 -> text.append(PIECES[this.random.nextInt(PIECES.length)]);
				case 1 -> text.append((char) this.random.nextInt(0x20));
				case 2 -> text.append((char) (0x7f + this.random.nextInt(0x21)));
				case 3 -> text.append((char) (this.random.nextBoolean() ? 0x202a + this.random.nextInt(5)
						: 0x2066 + this.random.nextInt(4)));
				case 4 -> text.appendCodePoint(nonSurrogate());
				default -> text.append((char) (0x20 + this.random.nextInt(0x5f)));
			}
		}
		return text.toString();
	}

	private int nonSurrogate() {
		while (true) {
			int codePoint = this.random.nextInt(Character.MAX_CODE_POINT + 1);
			if (codePoint < Character.MIN_SURROGATE || codePoint > Character.MAX_SURROGATE) {
				return codePoint;
			}
		}
	}

	private byte[] bytes() {
		byte[] bytes = new byte[this.random.nextInt(40)];
		this.random.nextBytes(bytes);
		return bytes;
	}

	static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Decodes a frame as strict UTF-8, as the JDK does.
	 * @param frame the frame
	 * @return the text, or {@code null} when the frame is not UTF-8
	 */
	static String strictUtf8(byte[] frame) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(frame))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

	/**
	 * Shows a line in a failure with everything but printable ASCII as a backslash,
	 * {@code u} and four hex digits, so that a failing line cannot steer the terminal
	 * that shows the failure.
	 * @param line the line
	 * @return the line, printable
	 */
	static String visible(String line) {
		StringBuilder shown = new StringBuilder();
		line.chars()
			.forEach((c) -> shown
				.append((c >= 0x20 && c < 0x7f) ? String.valueOf((char) c) : String.format("\\u%04x", c)));
		return shown.toString();
	}

	/**
	 * Shows a message in a failure: each frame in hex.
	 * @param frames the frames
	 * @return the description
	 */
	static String describe(List<byte[]> frames) {
		return frames.stream().map(HexFormat.of()::formatHex).toList().toString();
	}

}

package io.github.zmqlog.logback.format;

import java.nio.charset.StandardCharsets;

/**
 * A text buffer that one thread reuses for every body, and its UTF-8 encoding. Text that
 * is all ASCII, as log lines mostly are, is copied to bytes in one pass; anything else
 * goes through {@link String#getBytes}, which replaces lone surrogates with {@code ?}.
 */
public final class BodyBuffer {

	private static final int INITIAL_CAPACITY = 512;

	/** A buffer that grew past this for a large message is let go afterwards. */
	private static final int RETAINED_CAPACITY = 64 * 1024;

	private StringBuilder text = new StringBuilder(INITIAL_CAPACITY);

	private char[] chars = new char[INITIAL_CAPACITY];

	/**
	 * Empties the buffer for the next body.
	 * @return the buffer to write into
	 */
	StringBuilder clear() {
		if (this.text.capacity() > RETAINED_CAPACITY) {
			this.text = new StringBuilder(INITIAL_CAPACITY);
		}
		this.text.setLength(0);
		return this.text;
	}

	/**
	 * Encodes what was written since {@link #clear()}.
	 * @return a new array holding the UTF-8 bytes, exactly as long as they are
	 */
	byte[] encode() {
		int length = this.text.length();
		if (this.chars.length < length) {
			this.chars = new char[Math.max(length, this.chars.length * 2)];
		}
		char[] source = this.chars;
		this.text.getChars(0, length, source, 0);
		if (this.chars.length > RETAINED_CAPACITY) {
			this.chars = new char[INITIAL_CAPACITY];
		}
		byte[] bytes = new byte[length];
		for (int i = 0; i < length; i++) {
			char c = source[i];
			if (c >= 0x80) {
				return new String(source, 0, length).getBytes(StandardCharsets.UTF_8);
			}
			bytes[i] = (byte) c;
		}
		return bytes;
	}

}

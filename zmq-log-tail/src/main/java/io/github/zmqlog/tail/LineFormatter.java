package io.github.zmqlog.tail;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a received message into one line, as {@code python3 -m zmq.log} prints it
 * ({@code topic | message}, both stripped), or as a JSON object. Unlike PyZMQ's watcher
 * it never fails on a message: one that is not two frames, or not UTF-8, is shown escaped
 * and marked. Text lines never carry a terminal control from the wire (an ESC sequence
 * could retitle or clear the operator's terminal): those are shown escaped and the line
 * marked {@code [escaped]}.
 */
final class LineFormatter {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

	private static final String RESET = "\u001b[0m";

	/**
	 * Widest that {@code --align} pads a topic segment to: one longer segment is shown in
	 * full without widening every later line.
	 */
	static final int MAX_ALIGNED_WIDTH = 40;

	/**
	 * How many leading topic segments {@code --align} pads; later ones are shown as they
	 * are.
	 */
	static final int MAX_ALIGNED_SEGMENTS = 8;

	private final TailOptions options;

	private final boolean color;

	private final List<Integer> widths = new ArrayList<>();

	LineFormatter(TailOptions options, boolean color) {
		this.options = options;
		this.color = color;
	}

	/**
	 * Formats a message.
	 * @param frames the message's frames (normally two: topic and body)
	 * @param now the time it arrived
	 * @return the line, without a line separator
	 */
	String format(List<byte[]> frames, LocalDateTime now) {
		if (!this.options.json()) {
			return text(shown(frames), now);
		}
		Decoded topic = decode(frames.isEmpty() ? new byte[0] : frames.get(0));
		Decoded body = (frames.size() > 1) ? decode(frames.get(1)) : new Decoded("", true);
		List<Decoded> extra = new ArrayList<>();
		for (int i = 2; i < frames.size(); i++) {
			extra.add(decode(frames.get(i)));
		}
		boolean utf8 = topic.utf8 && body.utf8 && extra.stream().allMatch((d) -> d.utf8);
		return json(topic, body, extra, frames.size(), utf8, now);
	}

	/**
	 * A message's frames as a screen may show them: decoded, stripped, and escaped where
	 * anything on the line is not UTF-8 or holds a terminal control, with the marks that
	 * say so.
	 * @param frames the message's frames (normally two: topic and body)
	 * @return the frames as text (at least a topic and a body) and the marks
	 */
	static Shown shown(List<byte[]> frames) {
		List<Decoded> all = new ArrayList<>();
		all.add(decode(frames.isEmpty() ? new byte[0] : frames.get(0)));
		all.add((frames.size() > 1) ? decode(frames.get(1)) : new Decoded("", true));
		for (int i = 2; i < frames.size(); i++) {
			all.add(decode(frames.get(i)));
		}
		boolean utf8 = all.stream().allMatch((d) -> d.utf8);
		boolean controls = all.stream().anyMatch((d) -> d.utf8 && hasTerminalControl(d.text.strip()));
		// Once anything on the line is escaped, backslashes are too, so that a
		// literal "\x1b" in a message cannot pass for an escaped ESC.
		boolean escaping = controls || !utf8;
		List<String> shown = new ArrayList<>();
		for (Decoded frame : all) {
			String stripped = frame.text.strip();
			shown.add((escaping && frame.utf8) ? escapeTerminalControls(stripped) : stripped);
		}
		List<String> marks = new ArrayList<>();
		if (frames.size() != 2) {
			marks.add("[" + frames.size() + ((frames.size() == 1) ? " frame]" : " frames]"));
		}
		if (!utf8) {
			marks.add("[not UTF-8]");
		}
		if (controls) {
			marks.add("[escaped]");
		}
		return new Shown(List.copyOf(shown), String.join(" ", marks));
	}

	private String text(Shown shown, LocalDateTime now) {
		StringBuilder line = new StringBuilder();
		if (this.options.timestamp()) {
			line.append(TIME.format(now)).append(' ');
		}
		String topicText = shown.frames().get(0);
		String levelColor = this.color ? levelColor(topicText) : "";
		line.append(levelColor);
		line.append(this.options.align() ? align(topicText) : topicText);
		for (String frame : shown.frames().subList(1, shown.frames().size())) {
			line.append(this.options.separator()).append(frame);
		}
		if (!levelColor.isEmpty()) {
			line.append(RESET);
		}
		if (!shown.marks().isEmpty()) {
			line.append(' ').append(shown.marks());
		}
		return line.toString();
	}

	/**
	 * Whether a character can steer a terminal or reorder what it shows: C0 controls,
	 * DEL, C1 controls, and the Unicode bidirectional embeddings, overrides and isolates.
	 * @param c the character
	 * @return whether it must not reach a terminal as it is
	 */
	static boolean isTerminalControl(char c) {
		return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= '\u202a' && c <= '\u202e')
				|| (c >= '\u2066' && c <= '\u2069');
	}

	private static boolean isShownAsItIs(String text, int index) {
		char c = text.charAt(index);
		// A CR right before an LF overwrites nothing: the LF starts a fresh line.
		return c == '\n' || c == '\t' || (c == '\r' && index + 1 < text.length() && text.charAt(index + 1) == '\n');
	}

	private static boolean hasTerminalControl(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (isTerminalControl(text.charAt(i)) && !isShownAsItIs(text, i)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Shows terminal controls other than newlines, tabs and CR LF line ends escaped,
	 * below U+0080 as {@code \xNN} (as {@link #decode(byte[])} shows a byte), above as a
	 * backslash, {@code u} and four hex digits (as Java and JSON write them), and a
	 * backslash as two.
	 * @param text valid text
	 * @return the text safe to print on a terminal
	 */
	static String escapeTerminalControls(String text) {
		StringBuilder escaped = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\') {
				escaped.append("\\\\");
			}
			else if (!isTerminalControl(c) || isShownAsItIs(text, i)) {
				escaped.append(c);
			}
			else {
				escaped.append(String.format((c < 0x80) ? "\\x%02x" : "\\u%04x", (int) c));
			}
		}
		return escaped.toString();
	}

	/**
	 * Pads each of the first segments to the widest seen so far at its place, up to a
	 * cap: a topic that is huge (as any publisher may send) is shown as it is, and widens
	 * later lines by a bounded amount only.
	 * @param topic the topic, escaped
	 * @return the topic padded
	 */
	private String align(String topic) {
		List<String> parts = new ArrayList<>(List.of(topic.split("\\.", -1)));
		while (parts.size() < this.widths.size()) {
			parts.add(" ");
		}
		List<String> padded = new ArrayList<>();
		for (int i = 0; i < parts.size(); i++) {
			String part = parts.get(i);
			if (i >= MAX_ALIGNED_SEGMENTS) {
				padded.add(part);
				continue;
			}
			if (i == this.widths.size()) {
				this.widths.add(0);
			}
			int width = Math.max(this.widths.get(i), Math.min(part.length(), MAX_ALIGNED_WIDTH));
			this.widths.set(i, width);
			padded.add((part.length() < width) ? part + " ".repeat(width - part.length()) : part);
		}
		return String.join(".", padded);
	}

	/**
	 * The ANSI colour of a topic's level. The level is the second topic segment (the
	 * first when there is one), as PyZMQ's watcher reads it.
	 * @param topic the stripped topic, its segments separated by dots
	 * @return the escape sequence that starts the level's colour, or an empty string for
	 * a level shown uncoloured (such as {@code INFO})
	 */
	static String levelColor(String topic) {
		return switch (level(topic)) {
			case "trace", "debug" -> "\u001b[96m";
			case "warn" -> "\u001b[33m";
			case "error", "critical" -> "\u001b[91m";
			default -> "";
		};
	}

	/**
	 * A topic's level, Logback's and Python's names alike. The level is the second topic
	 * segment (the first when there is one), as PyZMQ's watcher reads it.
	 * @param topic the stripped topic, its segments separated by dots
	 * @return {@code trace}, {@code debug}, {@code info}, {@code warn} (for {@code WARN}
	 * and {@code WARNING}), {@code error}, {@code critical} (for {@code CRITICAL} and
	 * {@code FATAL}), or an empty string for none of them
	 */
	static String level(String topic) {
		String[] parts = topic.split("\\.");
		String level = (parts.length == 0) ? "" : (parts.length == 1) ? parts[0] : parts[1];
		return switch (level) {
			case "TRACE" -> "trace";
			case "DEBUG" -> "debug";
			case "INFO" -> "info";
			case "WARN", "WARNING" -> "warn";
			case "ERROR" -> "error";
			case "CRITICAL", "FATAL" -> "critical";
			default -> "";
		};
	}

	private String json(Decoded topic, Decoded body, List<Decoded> extra, int frames, boolean utf8, LocalDateTime now) {
		StringBuilder line = new StringBuilder("{");
		if (this.options.timestamp()) {
			line.append("\"time\":").append(quote(TIME.format(now))).append(',');
		}
		line.append("\"topic\":").append(quote(topic.text));
		line.append(",\"message\":").append(quote(body.text));
		line.append(",\"frames\":").append(frames);
		line.append(",\"utf8\":").append(utf8);
		if (!extra.isEmpty()) {
			line.append(",\"extra\":[");
			for (int i = 0; i < extra.size(); i++) {
				line.append((i > 0) ? "," : "").append(quote(extra.get(i).text));
			}
			line.append(']');
		}
		return line.append('}').toString();
	}

	static String quote(String text) {
		StringBuilder quoted = new StringBuilder("\"");
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> quoted.append("\\\"");
				case '\\' -> quoted.append("\\\\");
				case '\n' -> quoted.append("\\n");
				case '\r' -> quoted.append("\\r");
				case '\t' -> quoted.append("\\t");
				default -> {
					// RFC 8259 requires only C0 escaped; the rest keeps JSON lines safe
					// on a terminal, and a JSON parser reads them back unchanged.
					if (isTerminalControl(c) || Character.isSurrogate(c)) {
						quoted.append(String.format("\\u%04x", (int) c));
					}
					else {
						quoted.append(c);
					}
				}
			}
		}
		return quoted.append('"').toString();
	}

	/**
	 * Strict UTF-8, or the bytes with those that are not printable ASCII escaped as
	 * {@code \xNN} and a backslash as two.
	 * @param bytes a frame
	 * @return the frame as text, and whether it was valid UTF-8
	 */
	static Decoded decode(byte[] bytes) {
		try {
			return new Decoded(StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString(), true);
		}
		catch (CharacterCodingException ex) {
			StringBuilder escaped = new StringBuilder();
			for (byte b : bytes) {
				int unsigned = b & 0xFF;
				if (b == '\\') {
					escaped.append("\\\\");
				}
				else if (unsigned >= 0x20 && unsigned < 0x7F || b == '\n' || b == '\t') {
					escaped.append((char) unsigned);
				}
				else {
					escaped.append(String.format("\\x%02x", unsigned));
				}
			}
			return new Decoded(escaped.toString(), false);
		}
	}

	/**
	 * A frame as text, and whether it was valid UTF-8.
	 *
	 * @param text the frame decoded as UTF-8, or, when it was not valid UTF-8, its
	 * printable ASCII bytes, newlines and tabs as they are, a backslash as two and every
	 * other byte as {@code \xNN}
	 * @param utf8 whether the frame was valid UTF-8, so that {@code text} is exactly its
	 * content
	 */
	record Decoded(String text, boolean utf8) {

	}

	/**
	 * A message as a screen may show it.
	 *
	 * @param frames the frames as text, topic and body at least, stripped and escaped
	 * where needed
	 * @param marks {@code [N frames]}, {@code [not UTF-8]} and {@code [escaped]} as they
	 * apply, separated by spaces; empty for none
	 */
	record Shown(List<String> frames, String marks) {

	}

}

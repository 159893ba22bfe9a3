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
 * and marked.
 */
final class LineFormatter {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

	private static final String RESET = "\u001b[0m";

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
		Decoded topic = decode(frames.isEmpty() ? new byte[0] : frames.get(0));
		Decoded body = (frames.size() > 1) ? decode(frames.get(1)) : new Decoded("", true);
		List<Decoded> extra = new ArrayList<>();
		for (int i = 2; i < frames.size(); i++) {
			extra.add(decode(frames.get(i)));
		}
		boolean utf8 = topic.utf8 && body.utf8 && extra.stream().allMatch((d) -> d.utf8);
		return this.options.json() ? json(topic, body, extra, frames.size(), utf8, now)
				: text(topic, body, extra, frames.size(), utf8, now);
	}

	private String text(Decoded topic, Decoded body, List<Decoded> extra, int frames, boolean utf8, LocalDateTime now) {
		StringBuilder line = new StringBuilder();
		if (this.options.timestamp()) {
			line.append(TIME.format(now)).append(' ');
		}
		String topicText = topic.text.strip();
		String levelColor = this.color ? levelColor(topicText) : "";
		line.append(levelColor);
		line.append(this.options.align() ? align(topicText) : topicText);
		line.append(this.options.separator()).append(body.text.strip());
		for (Decoded frame : extra) {
			line.append(this.options.separator()).append(frame.text.strip());
		}
		if (!levelColor.isEmpty()) {
			line.append(RESET);
		}
		if (frames != 2) {
			line.append(" [").append(frames).append((frames == 1) ? " frame]" : " frames]");
		}
		if (!utf8) {
			line.append(" [not UTF-8]");
		}
		return line.toString();
	}

	private String align(String topic) {
		List<String> parts = new ArrayList<>(List.of(topic.split("\\.", -1)));
		while (parts.size() < this.widths.size()) {
			parts.add(" ");
		}
		List<String> padded = new ArrayList<>();
		for (int i = 0; i < parts.size(); i++) {
			if (i == this.widths.size()) {
				this.widths.add(0);
			}
			this.widths.set(i, Math.max(this.widths.get(i), parts.get(i).length()));
			padded.add(String.format("%-" + this.widths.get(i) + "s", parts.get(i)));
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
		String[] parts = topic.split("\\.");
		String level = (parts.length == 1) ? parts[0] : parts[1];
		return switch (level) {
			case "TRACE", "DEBUG" -> "\u001b[96m";
			case "WARN", "WARNING" -> "\u001b[33m";
			case "ERROR", "CRITICAL", "FATAL" -> "\u001b[91m";
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
					if (c < 0x20 || Character.isSurrogate(c)) {
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
	 * Strict UTF-8, or the bytes with those that are not valid UTF-8 escaped as
	 * {@code \xNN}.
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
				if (unsigned >= 0x20 && unsigned < 0x7F || b == '\n' || b == '\t') {
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
	 * printable ASCII bytes, newlines and tabs as they are and every other byte as
	 * {@code \xNN}
	 * @param utf8 whether the frame was valid UTF-8, so that {@code text} is exactly its
	 * content
	 */
	record Decoded(String text, boolean utf8) {

	}

}

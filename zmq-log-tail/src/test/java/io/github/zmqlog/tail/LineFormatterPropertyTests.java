package io.github.zmqlog.tail;

import java.io.ByteArrayOutputStream;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of the watcher's lines for random messages ({@link RandomFrames}): nothing a
 * terminal would act on reaches a text line unescaped, newlines and tabs stay, an escaped
 * line reads back to the frames, and a JSON line reads back exactly; no message makes the
 * formatter throw. Each property runs over many messages from one seed, which every
 * failure names; {@code -Dzmqlog.seed=N} runs that seed again.
 */
class LineFormatterPropertyTests {

	private static final int TRIES = 2_000;

	private static final long SEED = Long.getLong("zmqlog.seed", new Random().nextLong());

	private static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 25, 12, 0, 1);

	private static final List<String[]> TEXT_OPTIONS = List.of(new String[] { "tcp://x:1" },
			new String[] { "tcp://x:1", "--timestamp" }, new String[] { "tcp://x:1", "--align" },
			new String[] { "tcp://x:1", "--separator", " :: " });

	@Test
	void textLinesCarryNoTerminalControlButLineEndsAndTabs() {
		forEachTextLine((frames, line) -> assertThat(firstTerminalControl(line))
			.as("seed %d, %s: %s", SEED, RandomFrames.describe(frames), RandomFrames.visible(line))
			.isEqualTo(-1));
	}

	@Test
	void textLinesKeepEveryNewlineAndTabInsideTheFrames() {
		forEachTextLine((frames, line) -> {
			String kept = String.join("", frames.stream().map(LineFormatterPropertyTests::shownStripped).toList());
			assertThat(count(line, '\n')).as("newlines; seed %d, %s", SEED, RandomFrames.describe(frames))
				.isEqualTo(count(kept, '\n'));
			assertThat(count(line, '\t')).as("tabs; seed %d, %s", SEED, RandomFrames.describe(frames))
				.isEqualTo(count(kept, '\t'));
		});
	}

	/**
	 * Formats random messages with each of the text options in turn.
	 */
	private static void forEachTextLine(BiConsumer<List<byte[]>, String> property) {
		RandomFrames random = new RandomFrames(SEED);
		for (int i = 0; i < TRIES; i++) {
			List<byte[]> frames = random.message();
			property.accept(frames, formatter(TEXT_OPTIONS.get(i % TEXT_OPTIONS.size())).format(frames, NOW));
		}
	}

	@Test
	void anEscapedTextLineReadsBackToItsFrames() {
		RandomFrames random = new RandomFrames(SEED);
		LineFormatter formatter = formatter(TEXT_OPTIONS.get(0));
		for (int i = 0; i < TRIES; i++) {
			// No '|' in the topic, so that the first separator is the formatter's.
			String topic = random.text().replace("|", "");
			String body = random.text();
			List<byte[]> frames = List.of(RandomFrames.utf8(topic), RandomFrames.utf8(body));
			String line = formatter.format(frames, NOW);
			String expected = topic.strip() + " | " + body.strip();
			String description = "seed " + SEED + ", " + RandomFrames.describe(frames) + ": "
					+ RandomFrames.visible(line);
			if (hasTerminalControl(topic.strip()) || hasTerminalControl(body.strip())) {
				assertThat(line).as(description).endsWith(" [escaped]");
				String escaped = line.substring(0, line.length() - " [escaped]".length());
				assertThat(unescapeText(escaped, description)).as(description).isEqualTo(expected);
			}
			else {
				assertThat(line).as(description).isEqualTo(expected);
			}
		}
	}

	@Test
	void jsonLinesReadBackExactlyAndAreSafeOnATerminal() {
		RandomFrames random = new RandomFrames(SEED);
		LineFormatter formatter = formatter(new String[] { "tcp://x:1", "--json" });
		ObjectMapper mapper = new ObjectMapper();
		for (int i = 0; i < TRIES; i++) {
			List<byte[]> frames = random.message();
			String line = formatter.format(frames, NOW);
			String description = "seed " + SEED + ", " + RandomFrames.describe(frames) + ": "
					+ RandomFrames.visible(line);
			assertThat(line.chars().noneMatch((c) -> isTerminalControl((char) c))).as(description).isTrue();
			JsonNode json = mapper.readTree(line);
			assertThat(json.get("frames").asInt()).as(description).isEqualTo(frames.size());
			boolean utf8 = frames.stream().allMatch((frame) -> RandomFrames.strictUtf8(frame) != null);
			assertThat(json.get("utf8").asBoolean()).as(description).isEqualTo(utf8);
			List<String> texts = new ArrayList<>();
			texts.add(json.get("topic").asString());
			texts.add(json.get("message").asString());
			if (frames.size() > 2) {
				json.get("extra").forEach((extra) -> texts.add(extra.asString()));
			}
			else {
				assertThat(json.has("extra")).as(description).isFalse();
			}
			for (int f = 0; f < frames.size(); f++) {
				String exact = RandomFrames.strictUtf8(frames.get(f));
				if (exact != null) {
					assertThat(texts.get(f)).as("frame %d; %s", f, description).isEqualTo(exact);
				}
				else {
					assertThat(unescapeBytes(texts.get(f), description)).as("frame %d; %s", f, description)
						.isEqualTo(frames.get(f));
				}
			}
			if (frames.size() == 1) {
				assertThat(texts.get(1)).as(description).isEmpty();
			}
		}
	}

	private static LineFormatter formatter(String[] args) {
		return new LineFormatter(TailOptions.parse(args), false);
	}

	/**
	 * What a terminal may act on: C0 controls, DEL, C1 controls, the bidirectional
	 * embeddings, overrides and isolates; written from the Unicode ranges, not the
	 * formatter.
	 */
	private static boolean isTerminalControl(char c) {
		return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
	}

	private static boolean hasTerminalControl(String text) {
		return firstTerminalControl(text) >= 0;
	}

	/**
	 * Returns where the first terminal control stands that is not a newline, a tab or the
	 * CR of a CR LF.
	 */
	private static int firstTerminalControl(String text) {
		for (int at = 0; at < text.length(); at++) {
			char c = text.charAt(at);
			boolean lineEnd = c == '\n' || c == '\t'
					|| (c == '\r' && at + 1 < text.length() && text.charAt(at + 1) == '\n');
			if (isTerminalControl(c) && !lineEnd) {
				return at;
			}
		}
		return -1;
	}

	/**
	 * The newlines and tabs a frame shows: all of a UTF-8 frame's once stripped, and the
	 * bytes of another inside its leading and trailing spaces, newlines and tabs.
	 */
	private static String shownStripped(byte[] frame) {
		String text = RandomFrames.strictUtf8(frame);
		if (text != null) {
			return text.strip();
		}
		int from = 0;
		int to = frame.length;
		while (from < to && isBlank(frame[from])) {
			from++;
		}
		while (to > from && isBlank(frame[to - 1])) {
			to--;
		}
		StringBuilder kept = new StringBuilder();
		for (int at = from; at < to; at++) {
			kept.append((frame[at] == '\n' || frame[at] == '\t') ? (char) frame[at] : 'b');
		}
		return kept.toString();
	}

	private static boolean isBlank(byte b) {
		return b == ' ' || b == '\n' || b == '\t';
	}

	private static long count(String text, char c) {
		return text.chars().filter((each) -> each == c).count();
	}

	/**
	 * Undoes the text escaping: a doubled backslash, and a backslash with {@code x} and
	 * two hex digits or {@code u} and four.
	 */
	private static String unescapeText(String text, String description) {
		StringBuilder plain = new StringBuilder();
		for (int at = 0; at < text.length(); at++) {
			char c = text.charAt(at);
			if (c != '\\') {
				plain.append(c);
				continue;
			}
			assertThat(at + 1).as("a backslash at the end; %s", description).isLessThan(text.length());
			char kind = text.charAt(++at);
			int digits = (kind == 'x') ? 2 : (kind == 'u') ? 4 : 0;
			assertThat(kind == '\\' || digits > 0).as("an escape %s at %d; %s", kind, at, description).isTrue();
			if (digits == 0) {
				plain.append('\\');
			}
			else {
				plain.append((char) Integer.parseInt(text.substring(at + 1, at + 1 + digits), 16));
				at += digits;
			}
		}
		return plain.toString();
	}

	/** Undoes the escaping of a frame that is not UTF-8: back to its bytes. */
	private static byte[] unescapeBytes(String text, String description) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		for (int at = 0; at < text.length(); at++) {
			char c = text.charAt(at);
			assertThat((int) c).as("a character of an escaped frame; %s", description).isLessThan(0x80);
			if (c != '\\') {
				bytes.write(c);
			}
			else if (text.charAt(at + 1) == '\\') {
				bytes.write('\\');
				at++;
			}
			else {
				assertThat(text.charAt(at + 1)).as("an escape; %s", description).isEqualTo('x');
				bytes.write(Integer.parseInt(text.substring(at + 2, at + 4), 16));
				at += 3;
			}
		}
		return bytes.toByteArray();
	}

}

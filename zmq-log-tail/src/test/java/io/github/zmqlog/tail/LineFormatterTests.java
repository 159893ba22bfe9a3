package io.github.zmqlog.tail;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

class LineFormatterTests {

	private static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 25, 12, 0, 1, 2_000_000);

	@Test
	void formatsLikePyZmqsWatcher() {
		assertThat(text("app.INFO.db", "slow query\n")).isEqualTo("app.INFO.db | slow query");
	}

	@Test
	void multiLineMessageIsStrippedNotSplit() {
		assertThat(text("app.ERROR", "boom\njava.lang.IllegalStateException: x\n\tat A.b(A.java:1)\n"))
			.isEqualTo("app.ERROR | boom\njava.lang.IllegalStateException: x\n\tat A.b(A.java:1)");
	}

	@Test
	void notUtf8IsEscapedAndMarked() {
		String line = new LineFormatter(TailOptions.parse("tcp://x:1"), false)
			.format(List.of(bytes("app.INFO"), new byte[] { 'o', 'k', (byte) 0xff, (byte) 0xfe }), NOW);
		assertThat(line).isEqualTo("app.INFO | ok\\xff\\xfe [not UTF-8]");
	}

	@Test
	void threeFramesAreShownAndMarked() {
		String line = new LineFormatter(TailOptions.parse("tcp://x:1"), false)
			.format(List.of(bytes("app.INFO"), bytes("body"), bytes("extra")), NOW);
		assertThat(line).isEqualTo("app.INFO | body | extra [3 frames]");
	}

	@Test
	void singleFrameIsMarked() {
		String line = new LineFormatter(TailOptions.parse("tcp://x:1"), false).format(List.of(bytes("lonely")), NOW);
		assertThat(line).isEqualTo("lonely |  [1 frame]");
	}

	@Test
	void timestampComesFirst() {
		String line = new LineFormatter(TailOptions.parse("tcp://x:1", "--timestamp"), false)
			.format(List.of(bytes("app.INFO"), bytes("hi\n")), NOW);
		assertThat(line).isEqualTo("2026-11-25 12:00:01.002 app.INFO | hi");
	}

	@Test
	void alignPadsTopicSegments() {
		LineFormatter formatter = new LineFormatter(TailOptions.parse("tcp://x:1", "--align"), false);
		assertThat(formatter.format(List.of(bytes("app.WARNING.db"), bytes("a")), NOW)).isEqualTo("app.WARNING.db | a");
		assertThat(formatter.format(List.of(bytes("app.INFO"), bytes("b")), NOW)).isEqualTo("app.INFO   .   | b");
	}

	@Test
	void alignKeepsEmptyTopicSegments() {
		LineFormatter formatter = new LineFormatter(TailOptions.parse("tcp://x:1", "--align"), false);
		assertThat(formatter.format(List.of(bytes(""), bytes("a")), NOW)).isEqualTo(" | a");
		assertThat(formatter.format(List.of(bytes("app..db"), bytes("b")), NOW)).isEqualTo("app..db | b");
	}

	@Test
	void alignStaysBoundedAfterAHugeTopic() {
		LineFormatter formatter = new LineFormatter(TailOptions.parse("tcp://x:1", "--align"), false);
		String longSegment = "x".repeat(100_000);
		// A huge segment is shown in full, but later lines are padded to the cap only.
		assertThat(formatter.format(List.of(bytes("app." + longSegment), bytes("a")), NOW))
			.isEqualTo("app." + longSegment + " | a");
		assertThat(formatter.format(List.of(bytes("app.INFO"), bytes("b")), NOW))
			.isEqualTo("app.INFO" + " ".repeat(LineFormatter.MAX_ALIGNED_WIDTH - 4) + " | b");
		// So is a topic of many segments: those past the aligned ones are shown as they
		// are.
		String manyDots = "a" + ".b".repeat(100_000);
		assertThat(formatter.format(List.of(bytes(manyDots), bytes("c")), NOW)).endsWith(".b.b.b | c")
			.hasSize(manyDots.length() + "  ".length() + LineFormatter.MAX_ALIGNED_WIDTH - 1 + " | c".length());
		String later = formatter.format(List.of(bytes("app.INFO"), bytes("d")), NOW);
		assertThat(later).startsWith("app.INFO" + " ".repeat(LineFormatter.MAX_ALIGNED_WIDTH - 4) + ".")
			.endsWith(" | d")
			.hasSizeLessThanOrEqualTo(
					LineFormatter.MAX_ALIGNED_SEGMENTS * (LineFormatter.MAX_ALIGNED_WIDTH + 1) + " | d".length());
	}

	@Test
	void colorsByLevelForBothNamings() {
		assertThat(LineFormatter.levelColor("app.WARN.db")).isEqualTo(LineFormatter.levelColor("app.WARNING"))
			.isNotEmpty();
		assertThat(LineFormatter.levelColor("app.ERROR")).isEqualTo(LineFormatter.levelColor("app.CRITICAL"));
		assertThat(LineFormatter.levelColor("app.TRACE")).isEqualTo(LineFormatter.levelColor("app.DEBUG"));
		assertThat(LineFormatter.levelColor("WARN")).isNotEmpty();
		assertThat(LineFormatter.levelColor("app.INFO")).isEmpty();
		String line = new LineFormatter(TailOptions.parse("tcp://x:1", "--color", "always"), true)
			.format(List.of(bytes("app.ERROR"), bytes("boom")), NOW);
		assertThat(line).isEqualTo("\u001b[91mapp.ERROR | boom\u001b[0m");
	}

	@Test
	void jsonLinesEscapeAndCarryFrameFacts() {
		String line = new LineFormatter(TailOptions.parse("tcp://x:1", "--json"), false)
			.format(List.of(bytes("app.INFO"), bytes("say \"hi\"\n\ttab\u0001")), NOW);
		assertThat(line).isEqualTo(
				"{\"topic\":\"app.INFO\",\"message\":\"say \\\"hi\\\"\\n\\ttab\\u0001\",\"frames\":2,\"utf8\":true}");
		String extra = new LineFormatter(TailOptions.parse("tcp://x:1", "--json"), false)
			.format(List.of(bytes("t"), bytes("b"), new byte[] { (byte) 0xc3 }), NOW);
		assertThat(extra)
			.isEqualTo("{\"topic\":\"t\",\"message\":\"b\",\"frames\":3,\"utf8\":false,\"extra\":[\"\\\\xc3\"]}");
	}

	@Test
	void terminalControlsInValidUtf8AreEscapedAndMarked() {
		String line = text("app.INFO", "\u001b]0;owned\u0007\u001b[2Jhi\u0000\u007f\n");
		assertThat(line).isEqualTo("app.INFO | \\x1b]0;owned\\x07\\x1b[2Jhi\\x00\\x7f [escaped]");
		assertThat(line.chars().filter((c) -> c < 0x20 || c == 0x7f)).isEmpty();
	}

	@Test
	void controlsInTheTopicAreEscapedToo() {
		assertThat(text("app.INFO\u001b[8m", "m")).isEqualTo("app.INFO\\x1b[8m | m [escaped]");
	}

	@Test
	void c1ControlsAndBidiOverridesAreEscaped() {
		assertThat(text("app.INFO", "a\u009b2Jb\u0085c\u202eevil\u202a\u2066x\u2069"))
			.isEqualTo("app.INFO | a\\u009b2Jb\\u0085c\\u202eevil\\u202a\\u2066x\\u2069 [escaped]");
	}

	@Test
	void loneCarriageReturnIsEscapedButLineEndingsStay() {
		assertThat(text("app.INFO", "done 100%\rdone  50%")).isEqualTo("app.INFO | done 100%\\x0ddone  50% [escaped]");
		assertThat(text("app.ERROR", "boom\r\n\tat A.b(A.java:1)\r\n"))
			.isEqualTo("app.ERROR | boom\r\n\tat A.b(A.java:1)");
	}

	@Test
	void backslashesAreDoubledOnlyOnAnEscapedLine() {
		assertThat(text("app.INFO", "C:\\tmp\\x1b")).isEqualTo("app.INFO | C:\\tmp\\x1b");
		assertThat(text("app\\x", "C:\\tmp\\x1b\u001b")).isEqualTo("app\\\\x | C:\\\\tmp\\\\x1b\\x1b [escaped]");
		String notUtf8 = new LineFormatter(TailOptions.parse("tcp://x:1"), false)
			.format(List.of(bytes("a\\b"), new byte[] { '\\', (byte) 0xff }), NOW);
		assertThat(notUtf8).isEqualTo("a\\\\b | \\\\\\xff [not UTF-8]");
	}

	@Test
	void jsonEscapesControlsAndKeepsTheTextRecoverable() throws Exception {
		String hostile = "\u001b]0;owned\u0007\u001b[2J\r\u0000\u007f\u009b\u202e\u2066x\u2069\\ \"q\" \ud83d\ude00";
		String line = new LineFormatter(TailOptions.parse("tcp://x:1", "--json"), false)
			.format(List.of(bytes("app.INFO\u001b"), bytes(hostile)), NOW);
		assertThat(line.chars().filter(LineFormatterTests::unsafe)).isEmpty();
		JsonNode json = new ObjectMapper().readTree(line);
		assertThat(json.get("topic").asString()).isEqualTo("app.INFO\u001b");
		assertThat(json.get("message").asString()).isEqualTo(hostile);
		assertThat(json.get("utf8").asBoolean()).isTrue();
	}

	private static boolean unsafe(int c) {
		return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
	}

	@Test
	void receiveHighWaterMarkIsBoundedByDefaultAndConfigurable() {
		assertThat(TailOptions.parse("tcp://x:1").rcvHwm()).isEqualTo(TailOptions.DEFAULT_RCVHWM).isPositive();
		assertThat(TailOptions.parse("tcp://x:1", "--rcvhwm", "50").rcvHwm()).isEqualTo(50);
		assertThat(parseError("tcp://x:1", "--rcvhwm", "0")).contains("--rcvhwm takes a positive whole number");
	}

	@Test
	void badArgumentsAreExplained() {
		assertThat(parseError()).contains("an endpoint is required");
		assertThat(parseError("tcp://x:1", "--count", "0")).contains("--count takes a positive whole number");
		assertThat(parseError("tcp://x:1", "--color", "pink")).contains("--color takes auto, always or never");
		assertThat(parseError("localhost:5556")).contains("is not an endpoint");
		assertThat(parseError("tcp://x:1", "--frobnicate")).contains("unknown option --frobnicate");
	}

	private static String parseError(String... args) {
		try {
			TailOptions.parse(args);
			return "";
		}
		catch (IllegalArgumentException ex) {
			return ex.getMessage();
		}
	}

	private static String text(String topic, String body) {
		return new LineFormatter(TailOptions.parse("tcp://x:1"), false).format(List.of(bytes(topic), bytes(body)), NOW);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}

package io.github.zmqlog.tail;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a page's stream carries, one Server-Sent Event each: a log line, a batch of
 * history lines (sent once, before the live ones, by a source that has history), or a
 * {@code [missed N events]} marker where the source knows it lost some. The text in them
 * is made safe for a screen here, once, as the terminal watcher makes it
 * ({@link LineFormatter}); the page still shows it as text only.
 */
sealed interface WebEvent {

	/**
	 * The event's name on the stream ({@code event:} field).
	 * @return the name
	 */
	String name();

	/**
	 * The event's data, one JSON object on one line.
	 * @return the JSON
	 */
	String json();

	/**
	 * The event as the stream writes it.
	 * @return {@code event:} and {@code data:} lines and the blank line that ends them,
	 * UTF-8
	 */
	default byte[] sse() {
		return ("event: " + name() + "\ndata: " + json() + "\n\n").getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Roughly what the event holds in memory, in bytes, for a page's bounded queue.
	 * @return the estimate
	 */
	default long bytes() {
		return 64 + 2L * json().length();
	}

	/**
	 * One message as the page shows it.
	 *
	 * @param topic the topic, decoded and escaped
	 * @param message the body (and any further frames, separated by {@code " | "}),
	 * decoded and escaped
	 * @param level the level's name for colouring: {@code trace}, {@code debug},
	 * {@code info}, {@code warn}, {@code error}, {@code critical}, or empty
	 * @param marks what the terminal watcher would append: {@code [3 frames]},
	 * {@code [not UTF-8]}, {@code [escaped]}, {@code [truncated]}; empty for none
	 * @param json the event's data, computed once
	 * @param sse the event as the stream writes it, computed once for every page
	 */
	record Line(String topic, String message, String level, String marks, String json, byte[] sse) implements WebEvent {

		/** The most of a message a page is sent; the rest is cut and the line marked. */
		static final int MAX_MESSAGE_CHARS = 64 * 1024;

		/**
		 * Makes a line from a received message.
		 * @param frames the message's frames, topic first
		 * @return the line
		 */
		static Line of(List<byte[]> frames) {
			LineFormatter.Shown shown = LineFormatter.shown(frames);
			String message = String.join(" | ", shown.frames().subList(1, shown.frames().size()));
			String marks = shown.marks();
			if (message.length() > MAX_MESSAGE_CHARS) {
				marks = (marks.isEmpty() ? "" : marks + " ") + "[truncated " + message.length() + " chars]";
				message = message.substring(0, MAX_MESSAGE_CHARS);
			}
			String topic = shown.frames().get(0);
			String level = LineFormatter.level(topic);
			String json = "{\"t\":" + LineFormatter.quote(topic) + ",\"m\":" + LineFormatter.quote(message)
					+ ",\"l\":\"" + level + "\"" + (marks.isEmpty() ? "" : ",\"x\":" + LineFormatter.quote(marks))
					+ "}";
			return new Line(topic, message, level, marks, json,
					("event: line\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
		}

		@Override
		public String name() {
			return "line";
		}

		@Override
		public long bytes() {
			// topic, message and JSON as UTF-16, and the stream's bytes
			return 96 + 2L * (this.topic.length() + this.message.length() + this.json.length()) + this.sse.length;
		}

	}

	/**
	 * The last events before the page opened, shown above the live ones and marked as
	 * history.
	 *
	 * @param lines the events, oldest first
	 */
	record History(List<Line> lines) implements WebEvent {

		@Override
		public String name() {
			return "history";
		}

		@Override
		public String json() {
			StringBuilder json = new StringBuilder("{\"lines\":[");
			for (int i = 0; i < this.lines.size(); i++) {
				json.append((i > 0) ? "," : "").append(this.lines.get(i).json());
			}
			return json.append("]}").toString();
		}

	}

	/**
	 * Events the source knows it lost at this point of the stream (the publisher's gap,
	 * not the page's: those the server dropped for a slow page are counted apart).
	 *
	 * @param count how many
	 */
	record Missed(long count) implements WebEvent {

		@Override
		public String name() {
			return "missed";
		}

		@Override
		public String json() {
			return "{\"n\":" + this.count + "}";
		}

	}

}

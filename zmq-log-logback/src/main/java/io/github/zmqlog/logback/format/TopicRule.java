package io.github.zmqlog.logback.format;

import java.nio.charset.StandardCharsets;

import ch.qos.logback.classic.Level;
import org.jspecify.annotations.Nullable;

import io.github.zmqlog.logback.LevelNames;

/**
 * PyZMQ's topic rule: the root topic, the level name and the subtopic, joined with
 * {@code .}, an empty root or subtopic left out. Nothing is escaped or validated: root
 * {@code app.} gives {@code app..INFO}, as in PyZMQ.
 *
 * <p>
 * The subtopic is the part of the unformatted message template before the first
 * delimiter; the split happens before {@code {}} arguments are substituted, so a
 * delimiter inside an argument never splits. Immutable and thread-safe; the topic bytes
 * of each level are computed once.
 */
public final class TopicRule {

	private final String delimiter;

	private final LevelNames levelNames;

	private final byte[][] prefixes = new byte[LevelNames.COUNT][];

	/**
	 * Creates a rule.
	 * @param rootTopic the first part of every topic, empty for none
	 * @param levelNames the level names to use
	 * @param delimiter the subtopic delimiter, empty to turn splitting off
	 */
	public TopicRule(@Nullable String rootTopic, LevelNames levelNames, @Nullable String delimiter) {
		this.delimiter = (delimiter != null) ? delimiter : "";
		this.levelNames = levelNames;
		String root = (rootTopic != null) ? rootTopic : "";
		for (int i = 0; i < LevelNames.COUNT; i++) {
			String name = levelNames.nameOf(LevelNames.LEVELS[i]);
			String prefix = root.isEmpty() ? name : root + "." + name;
			this.prefixes[i] = prefix.getBytes(StandardCharsets.UTF_8);
		}
	}

	/**
	 * Returns a rule like this one with another root topic.
	 * @param rootTopic the new root topic
	 * @return the new rule
	 */
	public TopicRule withRootTopic(String rootTopic) {
		return new TopicRule(rootTopic, this.levelNames, this.delimiter);
	}

	/**
	 * Returns where the subtopic ends in a message template.
	 * @param template the unformatted message, may be {@code null}
	 * @return the index of the first delimiter, or -1 when the template has none or
	 * splitting is off
	 */
	int delimiterIndex(@Nullable String template) {
		return (template == null || this.delimiter.isEmpty()) ? -1 : template.indexOf(this.delimiter);
	}

	/**
	 * Returns the length of the delimiter.
	 * @return the number of characters the delimiter takes in a template
	 */
	public int delimiterLength() {
		return this.delimiter.length();
	}

	/**
	 * Returns the topic frame for an event.
	 * @param level the event's level
	 * @param subtopic the subtopic, {@code null} or empty for none
	 * @return the topic in UTF-8 (a shared array when there is no subtopic: do not
	 * modify)
	 */
	public byte[] topic(Level level, @Nullable String subtopic) {
		byte[] prefix = this.prefixes[LevelNames.ordinal(level)];
		if (subtopic == null || subtopic.isEmpty()) {
			return prefix;
		}
		byte[] sub = subtopic.getBytes(StandardCharsets.UTF_8);
		byte[] topic = new byte[prefix.length + 1 + sub.length];
		System.arraycopy(prefix, 0, topic, 0, prefix.length);
		topic[prefix.length] = '.';
		System.arraycopy(sub, 0, topic, prefix.length + 1, sub.length);
		return topic;
	}

}

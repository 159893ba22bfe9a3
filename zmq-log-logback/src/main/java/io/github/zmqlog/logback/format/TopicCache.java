package io.github.zmqlog.logback.format;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import ch.qos.logback.classic.Level;
import org.jspecify.annotations.Nullable;

import io.github.zmqlog.logback.LevelNames;

/**
 * The topic frames of the subtopics seen lately, per level, so that an event with a
 * subtopic seen before costs a lookup instead of an encoding. Held by one thread; emptied
 * when the rule changes or when it holds too many subtopics.
 */
public final class TopicCache {

	private static final int MAX_SUBTOPICS_PER_LEVEL = 1024;

	private static final int MAX_CACHED_SUBTOPIC_LENGTH = 256;

	@SuppressWarnings("unchecked")
	private final Map<String, byte[]>[] byLevel = new Map[LevelNames.COUNT];

	private @Nullable TopicRule rule;

	/**
	 * Per level, the template and subtopic end of the last event split lazily, and its
	 * topic.
	 */
	private final @Nullable String[] lastTemplate = new String[LevelNames.COUNT];

	private final int[] lastEnd = new int[LevelNames.COUNT];

	private final byte[][] lastTopic = new byte[LevelNames.COUNT][];

	/**
	 * Creates an empty cache.
	 */
	public TopicCache() {
		for (int i = 0; i < this.byLevel.length; i++) {
			this.byLevel[i] = new HashMap<>();
		}
	}

	/**
	 * Returns the topic frame for an event. An event whose subtopic is still part of its
	 * template is recognised by the template's identity: a literal template logged again
	 * costs no cutting, hashing or lookup.
	 * @param rule the rule in force
	 * @param event the event
	 * @return the topic frame (shared: do not modify)
	 */
	public byte[] topic(TopicRule rule, PublishableEvent event) {
		String template = event.getSubtopicTemplate();
		if (template == null) {
			return topic(rule, event.getLevel(), event.getSubtopic());
		}
		use(rule);
		int level = LevelNames.ordinal(event.getLevel());
		int end = event.getSubtopicEnd();
		if (template == this.lastTemplate[level] && end == this.lastEnd[level]) {
			return this.lastTopic[level];
		}
		byte[] topic = topic(rule, event.getLevel(), event.getSubtopic());
		this.lastTemplate[level] = template;
		this.lastEnd[level] = end;
		this.lastTopic[level] = topic;
		return topic;
	}

	/**
	 * Returns the topic frame for a subtopic.
	 * @param rule the rule in force
	 * @param level the event's level
	 * @param subtopic the event's subtopic, {@code null} or empty for none
	 * @return the topic frame (shared: do not modify)
	 */
	byte[] topic(TopicRule rule, Level level, @Nullable String subtopic) {
		if (subtopic == null || subtopic.isEmpty() || subtopic.length() > MAX_CACHED_SUBTOPIC_LENGTH) {
			return rule.topic(level, subtopic);
		}
		use(rule);
		Map<String, byte[]> topics = this.byLevel[LevelNames.ordinal(level)];
		byte[] topic = topics.get(subtopic);
		if (topic == null) {
			if (topics.size() >= MAX_SUBTOPICS_PER_LEVEL) {
				topics.clear();
			}
			topic = rule.topic(level, subtopic);
			topics.put(subtopic, topic);
		}
		return topic;
	}

	/**
	 * Forgets every topic when the rule changes.
	 * @param rule the rule in effect now
	 */
	private void use(TopicRule rule) {
		if (rule != this.rule) {
			for (Map<String, byte[]> topics : this.byLevel) {
				topics.clear();
			}
			Arrays.fill(this.lastTemplate, null);
			this.rule = rule;
		}
	}

}

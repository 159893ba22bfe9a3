package io.github.zmqlog.logback;

import java.util.HashMap;
import java.util.Map;

import ch.qos.logback.classic.Level;
import org.jspecify.annotations.Nullable;

/**
 * The topic frames of the subtopics seen lately, per level, so that an event with a subtopic seen
 * before costs a lookup instead of an encoding. Held by one thread; emptied when the rule changes
 * or when it holds too many subtopics.
 */
final class TopicCache {

	private static final int MAX_SUBTOPICS_PER_LEVEL = 1024;

	private static final int MAX_CACHED_SUBTOPIC_LENGTH = 256;

	@SuppressWarnings("unchecked")
	private final Map<String, byte[]>[] byLevel = new Map[LevelNames.COUNT];

	private @Nullable TopicRule rule;

	TopicCache() {
		for (int i = 0; i < this.byLevel.length; i++) {
			this.byLevel[i] = new HashMap<>();
		}
	}

	/**
	 * Returns the topic frame for an event.
	 * @param rule the rule in force
	 * @param level the event's level
	 * @param subtopic the event's subtopic, {@code null} or empty for none
	 * @return the topic frame (shared: do not modify)
	 */
	byte[] topic(TopicRule rule, Level level, @Nullable String subtopic) {
		if (subtopic == null || subtopic.isEmpty() || subtopic.length() > MAX_CACHED_SUBTOPIC_LENGTH) {
			return rule.topic(level, subtopic);
		}
		if (rule != this.rule) {
			for (Map<String, byte[]> topics : this.byLevel) {
				topics.clear();
			}
			this.rule = rule;
		}
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

}

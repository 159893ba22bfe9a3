package io.github.zmqlog.logback;

import java.nio.charset.StandardCharsets;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The publisher's cache of topic frames gives the rule's topics, and follows a new rule.
 */
class TopicCacheTests {

	private final TopicCache cache = new TopicCache();

	@Test
	void givesTheRulesTopics() {
		TopicRule rule = new TopicRule("app", LevelNames.LOGBACK, "::");
		assertThat(topic(rule, Level.INFO, "db")).isEqualTo("app.INFO.db");
		assertThat(topic(rule, Level.WARN, "db")).isEqualTo("app.WARN.db");
		assertThat(topic(rule, Level.INFO, "db")).isEqualTo("app.INFO.db");
		assertThat(topic(rule, Level.INFO, null)).isEqualTo("app.INFO");
		assertThat(topic(rule, Level.INFO, "")).isEqualTo("app.INFO");
		String long_ = "s".repeat(10_000);
		assertThat(topic(rule, Level.INFO, long_)).isEqualTo("app.INFO." + long_);
	}

	@Test
	void followsANewRootTopic() {
		TopicRule rule = new TopicRule("app", LevelNames.LOGBACK, "::");
		assertThat(topic(rule, Level.ERROR, "db")).isEqualTo("app.ERROR.db");
		assertThat(topic(rule.withRootTopic("other"), Level.ERROR, "db")).isEqualTo("other.ERROR.db");
	}

	@Test
	void staysRightPastItsSize() {
		TopicRule rule = new TopicRule("app", LevelNames.PYTHON, "::");
		for (int round = 0; round < 2; round++) {
			for (int i = 0; i < 3000; i++) {
				assertThat(topic(rule, Level.WARN, "sub" + i)).isEqualTo("app.WARNING.sub" + i);
			}
		}
	}

	private String topic(TopicRule rule, Level level, String subtopic) {
		return new String(this.cache.topic(rule, level, subtopic), StandardCharsets.UTF_8);
	}

}

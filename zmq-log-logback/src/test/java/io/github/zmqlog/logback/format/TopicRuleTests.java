package io.github.zmqlog.logback.format;

import java.nio.charset.StandardCharsets;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;

import io.github.zmqlog.logback.LevelNames;

import static org.assertj.core.api.Assertions.assertThat;

class TopicRuleTests {

	@Test
	void joinsRootLevelAndSubtopic() {
		TopicRule rule = new TopicRule("app", LevelNames.LOGBACK, "::");
		assertThat(topic(rule, Level.INFO, null)).isEqualTo("app.INFO");
		assertThat(topic(rule, Level.WARN, "db.pool")).isEqualTo("app.WARN.db.pool");
		assertThat(topic(rule, Level.TRACE, "")).isEqualTo("app.TRACE");
	}

	@Test
	void leavesOutAnEmptyRoot() {
		TopicRule rule = new TopicRule("", LevelNames.PYTHON, "::");
		assertThat(topic(rule, Level.WARN, null)).isEqualTo("WARNING");
		assertThat(topic(rule, Level.TRACE, "x")).isEqualTo("DEBUG.x");
	}

	@Test
	void neitherEscapesNorValidatesTheRoot() {
		assertThat(topic(new TopicRule("app.", LevelNames.LOGBACK, "::"), Level.INFO, null)).isEqualTo("app..INFO");
	}

	@Test
	void findsTheFirstDelimiter() {
		TopicRule rule = new TopicRule("app", LevelNames.LOGBACK, "::");
		assertThat(rule.delimiterIndex("a::b::c")).isEqualTo(1);
		assertThat(rule.delimiterIndex("no delimiter")).isEqualTo(-1);
		assertThat(rule.delimiterIndex(null)).isEqualTo(-1);
		assertThat(new TopicRule("app", LevelNames.LOGBACK, "").delimiterIndex("a::b")).isEqualTo(-1);
	}

	private static String topic(TopicRule rule, Level level, String subtopic) {
		return new String(rule.topic(level, subtopic), StandardCharsets.UTF_8);
	}

}

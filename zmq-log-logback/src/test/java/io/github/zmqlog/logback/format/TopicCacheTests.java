package io.github.zmqlog.logback.format;

import java.nio.charset.StandardCharsets;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.LayoutBase;
import org.junit.jupiter.api.Test;

import io.github.zmqlog.logback.LevelNames;

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

	@Test
	void recognisesALiteralTemplateAndFollowsEverythingElse() {
		TopicRule rule = new TopicRule("app", LevelNames.LOGBACK, "::");
		String literal = "db.pool::connection {} lost";
		assertThat(topic(rule, event(Level.WARN, literal, 1))).isEqualTo("app.WARN.db.pool");
		assertThat(topic(rule, event(Level.WARN, literal, 2))).isEqualTo("app.WARN.db.pool");
		// Another template with the same subtopic end, and the same template at another
		// level.
		assertThat(topic(rule, event(Level.WARN, "db.popl::x", 3))).isEqualTo("app.WARN.db.popl");
		assertThat(topic(rule, event(Level.ERROR, literal, 4))).isEqualTo("app.ERROR.db.pool");
		// A subtopic the formatter would touch is cut on the logging thread.
		assertThat(topic(rule, event(Level.WARN, "user.{}::in from {}", 5))).isEqualTo("app.WARN.user.{}");
		assertThat(topic(rule, event(Level.WARN, "no subtopic {}", 6))).isEqualTo("app.WARN");
		assertThat(topic(rule, event(Level.WARN, "::empty subtopic {}", 7))).isEqualTo("app.WARN");
		assertThat(topic(rule.withRootTopic("next"), event(Level.WARN, literal, 8))).isEqualTo("next.WARN.db.pool");
	}

	private static PublishableEvent event(Level level, String template, Object argument) {
		LoggerContext context = new LoggerContext();
		context.setMDCAdapter(new LogbackMDCAdapter());
		LoggingEvent event = new LoggingEvent(TopicCacheTests.class.getName(), context.getLogger("test"), level,
				template, null, new Object[] { argument });
		TopicRule rule = new TopicRule("unused", LevelNames.LOGBACK, "::");
		BodyFormat layouts = BodyFormat.ofLayout(new EchoLayout(), false);
		return PublishableEvent.freeze(event, rule, layouts, SubtopicSources.NONE);
	}

	private String topic(TopicRule rule, PublishableEvent event) {
		return new String(this.cache.topic(rule, event), StandardCharsets.UTF_8);
	}

	private String topic(TopicRule rule, Level level, String subtopic) {
		return new String(this.cache.topic(rule, level, subtopic), StandardCharsets.UTF_8);
	}

	private static final class EchoLayout extends LayoutBase<ILoggingEvent> {

		@Override
		public String doLayout(ILoggingEvent event) {
			return event.getFormattedMessage();
		}

	}

}

package io.github.zmqlog.autoconfigure;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.joran.spi.DefaultNestedComponentRegistry;
import ch.qos.logback.core.joran.util.PropertySetter;
import ch.qos.logback.core.joran.util.StringToObjectConverter;
import ch.qos.logback.core.joran.util.beans.BeanDescription;
import ch.qos.logback.core.joran.util.beans.BeanDescriptionCache;
import ch.qos.logback.core.util.AggregationType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.health.contributor.Health;

import io.github.zmqlog.actuate.endpoint.ZmqLogEndpoint;
import io.github.zmqlog.health.ZmqLogHealthIndicator;
import io.github.zmqlog.logback.CurveConfiguration;
import io.github.zmqlog.logback.HistoryConfiguration;
import io.github.zmqlog.logback.StandaloneAppender;
import io.github.zmqlog.logback.SubtopicConfiguration;
import io.github.zmqlog.logback.ZmqLogAppender;
import io.github.zmqlog.logback.ZmqLogStats;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ZmqLogRuntimeHints}: each hint is checked against what uses it
 * reflectively (Joran's own rules, the appender's trie reader, the objects health and the
 * endpoint return), not against a copy of the registrar's list.
 */
@Timeout(30)
class ZmqLogRuntimeHintsTests {

	private final RuntimeHints hints = registerHints(getClass().getClassLoader());

	private ZmqLogAppender appender;

	@AfterEach
	void stop() {
		if (this.appender != null) {
			this.appender.stop();
		}
	}

	@Test
	void registersEveryComponentAndOptionTypeJoranReachesFromTheAppendersElement() throws Exception {
		LoggerContext context = new LoggerContext();
		BeanDescriptionCache descriptions = new BeanDescriptionCache(context);
		Set<Class<?>> components = new LinkedHashSet<>();
		Deque<Class<?>> pending = new ArrayDeque<>(List.of(ZmqLogAppender.class));
		while (!pending.isEmpty()) {
			Class<?> component = pending.pop();
			if (!components.add(component)) {
				continue;
			}
			assertThat(RuntimeHintsPredicates.reflection()
				.onType(component)
				.withMemberCategories(MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS, MemberCategory.INVOKE_PUBLIC_METHODS))
				.accepts(this.hints);
			PropertySetter setter = new PropertySetter(descriptions, component.getConstructor().newInstance());
			setter.setContext(context);
			BeanDescription description = descriptions.getBeanDescription(component);
			Set<String> properties = new LinkedHashSet<>(description.getPropertyNameToSetter().keySet());
			properties.addAll(description.getPropertyNameToAdder().keySet());
			for (String property : properties) {
				AggregationType aggregation = setter.computeAggregationType(property);
				Method method = (description.getSetter(property) != null) ? description.getSetter(property)
						: description.getAdder(property);
				Class<?> type = method.getParameterTypes()[0];
				if ((aggregation == AggregationType.AS_BASIC_PROPERTY
						|| aggregation == AggregationType.AS_BASIC_PROPERTY_COLLECTION)
						&& StringToObjectConverter.followsTheValueOfConvention(type)) {
					assertThat(RuntimeHintsPredicates.reflection()
						.onMethodInvocation(StringToObjectConverter.getValueOfMethod(type))).as(property)
						.accepts(this.hints);
				}
				if (aggregation == AggregationType.AS_COMPLEX_PROPERTY
						|| aggregation == AggregationType.AS_COMPLEX_PROPERTY_COLLECTION) {
					Class<?> nested = setter.getClassNameViaImplicitRules(property, aggregation,
							new DefaultNestedComponentRegistry());
					// Ours only: a layout, an encoder or a filter is named by its class
					// attribute, which Spring Boot registers for what
					// logback-spring.xml names.
					if (nested != null && nested.getPackageName().startsWith("io.github.zmqlog")) {
						pending.push(nested);
					}
				}
			}
		}
		assertThat(components).containsExactlyInAnyOrder(ZmqLogAppender.class, SubtopicConfiguration.class,
				CurveConfiguration.class, HistoryConfiguration.class);
	}

	@Test
	void registersEveryJeroMqFieldTheSubscriptionTrieReads() throws Exception {
		Field layoutField = Class.forName("io.github.zmqlog.logback.transport.SubscriptionTrie")
			.getDeclaredField("LAYOUT");
		layoutField.setAccessible(true);
		Object layout = layoutField.get(null);
		assertThat(layout).as("the trie reader found JeroMQ's XPUB laid out as it expects").isNotNull();
		RecordComponent[] components = layout.getClass().getRecordComponents();
		assertThat(components).isNotEmpty();
		for (RecordComponent component : components) {
			Method accessor = component.getAccessor();
			accessor.setAccessible(true);
			Field field = (Field) accessor.invoke(layout);
			assertThat(RuntimeHintsPredicates.reflection().onFieldAccess(field)).as(field.toString())
				.accepts(this.hints);
		}
	}

	@Test
	void registersTheTrieArrayTypeJeroMqAllocatesReflectively() throws Exception {
		Class<?> mtrie = Class.forName("zmq.socket.pubsub.Mtrie");
		assertThat(RuntimeHintsPredicates.reflection().onType(mtrie.arrayType())).accepts(this.hints);
	}

	@Test
	void registersForJacksonEveryRecordOfTheStatsAndTheEndpointsResponses() {
		List<Class<?>> records = records(ZmqLogStats.class, ZmqLogEndpoint.ZmqLogDescriptor.class,
				ZmqLogEndpoint.ZmqLogAppendersDescriptor.class);
		assertThat(records).contains(ZmqLogStats.Queue.class, ZmqLogStats.Curve.class,
				ZmqLogEndpoint.ConfigurationDescriptor.class, ZmqLogEndpoint.SubtopicDescriptor.class);
		for (Class<?> type : records) {
			for (RecordComponent component : type.getRecordComponents()) {
				assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(component.getAccessor()))
					.as(type.getName() + "." + component.getName())
					.accepts(this.hints);
			}
		}
	}

	@Test
	void registersTheTypeOfEveryHealthDetailOfOurs() {
		this.appender = StandaloneAppender.start("hints-test");
		Health health = new ZmqLogHealthIndicator(this.appender).health();
		List<Object> values = new ArrayList<>(health.getDetails().values());
		values.add(this.appender.getStats().curve());
		for (Object value : values) {
			if (value.getClass().getPackageName().startsWith("io.github.zmqlog")) {
				assertThat(RuntimeHintsPredicates.reflection().onType(value.getClass())).as(value.getClass().getName())
					.accepts(this.hints);
			}
			else {
				assertThat(value).isInstanceOfAny(String.class, Number.class, Boolean.class, Collection.class,
						Map.class);
			}
		}
	}

	@Test
	void registersNothingWithoutTheAppender() {
		assertThat(registerHints(ClassLoader.getPlatformClassLoader()).reflection().typeHints()).isEmpty();
	}

	private static List<Class<?>> records(Class<?>... roots) {
		Set<Class<?>> found = new LinkedHashSet<>();
		Deque<Class<?>> pending = new ArrayDeque<>(List.of(roots));
		while (!pending.isEmpty()) {
			Class<?> type = pending.pop();
			if (type.isRecord() && !Modifier.isPrivate(type.getModifiers()) && found.add(type)) {
				for (RecordComponent component : type.getRecordComponents()) {
					pending.push(component.getType());
				}
			}
		}
		return new ArrayList<>(found);
	}

	private static RuntimeHints registerHints(ClassLoader classLoader) {
		RuntimeHints hints = new RuntimeHints();
		new ZmqLogRuntimeHints().registerHints(hints, classLoader);
		return hints;
	}

}

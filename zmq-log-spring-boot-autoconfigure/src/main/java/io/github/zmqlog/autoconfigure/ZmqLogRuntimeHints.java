package io.github.zmqlog.autoconfigure;

import ch.qos.logback.core.util.Duration;
import ch.qos.logback.core.util.FileSize;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.util.ClassUtils;

import io.github.zmqlog.actuate.endpoint.ZmqLogEndpoint;
import io.github.zmqlog.logback.CurveConfiguration;
import io.github.zmqlog.logback.HistoryConfiguration;
import io.github.zmqlog.logback.SubtopicConfiguration;
import io.github.zmqlog.logback.ZmqLogAppender;
import io.github.zmqlog.logback.ZmqLogStats;

/**
 * {@link RuntimeHintsRegistrar} for ZeroMQ log publishing in a native image: what
 * Logback's Joran, the appender and Jackson reach by reflection.
 *
 * <ul>
 * <li>The appender and its {@code <subtopic>} and {@code <curve>} elements, which Joran
 * creates from {@code logback.xml} or {@code logback-spring.xml} and configures through
 * their public setters, and the option types Joran makes with their {@code valueOf}.
 * Spring Boot registers the same for what a {@code logback-spring.xml} names; these hints
 * also cover a plain {@code logback.xml}, which Logback reads before Spring Boot
 * starts.</li>
 * <li>The private fields of JeroMQ's XPUB that the appender reads to count subscribers
 * per topic, and the array type that JeroMQ's XPUB grows with
 * {@code Array.newInstance}.</li>
 * <li>The records that health details and {@code /actuator/zmqlog} hold, which Jackson
 * serializes.</li>
 * </ul>
 * The appender's converter for Python level names is created by a supplier, not by class
 * name, and needs no hint. JeroMQ's other reflection concerns codecs, allocators and TCP
 * keep-alive options that the appender does not set; jnacl uses none. Spring Boot
 * registers {@link ZmqLogProperties} for binding, and Spring Framework the types listed
 * in {@code spring.factories}.
 */
class ZmqLogRuntimeHints implements RuntimeHintsRegistrar {

	private static final String XPUB = "zmq.socket.pubsub.XPub";

	private static final String DIST = "zmq.socket.pubsub.Dist";

	private static final String MTRIE = "zmq.socket.pubsub.Mtrie";

	private static final String ACTUATOR_RESPONSE = "org.springframework.boot.actuate.endpoint.OperationResponseBody";

	private final BindingReflectionHintsRegistrar bindingRegistrar = new BindingReflectionHintsRegistrar();

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		if (!ClassUtils.isPresent("io.github.zmqlog.logback.ZmqLogAppender", classLoader)) {
			return;
		}
		ReflectionHints reflection = hints.reflection();
		registerHintsForJoran(reflection);
		registerHintsForJeroMqInternals(reflection, classLoader);
		this.bindingRegistrar.registerReflectionHints(reflection, ZmqLogStats.class);
		if (ClassUtils.isPresent(ACTUATOR_RESPONSE, classLoader)) {
			this.bindingRegistrar.registerReflectionHints(reflection, ZmqLogEndpoint.ZmqLogDescriptor.class,
					ZmqLogEndpoint.ZmqLogAppendersDescriptor.class);
		}
	}

	private void registerHintsForJoran(ReflectionHints reflection) {
		reflection.registerTypes(
				TypeReference.listOf(ZmqLogAppender.class, SubtopicConfiguration.class, CurveConfiguration.class,
						HistoryConfiguration.class),
				(hint) -> hint.withMembers(MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS,
						MemberCategory.INVOKE_PUBLIC_METHODS));
		// Integer and Boolean: tcpKeepAliveCount and tcpKeepAlive may be unset, so
		// Joran converts their text with valueOf.
		reflection.registerTypes(TypeReference.listOf(Duration.class, FileSize.class, Integer.class, Boolean.class),
				(hint) -> hint.withMembers(MemberCategory.INVOKE_PUBLIC_METHODS));
	}

	private void registerHintsForJeroMqInternals(ReflectionHints reflection, @Nullable ClassLoader classLoader) {
		reflection.registerTypeIfPresent(classLoader, XPUB,
				(hint) -> hint.withField("subscriptions").withField("dist"));
		reflection.registerTypeIfPresent(classLoader, DIST, (hint) -> hint.withField("pipes"));
		reflection.registerTypeIfPresent(classLoader, MTRIE,
				(hint) -> hint.withField("pipes").withField("min").withField("count").withField("next"));
		reflection.registerTypeIfPresent(classLoader, MTRIE + "[]", (hint) -> {
		});
	}

}

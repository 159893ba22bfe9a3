package io.github.zmqlog.autoconfigure;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.util.Duration;
import ch.qos.logback.core.util.FileSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.ZAuth;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import tools.jackson.databind.JsonNode;

import io.github.zmqlog.logback.ConfigurationProblem;
import io.github.zmqlog.logback.CurveConfiguration;
import io.github.zmqlog.logback.HistoryConfiguration;
import io.github.zmqlog.logback.SubtopicConfiguration;
import io.github.zmqlog.logback.ZmqLogAppender;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ZmqLogOption}, the one table of both names of every option, against the
 * appender's setters, the generated configuration metadata, and the problems the appender
 * reports.
 */
@Timeout(60)
class ZmqLogOptionTests {

	private static final Set<String> SPRING_ONLY = Set.of("zmqlog.enabled", "zmqlog.fail-fast", "zmqlog.format");

	private static final ZMQ.Curve.KeyPair server = ZMQ.Curve.generateKeyPair();

	@TempDir
	Path dir;

	@Test
	void everyOptionXmlCanSetIsInTheTableAndNoOther() {
		Set<String> xmlNames = Arrays.stream(ZmqLogOption.values())
			.map(ZmqLogOption::xmlName)
			.filter((name) -> name != null)
			.collect(Collectors.toCollection(TreeSet::new));
		assertThat(xmlNames).isEqualTo(xmlOptions(ZmqLogAppender.class, ""));
	}

	@Test
	void everyPropertyHasAnXmlNameExceptSpringOnlyOnes() throws IOException {
		for (JsonNode property : ZmqLogPropertiesMetadataTests.metadata().get("properties")) {
			String name = property.get("name").asString();
			if (!name.startsWith("zmqlog.")) {
				continue;
			}
			List<ZmqLogOption> options = Arrays.stream(ZmqLogOption.values())
				.filter((option) -> name.equals(option.property())
						|| (option.property() != null && option.property().startsWith(name + ".") && isMap(property)))
				.toList();
			assertThat(options).as(name).isNotEmpty();
			for (ZmqLogOption option : options) {
				assertThat(option.xmlName() == null).as(name).isEqualTo(SPRING_ONLY.contains(name));
			}
		}
	}

	@Test
	void everyPropertyInTheTableIsInTheMetadata() throws IOException {
		Set<String> known = knownProperties();
		for (ZmqLogOption option : ZmqLogOption.values()) {
			if (option.property() != null) {
				assertThat(known).as(option.name()).contains(option.property());
			}
		}
	}

	@Test
	void everyProblemTheAppenderReportsNamesAPropertyInTheMetadata() throws IOException {
		List<ConfigurationProblem> problems = new ArrayList<>();
		problems.addAll(problems((a) -> {
			a.addBind("tcp://");
			a.addConnect("localhost:5556");
			a.setLevelNames("klingon");
			a.setThreshold("loud");
			a.setOverflowPolicy("sometimes");
			a.setQueueSize(0);
			a.setSendHwm(-1);
			a.setMaxMessageSize(new FileSize(1));
			a.setMaxQueuedBytes(new FileSize(1));
			a.setMaxBlockTime(new Duration(-1));
			a.setSendTimeout(new Duration(-1));
			a.setLinger(new Duration(-1));
			a.setHeartbeatTimeout(new Duration(-1));
			a.setShutdownTimeout(new Duration(-1));
			a.setWarnPattern("%nosuchword");
			a.getHistory().setSize(-1);
			a.getHistory().setMaxBytes(new FileSize(1));
			a.getHistory().setEndpoint("nowhere");
		}));
		problems.addAll(problems((a) -> {
		}));
		for (Consumer<ZmqLogAppender> badPattern : List.<Consumer<ZmqLogAppender>>of(
				(a) -> a.setTracePattern("%nosuchword"), (a) -> a.setDebugPattern("%nosuchword"),
				(a) -> a.setInfoPattern("%nosuchword"), (a) -> a.setErrorPattern("%nosuchword"))) {
			problems.addAll(problems(bound(badPattern)));
		}
		problems.addAll(problems((a) -> {
			a.addConnect("tcp://127.0.0.1:5559");
			CurveConfiguration curve = a.getCurve();
			curve.setServerSecretKey("tooshort");
			curve.setServerPublicKey("tooshort");
			curve.addAllowedClientKey("tooshort");
			curve.setAllowedClientKeysFile(this.dir.resolve("missing-list").toString());
			curve.setAllowAnyClient(true);
		}));
		problems.addAll(problems(bound((a) -> {
			a.getCurve().setServerSecretKeyFile(this.dir.resolve("missing-secret").toString());
			a.getCurve().setServerPublicKeyFile(this.dir.resolve("missing-public").toString());
			a.getCurve().setAllowAnyClient(true);
		})));
		problems.addAll(problems(bound((a) -> {
			a.getCurve().setServerSecretKey(server.secretKey);
			a.getCurve().setServerPublicKey(server.publicKey);
			a.getCurve().setAllowAnyClient(true);
			a.getCurve().setClientSecretKey("tooshort");
			a.getCurve().setClientSecretKeyFile(this.dir.resolve("missing-client-secret").toString());
			a.getCurve().setClientPublicKey("tooshort");
			a.getCurve().setClientPublicKeyFile(this.dir.resolve("missing-client-public").toString());
			a.setReconnectInterval(new Duration(0));
			a.setReconnectIntervalMax(new Duration(-1));
			a.setHeartbeatInterval(new Duration(0));
			a.setHeartbeatTtl(new Duration(-1));
			a.setTcpKeepAliveIdle(new Duration(30_000));
			a.setTcpKeepAliveInterval(new Duration(5_000));
			a.setTcpKeepAliveCount(3);
		})));
		problems.addAll(problems(bound((a) -> a.setTcpKeepAlive(false)).andThen((a) -> a.setTcpKeepAliveCount(3))));
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			problems.addAll(problems((a) -> a.addBind("tcp://127.0.0.1:" + taken.getLocalPort())));
		}
		try (ZContext shared = new ZContext(1); ZAuth auth = new ZAuth(shared)) {
			problems.addAll(problems(bound((a) -> {
				a.setZContext(shared);
				a.getCurve().setServerSecretKey(server.secretKey);
				a.getCurve().setServerPublicKey(server.publicKey);
				a.getCurve().setAllowAnyClient(true);
			})));
		}
		assertThat(problems.stream().map(ConfigurationProblem::option)).as("problems provoked")
			.contains("bind", "connect", "levelNames", "threshold", "overflowPolicy", "queueSize", "sendHwm",
					"maxMessageSize", "maxQueuedBytes", "maxBlockTime", "sendTimeout", "linger", "heartbeatTimeout",
					"shutdownTimeout", "tracePattern", "debugPattern", "infoPattern", "warnPattern", "errorPattern",
					"curve.serverSecretKey", "curve.serverPublicKey", "curve.allowedClientKey",
					"curve.allowedClientKeysFile", "curve.allowAnyClient", "curve.serverSecretKeyFile",
					"curve.serverPublicKeyFile", "curve", "curve.clientSecretKey", "curve.clientSecretKeyFile",
					"curve.clientPublicKey", "curve.clientPublicKeyFile", "reconnectInterval", "reconnectIntervalMax",
					"heartbeatInterval", "heartbeatTtl", "tcpKeepAliveIdle", "tcpKeepAliveInterval",
					"tcpKeepAliveCount");
		Set<String> known = knownProperties();
		for (ConfigurationProblem problem : problems) {
			assertThat(ZmqLogStartupException.property(problem)).as(problem.toString()).isIn(known);
		}
	}

	private static Consumer<ZmqLogAppender> bound(Consumer<ZmqLogAppender> configuration) {
		return ((Consumer<ZmqLogAppender>) (a) -> a.addBind("tcp://127.0.0.1:*")).andThen(configuration);
	}

	private static List<ConfigurationProblem> problems(Consumer<ZmqLogAppender> configuration) {
		LoggerContext context = new LoggerContext();
		context.setMDCAdapter(new LogbackMDCAdapter());
		ZmqLogAppender appender = new ZmqLogAppender();
		appender.setContext(context);
		appender.setName("options");
		configuration.accept(appender);
		appender.start();
		try {
			assertThat(appender.isStarted()).as("a start that should fail").isFalse();
			return appender.getProblems();
		}
		finally {
			appender.stop();
			context.stop();
		}
	}

	/**
	 * What Joran can set: public one-argument setters and adders, and those of the nested
	 * components, with the component's name in front.
	 */
	private static Set<String> xmlOptions(Class<?> type, String prefix) {
		Set<String> names = new TreeSet<>();
		for (Method method : type.getDeclaredMethods()) {
			String name = method.getName();
			boolean setter = name.startsWith("set") || name.startsWith("add");
			if (!setter || name.length() < 4 || method.getParameterCount() != 1
					|| !Modifier.isPublic(method.getModifiers())) {
				continue;
			}
			String option = prefix + Character.toLowerCase(name.charAt(3)) + name.substring(4);
			names.add(option);
			Class<?> parameter = method.getParameterTypes()[0];
			if (parameter == CurveConfiguration.class || parameter == SubtopicConfiguration.class
					|| parameter == HistoryConfiguration.class) {
				names.addAll(xmlOptions(parameter, option + "."));
			}
		}
		return names;
	}

	/** Properties and groups, and the keys a map property accepts. */
	private static Set<String> knownProperties() throws IOException {
		JsonNode metadata = ZmqLogPropertiesMetadataTests.metadata();
		Set<String> known = new HashSet<>();
		metadata.get("groups").forEach((group) -> known.add(group.get("name").asString()));
		metadata.get("properties").forEach((property) -> known.add(property.get("name").asString()));
		metadata.get("hints").forEach((hint) -> {
			String name = hint.get("name").asString();
			if (name.endsWith(".keys")) {
				String map = name.substring(0, name.length() - ".keys".length());
				hint.path("values").forEach((value) -> known.add(map + "." + value.get("value").asString()));
			}
		});
		return known;
	}

	private static boolean isMap(JsonNode property) {
		return property.path("type").asString("").toLowerCase(Locale.ROOT).startsWith("java.util.map");
	}

}

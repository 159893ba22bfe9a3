package io.github.zmqlog.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.builder.api.AppenderComponentBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;
import org.jspecify.annotations.Nullable;

/**
 * Log4j2's {@code JeroMqAppender} with its defaults (a PUB socket, send high-water mark
 * 1000, sending on the logging thread inside a {@code synchronized append}), configured
 * programmatically in a Log4j2 {@code LoggerContext} of its own and called through the
 * Log4j API, so nothing of it meets Logback or SLF4J. It sends one frame, the body, and
 * no topic frame. The system property {@value #SND_HWM} sets its send high-water mark;
 * the lossless sweep also runs it as {@value #NAME_HWM}, with ours.
 */
final class Log4j2Target implements Target {

	static final String NAME = "log4j2";

	/** Log4j2 with the send high-water mark of ours, in the lossless sweep. */
	static final String NAME_HWM = "log4j2-hwm100k";

	static final int SAME_HWM_AS_OURS = 100_000;

	/** A system property that sets its send high-water mark instead of its default. */
	static final String SND_HWM = "zmqlog.bench.log4j2SndHwm";

	private final LoggerContext context;

	private final Logger logger;

	private final String endpoint;

	Log4j2Target(@Nullable String sendHwm) throws IOException {
		// Its manager resolves a '*' port but does not expose it: take a free port.
		int port;
		try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = probe.getLocalPort();
		}
		this.endpoint = "tcp://127.0.0.1:" + port;
		ConfigurationBuilder<BuiltConfiguration> builder = ConfigurationBuilderFactory.newConfigurationBuilder();
		builder.setConfigurationName("zmqlog-benchmark");
		builder.setStatusLevel(Level.WARN);
		AppenderComponentBuilder appender = builder.newAppender("jeromq", "JeroMQ")
			.add(builder.newLayout("PatternLayout").addAttribute("pattern", Workload.PATTERN))
			.addComponent(builder.newComponent("Property")
				.addAttribute("name", "endpoint")
				.addAttribute("value", this.endpoint));
		if (sendHwm != null) {
			appender.addAttribute("sndHwm", sendHwm);
		}
		builder.add(appender);
		builder.add(builder.newLogger(Workload.LOGGER, Level.INFO)
			.add(builder.newAppenderRef("jeromq"))
			.addAttribute("additivity", false));
		builder.add(builder.newRootLogger(Level.OFF));
		this.context = new LoggerContext("zmqlog-benchmark");
		this.context.start(builder.build());
		if (this.context.getConfiguration().getAppender("jeromq") == null) {
			throw new IllegalStateException("Log4j2's JeroMQ appender did not start");
		}
		this.logger = this.context.getLogger(Workload.LOGGER);
	}

	@Override
	public void log(long id, int ms) {
		this.logger.info(Workload.FORMAT, id, ms, Workload.CUSTOMER);
	}

	@Override
	public String endpoint() {
		return this.endpoint;
	}

	@Override
	public void close() {
		this.context.stop();
	}

}

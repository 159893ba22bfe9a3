package io.github.zmqlog.logback;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;

/**
 * A publishing application process for fault tests:
 * {@code PublishingApp ENDPOINT ROOT_TOPIC RUN INTERVAL_MILLIS}. Binds an appender to the
 * endpoint, prints {@code started ENDPOINT} (or {@code failed PROBLEMS} and exits 1),
 * then logs {@code tick::run RUN tick N} every interval until it is killed. On
 * {@code SIGTERM} its shutdown hook stops the Logback context, as Logback's own hook
 * would.
 */
public final class PublishingApp {

	private PublishingApp() {
	}

	public static void main(String[] args) throws InterruptedException {
		PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
		LoggerContext context = new LoggerContext();
		context.setName("child");
		context.setMDCAdapter(new LogbackMDCAdapter());
		ZmqLogAppender appender = new ZmqLogAppender();
		appender.setContext(context);
		appender.setName("zmq");
		appender.setRootTopic(args[1]);
		appender.addBind(args[0]);
		appender.start();
		if (!appender.isStarted()) {
			out.println("failed " + appender.getProblems());
			System.exit(1);
		}
		Logger logger = context.getLogger("app");
		logger.setLevel(Level.INFO);
		logger.addAppender(appender);
		Runtime.getRuntime().addShutdownHook(new Thread(context::stop));
		out.println("started " + appender.getStats().socket().boundEndpoints().get(0));
		long interval = Long.parseLong(args[3]);
		for (long tick = 1;; tick++) {
			logger.info("tick::run {} tick {}", args[2], tick);
			Thread.sleep(interval);
		}
	}

}

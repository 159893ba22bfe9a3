package io.github.zmqlog.benchmarks;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One contender behind the workload's log call, opened in the current JVM.
 */
interface Target extends AutoCloseable {

	/** Every contender, in the order the report lists them. */
	List<String> ALL = List.of(ZmqLogTarget.NAME, Log4j2Target.NAME, LogbackAsyncNullTarget.NAME, RawJeroMqTarget.NAME);

	/** The contenders that send over a socket. */
	List<String> TRANSPORTS = List.of(ZmqLogTarget.NAME, Log4j2Target.NAME, RawJeroMqTarget.NAME);

	/**
	 * The contenders of the lossless sweep: the transports, ours again configured not to
	 * lose ({@code BLOCK} and {@code noDrop}), and Log4j2 again with the send high-water
	 * mark ours has (its default of 1000 loses early). Those two both slow their callers
	 * rather than lose.
	 */
	List<String> SWEPT = List.of(ZmqLogTarget.NAME, ZmqLogTarget.NAME_BLOCK, Log4j2Target.NAME, Log4j2Target.NAME_HWM,
			RawJeroMqTarget.NAME);

	/**
	 * Returns how the report names a contender.
	 * @param name one of {@link #ALL} or {@link #SWEPT}
	 * @return its title
	 */
	static String title(String name) {
		return switch (name) {
			case ZmqLogTarget.NAME -> "zmqlog (ours)";
			case ZmqLogTarget.NAME_BLOCK -> "zmqlog (ours), BLOCK and noDrop";
			case Log4j2Target.NAME -> "Log4j2 2.25.5 JeroMqAppender";
			case Log4j2Target.NAME_HWM -> "Log4j2 2.25.5 JeroMqAppender, sndHwm " + Log4j2Target.SAME_HWM_AS_OURS;
			case LogbackAsyncNullTarget.NAME -> "Logback AsyncAppender → null";
			case RawJeroMqTarget.NAME -> "raw JeroMQ PUB";
			default -> name;
		};
	}

	/**
	 * Opens a contender.
	 * @param name one of {@link #ALL}
	 * @param stampIds for delay measurements: whether the raw JeroMQ contender builds
	 * each body around its id instead of sending a pre-built one, and ours records the
	 * hand-off to its publisher thread
	 * @return the started contender
	 * @throws Exception if it cannot start
	 */
	static Target open(String name, boolean stampIds) throws Exception {
		return switch (name) {
			case ZmqLogTarget.NAME -> new ZmqLogTarget(stampIds, false);
			case ZmqLogTarget.NAME_BLOCK -> new ZmqLogTarget(stampIds, true);
			case Log4j2Target.NAME -> new Log4j2Target(System.getProperty(Log4j2Target.SND_HWM));
			case Log4j2Target.NAME_HWM -> new Log4j2Target(String.valueOf(Log4j2Target.SAME_HWM_AS_OURS));
			case LogbackAsyncNullTarget.NAME -> new LogbackAsyncNullTarget();
			case RawJeroMqTarget.NAME -> new RawJeroMqTarget(stampIds);
			default -> throw new IllegalArgumentException("unknown contender " + name + ", use one of " + ALL);
		};
	}

	/**
	 * The measured call: the workload's {@code log.info(...)}.
	 * @param id the order id (a send timestamp for delay measurements)
	 * @param ms the duration argument
	 */
	void log(long id, int ms);

	/**
	 * Returns the endpoint a subscriber connects to.
	 * @return the endpoint, or {@code null} for a contender without transport
	 */
	@Nullable String endpoint();

	/**
	 * Waits until the contender has handed everything logged so far to its socket.
	 * @param timeoutMillis how long to wait at most
	 */
	default void awaitHandedOver(long timeoutMillis) {
	}

	/**
	 * Returns the contender's own counters (ours: enqueued, sent, dropped); empty when it
	 * keeps none.
	 * @return the counters by name
	 */
	default Map<String, Long> counters() {
		return Map.of();
	}

	/**
	 * Returns the name prefix of the thread that publishes, for idle CPU.
	 * @return the prefix, or {@code null} when the logging thread sends
	 */
	default @Nullable String publisherThreadPrefix() {
		return null;
	}

	@Override
	void close();

}

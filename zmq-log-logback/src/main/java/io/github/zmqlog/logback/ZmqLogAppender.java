package io.github.zmqlog.logback;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.FilterReply;
import ch.qos.logback.core.util.Duration;
import ch.qos.logback.core.util.FileSize;
import org.jspecify.annotations.Nullable;
import org.zeromq.ZContext;

import io.github.zmqlog.logback.curve.CurveSecurity;
import io.github.zmqlog.logback.format.BodyFormat;
import io.github.zmqlog.logback.format.PublishableEvent;
import io.github.zmqlog.logback.format.SubtopicSources;
import io.github.zmqlog.logback.format.TopicRule;
import io.github.zmqlog.logback.status.StatusThrottle;
import io.github.zmqlog.logback.transport.DeliveryCounters;
import io.github.zmqlog.logback.transport.SocketTuning;
import io.github.zmqlog.logback.transport.ZmqLogPublisher;

/**
 * A Logback appender that publishes every event over a ZeroMQ PUB socket as PyZMQ's
 * {@code PUBHandler} does: two frames, {@code [topic, body]}, the topic being
 * {@code rootTopic.LEVEL[.subtopic]}, so that any SUB socket can subscribe by prefix.
 *
 * <p>
 * Configured by setters alone, from {@code logback.xml} or code, with the CURVE and
 * subtopic options grouped in {@link CurveConfiguration} ({@code <curve>}) and
 * {@link SubtopicConfiguration} ({@code <subtopic>}); options take effect at the next
 * {@link #start()}, which checks them all and reports every problem. The logging thread
 * only freezes the event and offers it to a bounded queue; one publisher thread owns the
 * socket and does the formatting and sending. What cannot be published is counted by
 * {@link DropReason} and visible in {@link #getStats()}. Trouble is reported through
 * Logback's status, never by logging and never by throwing.
 *
 * <p>
 * Thread-safety: {@code start()} and {@code stop()} are serialised on a lock;
 * {@code append} runs on any thread without locks. The state {@code append} reads is
 * written before the volatile {@code running} flag is set. {@link #setRootTopic} takes a
 * lock of its own, held only to swap the topic rule, so that it never waits for a
 * {@code start()} or {@code stop()} that waits for the publisher thread.
 */
public class ZmqLogAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

	/** Default root topic: none, as in PyZMQ. */
	public static final String DEFAULT_ROOT_TOPIC = "";

	/** Default level names. */
	public static final LevelNames DEFAULT_LEVEL_NAMES = LevelNames.LOGBACK;

	/** Default subtopic delimiter, PyZMQ's {@code TOPIC_DELIM}. */
	public static final String DEFAULT_SUBTOPIC_DELIMITER = "::";

	/** Default body pattern of INFO events, PyZMQ's {@code %(message)s\n}. */
	public static final String DEFAULT_INFO_PATTERN = "%msg%n";

	/**
	 * Default body pattern of TRACE, DEBUG, WARN and ERROR events, PyZMQ's
	 * {@code %(levelname)s %(filename)s:%(lineno)d - %(message)s\n}. A stack trace
	 * follows when the event has one.
	 */
	public static final String DEFAULT_PATTERN = "%level %file:%line - %msg%n";

	/** Default capacity of the queue between logging threads and the publisher thread. */
	public static final int DEFAULT_QUEUE_SIZE = 8192;

	/**
	 * Largest allowed {@code queueSize}: the queue's slots are allocated when the
	 * appender starts, and a bigger queue only hides a publisher that cannot keep up.
	 */
	public static final int MAX_QUEUE_SIZE = 1 << 24;

	/** Default overflow policy. */
	public static final OverflowPolicy DEFAULT_OVERFLOW_POLICY = OverflowPolicy.DROP;

	/**
	 * Default longest wait for room in the queue under {@link OverflowPolicy#BLOCK}, in
	 * milliseconds.
	 */
	public static final long DEFAULT_MAX_BLOCK_TIME_MILLIS = 100;

	/**
	 * Default send high-water mark, in messages per subscriber. ZeroMQ's 1000 loses
	 * events in bursts a subscriber reads fast enough on average.
	 */
	public static final int DEFAULT_SEND_HWM = 100_000;

	/**
	 * Default longest wait, with {@code noDrop}, for a subscriber that is {@code sendHwm}
	 * messages behind, in milliseconds.
	 */
	public static final long DEFAULT_SEND_TIMEOUT_MILLIS = 1_000;

	/**
	 * Default linger: how long closing waits for queued messages to leave, in
	 * milliseconds.
	 */
	public static final long DEFAULT_LINGER_MILLIS = 1_000;

	/**
	 * Default heartbeat timeout: how long a subscriber may send nothing back, not even a
	 * heartbeat answer, before the socket drops its connection and what it holds for it,
	 * in milliseconds. A subscriber that stops reading stops answering too (the
	 * heartbeats wait behind the data), so this is also how long a stalled subscriber may
	 * pause.
	 */
	public static final long DEFAULT_HEARTBEAT_TIMEOUT_MILLIS = 30_000;

	/**
	 * Default wait before a lost connection to a {@code connect} endpoint is tried again,
	 * in milliseconds: JeroMQ's.
	 */
	public static final long DEFAULT_RECONNECT_INTERVAL_MILLIS = SocketTuning.DEFAULT_RECONNECT_INTERVAL_MILLIS;

	/**
	 * Default longest wait between reconnect attempts, in milliseconds: 0, no backoff
	 * (every wait is the reconnect interval), as JeroMQ by default.
	 */
	public static final long DEFAULT_RECONNECT_INTERVAL_MAX_MILLIS = SocketTuning.DEFAULT_RECONNECT_INTERVAL_MAX_MILLIS;

	/** Default interval between heartbeats to each peer, in milliseconds. */
	public static final long DEFAULT_HEARTBEAT_INTERVAL_MILLIS = SocketTuning.DEFAULT_HEARTBEAT_INTERVAL_MILLIS;

	/** Default longest time {@code stop()} takes, in milliseconds. */
	public static final long DEFAULT_SHUTDOWN_TIMEOUT_MILLIS = 5_000;

	/**
	 * Default largest body ({@code maxMessageSize}), in bytes; a longer body is truncated
	 * with a marker.
	 */
	public static final int DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024;

	/**
	 * Smallest allowed {@code maxMessageSize}, in bytes: room for the truncation marker.
	 */
	public static final int MIN_MAX_MESSAGE_BYTES = 64;

	/**
	 * Default {@code maxQueuedBytes}: what large events (long messages, throwables) in
	 * the queue may hold together, in bytes.
	 */
	public static final long DEFAULT_MAX_QUEUED_BYTES = 32L * 1024 * 1024;

	/** Smallest allowed {@code maxQueuedBytes}, in bytes. */
	public static final long MIN_MAX_QUEUED_BYTES = 64L * 1024;

	/**
	 * Default start-up hold, in milliseconds: none, the first events go out at once as a
	 * PUB socket sends them (Spring Boot's auto-configuration holds them for 2 s).
	 */
	public static final long DEFAULT_STARTUP_HOLD_MILLIS = 0;

	/** Default most events the start-up hold keeps. */
	public static final int DEFAULT_STARTUP_HOLD_MAX_EVENTS = 2048;

	/** Default most bytes the start-up hold keeps, weighed as the queue weighs them. */
	public static final long DEFAULT_STARTUP_HOLD_MAX_BYTES = 4L * 1024 * 1024;

	private static final long OPEN_TIMEOUT_MILLIS = 10_000;

	private final Object lifecycleLock = new Object();

	/**
	 * Guards {@link #rootTopic}, {@link #topicRule} and the rule the publisher uses, and
	 * the changes of {@link #loggerThresholds}.
	 */
	private final Object topicLock = new Object();

	private final DeliveryCounters counters = new DeliveryCounters();

	private final ZmqLogCounters counterView = new ZmqLogCounters(this.counters, () -> this.publisher);

	private final StatusThrottle freezeFailedStatus = new StatusThrottle();

	private final List<String> bind = new ArrayList<>();

	private final List<String> connect = new ArrayList<>();

	private volatile String rootTopic = DEFAULT_ROOT_TOPIC;

	private ParsedOption<LevelNames> levelNames = ParsedOption.of(DEFAULT_LEVEL_NAMES);

	private SubtopicConfiguration subtopic = new SubtopicConfiguration();

	private final String[] patterns = new String[LevelNames.COUNT];

	private @Nullable Layout<ILoggingEvent> layout;

	private @Nullable Encoder<ILoggingEvent> encoder;

	private SubtopicSources subtopicSources = SubtopicSources.NONE;

	private boolean includeCallerData;

	private volatile ParsedOption<Level> threshold = ParsedOption.of(Level.TRACE);

	private volatile int thresholdInt = Level.TRACE_INT;

	/** {@code null} until one is added, so that without any an event pays one read. */
	private volatile @Nullable LoggerThresholds loggerThresholds;

	private volatile boolean paused;

	private int queueSize = DEFAULT_QUEUE_SIZE;

	private ParsedOption<OverflowPolicy> overflowPolicy = ParsedOption.of(DEFAULT_OVERFLOW_POLICY);

	private Duration maxBlockTime = new Duration(DEFAULT_MAX_BLOCK_TIME_MILLIS);

	private int sendHwm = DEFAULT_SEND_HWM;

	private boolean noDrop;

	private Duration sendTimeout = new Duration(DEFAULT_SEND_TIMEOUT_MILLIS);

	private Duration linger = new Duration(DEFAULT_LINGER_MILLIS);

	private Duration heartbeatTimeout = new Duration(DEFAULT_HEARTBEAT_TIMEOUT_MILLIS);

	private Duration heartbeatInterval = new Duration(DEFAULT_HEARTBEAT_INTERVAL_MILLIS);

	private Duration heartbeatTtl = new Duration(0);

	private Duration reconnectInterval = new Duration(DEFAULT_RECONNECT_INTERVAL_MILLIS);

	private Duration reconnectIntervalMax = new Duration(DEFAULT_RECONNECT_INTERVAL_MAX_MILLIS);

	private @Nullable Boolean tcpKeepAlive;

	private @Nullable Duration tcpKeepAliveIdle;

	private @Nullable Duration tcpKeepAliveInterval;

	private @Nullable Integer tcpKeepAliveCount;

	private Duration shutdownTimeout = new Duration(DEFAULT_SHUTDOWN_TIMEOUT_MILLIS);

	private @Nullable FileSize maxMessageSize = new FileSize(DEFAULT_MAX_MESSAGE_BYTES);

	private @Nullable FileSize maxQueuedBytes = new FileSize(DEFAULT_MAX_QUEUED_BYTES);

	private Duration startupHold = new Duration(DEFAULT_STARTUP_HOLD_MILLIS);

	private int startupHoldMaxEvents = DEFAULT_STARTUP_HOLD_MAX_EVENTS;

	private @Nullable FileSize startupHoldMaxBytes = new FileSize(DEFAULT_STARTUP_HOLD_MAX_BYTES);

	/** The longest message kept on the logging thread, in characters. */
	private int maxMessageChars = DEFAULT_MAX_MESSAGE_BYTES;

	private @Nullable ZContext zContext;

	private CurveConfiguration curve = new CurveConfiguration();

	private HistoryConfiguration history = new HistoryConfiguration();

	private volatile @Nullable CurveSecurity curveSecurity;

	private volatile @Nullable TopicRule topicRule;

	private @Nullable BodyFormat layouts;

	private volatile @Nullable ZmqLogPublisher publisher;

	private volatile List<ConfigurationProblem> problems = List.of();

	/**
	 * Whether the appender is started, as {@link #isStarted()} reports. Logback's own
	 * {@code started} flag stays set after {@link #stop()}, so that an event that passed
	 * this check just before a stop still reaches {@link #append} and is sent or counted
	 * there, instead of being turned away uncounted by the base class.
	 */
	private volatile boolean running;

	private final StatusThrottle stoppedStatus = new StatusThrottle();

	private final StatusThrottle filterFailedStatus = new StatusThrottle();

	/**
	 * Creates an appender with the defaults; set at least one endpoint before starting
	 * it.
	 */
	public ZmqLogAppender() {
		this.patterns[LevelNames.ordinal(Level.INFO)] = DEFAULT_INFO_PATTERN;
	}

	@Override
	public void start() {
		synchronized (this.lifecycleLock) {
			if (isStarted()) {
				return;
			}
			AppenderSettings.Validated validated = AppenderSettings.validate(this);
			AppenderSettings settings = validated.settings();
			if (settings == null) {
				fail(validated.problems());
				return;
			}
			this.curveSecurity = settings.publisher().curve();
			ZmqLogPublisher newPublisher = new ZmqLogPublisher(settings.publisher(), this, settings.topicRule(),
					settings.layouts(), this.counters);
			newPublisher.holdFirstEvents(settings.startupHold());
			if (!newPublisher.open(OPEN_TIMEOUT_MILLIS)) {
				// A thread that did not open in time may still be running.
				newPublisher.whenEnded(settings.layouts()::stop);
				fail(List.of(newPublisher.failure().withPrefix("Appender [" + this.name + "] ")));
				return;
			}
			synchronized (this.topicLock) {
				// The root topic may have changed since it was validated.
				TopicRule rule = settings.topicRule().withRootTopic(this.rootTopic);
				newPublisher.setTopicRule(rule);
				this.topicRule = rule;
				this.publisher = newPublisher;
			}
			this.layouts = settings.layouts();
			this.maxMessageChars = settings.publisher().maxMessageBytes();
			this.subtopicSources = settings.subtopicSources();
			this.problems = List.of();
			super.start();
			this.running = true;
			String exposure = settings.plainTextExposure(this.name);
			if (exposure != null) {
				addWarn(exposure);
			}
		}
	}

	private void fail(List<ConfigurationProblem> found) {
		this.problems = List.copyOf(found);
		found.forEach((problem) -> addError(problem.message()));
	}

	@Override
	public void stop() {
		synchronized (this.lifecycleLock) {
			if (!isStarted()) {
				return;
			}
			// Not super.stop(): see 'running'.
			this.running = false;
			long droppedBefore = this.counters.droppedTotal();
			ZmqLogPublisher stopping = this.publisher;
			BodyFormat formats = this.layouts;
			boolean finished = stopping.stop(this.shutdownTimeout.getMilliseconds());
			if (!finished) {
				addWarn("Appender [" + this.name + "] did not close within " + this.shutdownTimeout + " ("
						+ stopping.queueDepth() + " events still queued are dropped and counted as SHUTDOWN, and"
						+ " reported when its publisher thread ends; messages the socket still holds for slow"
						+ " subscribers leave within the linger, or are lost)");
			}
			// Only once the thread has ended: it may still be formatting, and its drops
			// are counted by then.
			stopping.whenEnded(() -> publisherEnded(formats, droppedBefore, finished));
		}
	}

	private void publisherEnded(BodyFormat formats, long droppedBefore, boolean inTime) {
		formats.stop();
		long undelivered = this.counters.droppedTotal() - droppedBefore;
		if (undelivered > 0) {
			addWarn("Appender [" + this.name + "] could not send " + undelivered + " events while stopping"
					+ (inTime ? "" : " (the publisher thread ended after stop() gave up)"));
		}
	}

	/**
	 * Waits, after {@link #stop()}, until the publisher thread has closed its sockets: a
	 * stop that gave up at {@code shutdownTimeout} leaves the thread to drop what is left
	 * and close them on its own. Whoever closes a {@link #setZContext shared context}
	 * should do so only once this returns {@code true}, since closing a context closes
	 * its sockets from the closing thread.
	 * @param timeoutMillis how long to wait
	 * @return whether no publisher thread of this appender is running
	 */
	public boolean awaitPublisherEnd(long timeoutMillis) {
		ZmqLogPublisher current = this.publisher;
		return current == null || current.awaitEnd(timeoutMillis);
	}

	/**
	 * Counts an event that arrives while the appender is not started, then lets Logback
	 * report it.
	 */
	@Override
	public void doAppend(ILoggingEvent event) {
		if (this.running) {
			super.doAppend(event);
			return;
		}
		if (event.getLevel().toInt() >= thresholdOf(event) && !deniedByFilters(event)) {
			this.counters.drop(DropReason.NOT_STARTED, event.getLevel());
		}
		if (!this.started) {
			super.doAppend(event); // never started: Logback reports it
		}
		else if (this.stoppedStatus.allow()) {
			addWarn("Appender [" + this.name + "] is stopped: events are counted as dropped (NOT_STARTED)");
		}
	}

	/**
	 * Asks the filters about an event that arrives while the appender is not started,
	 * outside Logback's own guard: a filter that throws counts as one that lets the event
	 * through, and nothing reaches the caller.
	 * @param event the event
	 * @return whether a filter denied it
	 */
	private boolean deniedByFilters(ILoggingEvent event) {
		try {
			return getFilterChainDecision(event) == FilterReply.DENY;
		}
		catch (RuntimeException ex) {
			if (this.filterFailedStatus.allow()) {
				addWarn("A filter threw while the appender is not started (the event is counted)", ex);
			}
			return false;
		}
	}

	@Override
	public boolean isStarted() {
		return this.running;
	}

	/**
	 * Returns the lowest level published for an event's logger.
	 * @param event the event
	 * @return the level's {@code toInt()}
	 */
	private int thresholdOf(ILoggingEvent event) {
		LoggerThresholds perLogger = this.loggerThresholds;
		return (perLogger != null) ? perLogger.threshold(event.getLoggerName(), this.thresholdInt) : this.thresholdInt;
	}

	@Override
	protected void append(ILoggingEvent event) {
		if (event.getLevel().toInt() < thresholdOf(event)) {
			return;
		}
		if (this.paused) {
			this.counters.drop(DropReason.PAUSED, event.getLevel());
			return;
		}
		ZmqLogPublisher current = this.publisher;
		if (current.isPublisherThread()) {
			this.counters.drop(DropReason.RECURSIVE, event.getLevel());
			return;
		}
		if (current.dropIfFull(event.getLevel())) {
			return;
		}
		PublishableEvent frozen;
		try {
			frozen = PublishableEvent.freeze(event, this.topicRule, this.layouts, this.subtopicSources,
					this.maxMessageChars);
		}
		catch (RuntimeException ex) {
			// Logback would report the exception but lose the event uncounted.
			this.counters.drop(DropReason.SEND_FAILED, event.getLevel());
			if (this.freezeFailedStatus.allow()) {
				addWarn("Dropped an event that could not be prepared for publishing (each drop is counted)", ex);
			}
			return;
		}
		current.submit(frozen);
	}

	private long maxQueuedBytesOrZero() {
		FileSize size = this.maxQueuedBytes;
		return (size != null) ? size.getSize() : 0;
	}

	/**
	 * Returns a snapshot of what this appender has sent and dropped, and of its socket.
	 * @return the stats, never {@code null}
	 */
	public ZmqLogStats getStats() {
		ZmqLogPublisher current = this.publisher;
		boolean alive = current != null && current.isAlive();
		ZmqLogStats.Queue queue = new ZmqLogStats.Queue((current != null) ? current.queueDepth() : 0,
				(current != null) ? current.queueCapacity() : this.queueSize,
				(current != null) ? current.queuedBytes() : 0, maxQueuedBytesOrZero());
		ZmqLogStats.Socket socket = new ZmqLogStats.Socket((current != null) ? current.boundEndpoints() : List.of(),
				(current != null) ? current.connectedEndpoints() : List.of(), alive ? current.subscribers() : 0,
				alive ? current.subscriptions() : Map.of(), alive ? current.untrackedSubscriptions() : 0);
		ZmqLogStats.Publisher publisherStats = new ZmqLogStats.Publisher(alive,
				(current != null) ? current.threadState().name() : "NEW", currentFailure(current));
		return new ZmqLogStats(isStarted(), this.counterView.snapshot(), queue, socket, publisherStats, curveStats());
	}

	/**
	 * Returns a live view of this appender's counts, cheaper to read than
	 * {@link #getStats()}.
	 * @return the view, the same for the appender's lifetime
	 */
	public ZmqLogCounters getCounters() {
		return this.counterView;
	}

	private ZmqLogStats.Curve curveStats() {
		CurveSecurity current = this.curveSecurity;
		boolean running = current != null;
		return new ZmqLogStats.Curve(this.curve.isConfigured(), running ? current.allowedClientKeyCount() : 0,
				this.curve.isAllowAnyClient(), running ? current.admittedClients() : 0,
				running ? current.refusedClients() : 0, running ? current.zapHandlerFailure() : null,
				running ? current.client() : getBind().isEmpty() && !getConnect().isEmpty());
	}

	private @Nullable String currentFailure(@Nullable ZmqLogPublisher current) {
		List<ConfigurationProblem> startProblems = this.problems;
		if (!startProblems.isEmpty()) {
			return String.join("; ", startProblems.stream().map(ConfigurationProblem::message).toList());
		}
		ConfigurationProblem publisherFailure = (current != null) ? current.failure() : null;
		return (publisherFailure != null) ? publisherFailure.message() : null;
	}

	/**
	 * Returns why the last {@link #start()} failed.
	 * @return the problems, one per option at fault; empty when the appender started or
	 * was never started
	 */
	public List<ConfigurationProblem> getProblems() {
		return this.problems;
	}

	/**
	 * Adds endpoints to bind, e.g. {@code tcp://127.0.0.1:5556} or
	 * {@code tcp://127.0.0.1:*} (any free port). In XML, repeat {@code <bind>}; a
	 * comma-separated list also works.
	 * @param endpoints one endpoint or a comma-separated list
	 */
	public void addBind(@Nullable String endpoints) {
		addEndpoints(this.bind, endpoints);
	}

	/**
	 * Adds endpoints to connect to, e.g. a forwarder's
	 * {@code tcp://logs.example.com:5559}. In XML, repeat {@code <connect>}; a
	 * comma-separated list also works.
	 * @param endpoints one endpoint or a comma-separated list
	 */
	public void addConnect(@Nullable String endpoints) {
		addEndpoints(this.connect, endpoints);
	}

	private static void addEndpoints(List<String> target, @Nullable String endpoints) {
		if (endpoints == null) {
			return;
		}
		for (String endpoint : endpoints.split(",")) {
			target.add(endpoint.trim());
		}
	}

	/**
	 * Returns the endpoints to bind, as configured.
	 * @return the endpoints
	 */
	public List<String> getBind() {
		return List.copyOf(this.bind);
	}

	/**
	 * Returns the endpoints to connect to.
	 * @return the endpoints
	 */
	public List<String> getConnect() {
		return List.copyOf(this.connect);
	}

	public String getRootTopic() {
		return this.rootTopic;
	}

	/**
	 * Sets the first part of every topic, e.g. the application's name. Empty for none.
	 * Unlike other options, a change takes effect at once when the appender is started.
	 * @param rootTopic the root topic
	 */
	public void setRootTopic(@Nullable String rootTopic) {
		synchronized (this.topicLock) {
			this.rootTopic = (rootTopic != null) ? rootTopic : "";
			TopicRule current = this.topicRule;
			ZmqLogPublisher latest = this.publisher;
			// A stopped publisher takes the rule too: harmless, and the next start()
			// reads the root topic again.
			if (current != null && latest != null) {
				TopicRule changed = current.withRootTopic(this.rootTopic);
				this.topicRule = changed;
				latest.setTopicRule(changed);
			}
		}
	}

	/**
	 * Returns the lowest level published.
	 * @return the level's name, such as {@code WARN}; the text as set when it names no
	 * level
	 */
	public String getThreshold() {
		return this.threshold.name();
	}

	/**
	 * Sets the lowest level published: TRACE (default, everything the loggers pass),
	 * DEBUG, INFO, WARN, ERROR (FATAL, which Logback has not, means ERROR) or OFF. Takes
	 * effect at once. Events below it are not published and not counted.
	 * @param threshold the level, case-insensitive
	 */
	public void setThreshold(String threshold) {
		ParsedOption<Level> parsed = ParsedOption.parse(threshold, AppenderSettings::threshold);
		this.threshold = parsed;
		Level level = parsed.value();
		if (level != null) {
			this.thresholdInt = level.toInt();
		}
	}

	ParsedOption<Level> thresholdOption() {
		return this.threshold;
	}

	/**
	 * Returns the publication thresholds of loggers.
	 * @return the upper-case level text by logger name, in the order set; empty when
	 * every logger has {@link #getThreshold() threshold}
	 */
	public Map<String, String> getLoggerThresholds() {
		LoggerThresholds current = this.loggerThresholds;
		return (current != null) ? current.entries() : Map.of();
	}

	/**
	 * Sets the lowest level published for a logger and the loggers below it, in place of
	 * {@link #setThreshold threshold}, as {@code logging.level.*} sets logger levels:
	 * {@code com.example.db=WARN} applies to {@code com.example.db.Pool}, and the longest
	 * matching entry wins, so that {@code threshold} {@code OFF} with
	 * {@code com.example=INFO} publishes that logger's events alone. Events below it are
	 * not published and not counted. In XML, repeat {@code <loggerThreshold>}; a
	 * comma-separated list also works; a later entry for the same logger replaces the
	 * earlier. Takes effect at once; an entry that names no level fails the next start.
	 * @param entries {@code logger=LEVEL}, or a comma-separated list of them; levels as
	 * {@link #setThreshold} takes them
	 */
	public void addLoggerThreshold(@Nullable String entries) {
		if (entries != null) {
			synchronized (this.topicLock) {
				this.loggerThresholds = LoggerThresholds.with(this.loggerThresholds, entries);
			}
		}
	}

	@Nullable LoggerThresholds loggerThresholdsOption() {
		return this.loggerThresholds;
	}

	public boolean isPaused() {
		return this.paused;
	}

	/**
	 * Pauses or resumes publishing, at once. While paused, events are counted as dropped
	 * ({@link DropReason#PAUSED}) and not queued.
	 * @param paused whether to pause
	 */
	public void setPaused(boolean paused) {
		this.paused = paused;
	}

	/**
	 * Returns the level names of topics and {@code %level}.
	 * @return {@code LOGBACK} or {@code PYTHON}; the text as set when it names neither
	 */
	public String getLevelNames() {
		return this.levelNames.name();
	}

	/**
	 * Sets the level names of topics and {@code %level}: {@code LOGBACK} (default) or
	 * {@code PYTHON}.
	 * @param levelNames the naming, case-insensitive
	 */
	public void setLevelNames(String levelNames) {
		this.levelNames = ParsedOption.parse(LevelNames.class, levelNames);
	}

	ParsedOption<LevelNames> levelNamesOption() {
		return this.levelNames;
	}

	public SubtopicConfiguration getSubtopic() {
		return this.subtopic;
	}

	/**
	 * Sets where subtopics come from: the message's text before the delimiter, the logger
	 * name, a marker, an MDC value. In XML, the {@code <subtopic>} element.
	 * @param subtopic the subtopic options
	 */
	public void setSubtopic(SubtopicConfiguration subtopic) {
		this.subtopic = subtopic;
	}

	/**
	 * Sets the body pattern of every level that has no pattern of its own.
	 * @param pattern a Logback pattern, e.g. {@code %d %level %logger - %msg%n}
	 */
	public void setPattern(String pattern) {
		Arrays.fill(this.patterns, pattern);
	}

	public void setTracePattern(String pattern) {
		this.patterns[LevelNames.ordinal(Level.TRACE)] = pattern;
	}

	public void setDebugPattern(String pattern) {
		this.patterns[LevelNames.ordinal(Level.DEBUG)] = pattern;
	}

	public void setInfoPattern(String pattern) {
		this.patterns[LevelNames.ordinal(Level.INFO)] = pattern;
	}

	public void setWarnPattern(String pattern) {
		this.patterns[LevelNames.ordinal(Level.WARN)] = pattern;
	}

	public void setErrorPattern(String pattern) {
		this.patterns[LevelNames.ordinal(Level.ERROR)] = pattern;
	}

	/**
	 * Returns the body pattern of a level.
	 * @param level the level
	 * @return the pattern in effect at the next start
	 */
	public String getPattern(Level level) {
		String pattern = this.patterns[LevelNames.ordinal(level)];
		return (pattern != null) ? pattern : DEFAULT_PATTERN;
	}

	public @Nullable Layout<ILoggingEvent> getLayout() {
		return this.layout;
	}

	/**
	 * Sets one layout for the bodies of all levels, instead of the patterns. The layout
	 * must be started by its owner (Logback's XML configuration does that).
	 * @param layout the layout
	 */
	public void setLayout(@Nullable Layout<ILoggingEvent> layout) {
		this.layout = layout;
	}

	public @Nullable Encoder<ILoggingEvent> getEncoder() {
		return this.encoder;
	}

	/**
	 * Sets an encoder for the bodies of all levels, instead of the patterns or layout:
	 * Spring Boot's {@code StructuredLogEncoder}, Logback's {@code JsonEncoder},
	 * logstash-logback-encoder... Its bytes are the body. It must be started by its owner
	 * (Logback's XML configuration does that).
	 * @param encoder the encoder
	 */
	public void setEncoder(@Nullable Encoder<ILoggingEvent> encoder) {
		this.encoder = encoder;
	}

	public boolean isIncludeCallerData() {
		return this.includeCallerData;
	}

	/**
	 * Sets whether to capture caller data (class, method, file, line) even when no
	 * pattern is seen to print it: needed for a custom {@link #setLayout layout} or
	 * converter that does.
	 * @param includeCallerData whether to capture caller data for every event
	 */
	public void setIncludeCallerData(boolean includeCallerData) {
		this.includeCallerData = includeCallerData;
	}

	public int getQueueSize() {
		return this.queueSize;
	}

	public void setQueueSize(int queueSize) {
		this.queueSize = queueSize;
	}

	/**
	 * Returns what happens when the queue is full.
	 * @return {@code DROP} or {@code BLOCK}; the text as set when it names neither
	 */
	public String getOverflowPolicy() {
		return this.overflowPolicy.name();
	}

	/**
	 * Sets what happens when the queue is full: {@code DROP} (default) or {@code BLOCK}.
	 * @param overflowPolicy the policy, case-insensitive
	 */
	public void setOverflowPolicy(String overflowPolicy) {
		this.overflowPolicy = ParsedOption.parse(OverflowPolicy.class, overflowPolicy);
	}

	ParsedOption<OverflowPolicy> overflowPolicyOption() {
		return this.overflowPolicy;
	}

	public Duration getMaxBlockTime() {
		return this.maxBlockTime;
	}

	public void setMaxBlockTime(Duration maxBlockTime) {
		this.maxBlockTime = maxBlockTime;
	}

	public int getSendHwm() {
		return this.sendHwm;
	}

	public void setSendHwm(int sendHwm) {
		this.sendHwm = sendHwm;
	}

	public boolean isNoDrop() {
		return this.noDrop;
	}

	/**
	 * Sets whether the socket may drop messages for a slow subscriber (ZeroMQ's
	 * {@code ZMQ_XPUB_NODROP}). Off (default), a subscriber {@code sendHwm} messages
	 * behind misses messages silently: the socket accepts them and {@code sent} counts
	 * them. On, the publisher waits up to {@code sendTimeout} for it instead, then drops
	 * the event for every subscriber and counts it ({@link DropReason#SUBSCRIBER_FULL});
	 * until a message goes through again, later events are dropped without waiting. Every
	 * loss is then counted, at the price that one slow subscriber holds up delivery to
	 * all.
	 * @param noDrop whether to wait for, and count, what a slow subscriber cannot take
	 */
	public void setNoDrop(boolean noDrop) {
		this.noDrop = noDrop;
	}

	public Duration getSendTimeout() {
		return this.sendTimeout;
	}

	/**
	 * Sets how long, with {@link #setNoDrop noDrop}, the publisher waits for a subscriber
	 * that is {@code sendHwm} messages behind before it drops an event.
	 * @param sendTimeout the longest wait
	 */
	public void setSendTimeout(Duration sendTimeout) {
		this.sendTimeout = sendTimeout;
	}

	public Duration getLinger() {
		return this.linger;
	}

	public void setLinger(Duration linger) {
		this.linger = linger;
	}

	public Duration getHeartbeatTimeout() {
		return this.heartbeatTimeout;
	}

	/**
	 * Sets how long a subscriber may send nothing back before the socket drops it: a
	 * frozen host is found after this long, and a subscriber that stops reading keeps its
	 * connection, and what the socket holds for it, for this long. It must be longer than
	 * the {@link #setHeartbeatInterval heartbeat interval}.
	 * @param heartbeatTimeout the timeout
	 */
	public void setHeartbeatTimeout(Duration heartbeatTimeout) {
		this.heartbeatTimeout = heartbeatTimeout;
	}

	public Duration getHeartbeatInterval() {
		return this.heartbeatInterval;
	}

	/**
	 * Sets how often the socket sends a ZeroMQ heartbeat to each peer; 1 second by
	 * default. It must be more than 0 and shorter than the heartbeat timeout.
	 * @param heartbeatInterval the interval
	 */
	public void setHeartbeatInterval(Duration heartbeatInterval) {
		this.heartbeatInterval = heartbeatInterval;
	}

	public Duration getHeartbeatTtl() {
		return this.heartbeatTtl;
	}

	/**
	 * Sets the time to live the heartbeats carry: how long the peer may hear nothing from
	 * this socket before it drops the connection (a forwarder then finds a frozen
	 * instance). 0, the default, leaves it to the peer's own heartbeat timeout; otherwise
	 * longer than the heartbeat interval, at most 655 seconds, in tenths of a second.
	 * @param heartbeatTtl the time to live
	 */
	public void setHeartbeatTtl(Duration heartbeatTtl) {
		this.heartbeatTtl = heartbeatTtl;
	}

	public Duration getReconnectInterval() {
		return this.reconnectInterval;
	}

	/**
	 * Sets how long the socket waits before trying a lost or refused {@code connect}
	 * endpoint again; each wait also gets a random jitter of up to this much. 100 ms by
	 * default (JeroMQ's); more than 0.
	 * @param reconnectInterval the interval
	 */
	public void setReconnectInterval(Duration reconnectInterval) {
		this.reconnectInterval = reconnectInterval;
	}

	public Duration getReconnectIntervalMax() {
		return this.reconnectIntervalMax;
	}

	/**
	 * Sets the longest wait between reconnect attempts: the wait doubles from the
	 * reconnect interval up to this after each failed attempt, so a server that is down
	 * for long is not tried ten times a second. 0, the default, keeps every wait at the
	 * reconnect interval. A server back up is reached within this plus the reconnect
	 * interval.
	 * @param reconnectIntervalMax the longest wait, or 0 for no backoff
	 */
	public void setReconnectIntervalMax(Duration reconnectIntervalMax) {
		this.reconnectIntervalMax = reconnectIntervalMax;
	}

	public @Nullable Boolean getTcpKeepAlive() {
		return this.tcpKeepAlive;
	}

	/**
	 * Sets whether the socket's TCP connections send keep-alive probes, which find a peer
	 * that vanished behind a firewall or NAT that silently forgot the connection. Unset,
	 * the operating system's default.
	 * @param tcpKeepAlive whether to send probes, or {@code null} for the system's
	 * default
	 */
	public void setTcpKeepAlive(@Nullable Boolean tcpKeepAlive) {
		this.tcpKeepAlive = tcpKeepAlive;
	}

	public @Nullable Duration getTcpKeepAliveIdle() {
		return this.tcpKeepAliveIdle;
	}

	/**
	 * Sets how long a connection is idle before the first keep-alive probe, in whole
	 * seconds; with {@code tcpKeepAlive} true only. Unset, the system's default.
	 * @param tcpKeepAliveIdle the idle time, or {@code null}
	 */
	public void setTcpKeepAliveIdle(@Nullable Duration tcpKeepAliveIdle) {
		this.tcpKeepAliveIdle = tcpKeepAliveIdle;
	}

	public @Nullable Duration getTcpKeepAliveInterval() {
		return this.tcpKeepAliveInterval;
	}

	/**
	 * Sets the time between keep-alive probes, in whole seconds; with
	 * {@code tcpKeepAlive} true only. Unset, the system's default.
	 * @param tcpKeepAliveInterval the interval, or {@code null}
	 */
	public void setTcpKeepAliveInterval(@Nullable Duration tcpKeepAliveInterval) {
		this.tcpKeepAliveInterval = tcpKeepAliveInterval;
	}

	public @Nullable Integer getTcpKeepAliveCount() {
		return this.tcpKeepAliveCount;
	}

	/**
	 * Sets how many keep-alive probes go unanswered before the connection is dropped;
	 * with {@code tcpKeepAlive} true only. Unset, the system's default.
	 * @param tcpKeepAliveCount the count, or {@code null}
	 */
	public void setTcpKeepAliveCount(@Nullable Integer tcpKeepAliveCount) {
		this.tcpKeepAliveCount = tcpKeepAliveCount;
	}

	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	public @Nullable FileSize getMaxMessageSize() {
		return this.maxMessageSize;
	}

	/**
	 * Sets the largest body ({@code 1MB} by default, at least 64 bytes); a longer body is
	 * cut at a character boundary and ends with a marker, and a topic longer than this is
	 * dropped. In XML, Logback's sizes: {@code 65536}, {@code 64 KB}, {@code 1MB}.
	 * @param maxMessageSize the size
	 */
	public void setMaxMessageSize(@Nullable FileSize maxMessageSize) {
		this.maxMessageSize = maxMessageSize;
	}

	/**
	 * Returns what large events in the queue may hold together.
	 * @return the byte budget
	 */
	public @Nullable FileSize getMaxQueuedBytes() {
		return this.maxQueuedBytes;
	}

	/**
	 * Sets what large events in the queue may hold together: messages longer than 512
	 * characters and events with a throwable are weighed (characters at two bytes, stack
	 * frames at 128), and one that does not fit is dropped and counted as
	 * {@link DropReason#QUEUE_FULL}, also with {@link OverflowPolicy#BLOCK}. Small events
	 * are bounded by {@code queueSize} alone.
	 * @param maxQueuedBytes the byte budget, at least 64 KB
	 */
	public void setMaxQueuedBytes(@Nullable FileSize maxQueuedBytes) {
		this.maxQueuedBytes = maxQueuedBytes;
	}

	public Duration getStartupHold() {
		return this.startupHold;
	}

	/**
	 * Sets how long the first events wait, on the publisher thread, for the first
	 * subscription: a subscriber that waits for the application misses nothing logged
	 * before its subscription arrived. The hold ends at the first subscription, after
	 * this time, or at {@code stop()}, and its events are then sent in order. 0 (default)
	 * for none.
	 * @param startupHold the longest hold
	 */
	public void setStartupHold(Duration startupHold) {
		this.startupHold = startupHold;
	}

	public int getStartupHoldMaxEvents() {
		return this.startupHoldMaxEvents;
	}

	/**
	 * Sets how many events the start-up hold keeps at most; one more is dropped and
	 * counted as {@link DropReason#STARTUP_HOLD_FULL}.
	 * @param startupHoldMaxEvents the count
	 */
	public void setStartupHoldMaxEvents(int startupHoldMaxEvents) {
		this.startupHoldMaxEvents = startupHoldMaxEvents;
	}

	public @Nullable FileSize getStartupHoldMaxBytes() {
		return this.startupHoldMaxBytes;
	}

	/**
	 * Sets how many bytes the start-up hold keeps at most, each event weighed as the
	 * queue weighs a large one and a small one at the most it can hold (1280 bytes); one
	 * that does not fit is dropped and counted as {@link DropReason#STARTUP_HOLD_FULL}.
	 * @param startupHoldMaxBytes the byte budget
	 */
	public void setStartupHoldMaxBytes(@Nullable FileSize startupHoldMaxBytes) {
		this.startupHoldMaxBytes = startupHoldMaxBytes;
	}

	public CurveConfiguration getCurve() {
		return this.curve;
	}

	/**
	 * Sets the CURVE options: the server's key pair and the clients allowed to subscribe.
	 * In XML, the {@code <curve>} element. There is no CURVE without them.
	 * @param curve the CURVE options
	 */
	public void setCurve(CurveConfiguration curve) {
		this.curve = curve;
	}

	public HistoryConfiguration getHistory() {
		return this.history;
	}

	/**
	 * Sets the history options: how many recent events watchers that arrive late can ask
	 * for, and where. In XML, the {@code <history>} element.
	 * @param history the history options
	 */
	public void setHistory(HistoryConfiguration history) {
		this.history = history;
	}

	/**
	 * Returns where the running publisher serves its history.
	 * @return the endpoints, a {@code *} port resolved; empty when stopped or without
	 * history
	 */
	public List<String> getHistoryEndpoints() {
		ZmqLogPublisher current = this.publisher;
		return (current != null && isStarted()) ? current.historyEndpoints() : List.of();
	}

	public @Nullable ZContext getZContext() {
		return this.zContext;
	}

	/**
	 * Sets a ZeroMQ context to create the socket in, e.g. to publish on
	 * {@code inproc://}. Its owner closes it, after stopping this appender. Without one
	 * the appender owns a context of its own.
	 * @param zContext the context, or {@code null}
	 */
	public void setZContext(@Nullable ZContext zContext) {
		this.zContext = zContext;
	}

}

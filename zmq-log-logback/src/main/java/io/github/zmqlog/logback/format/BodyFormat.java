package io.github.zmqlog.logback.format;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.pattern.CallerDataConverter;
import ch.qos.logback.classic.pattern.ClassOfCallerConverter;
import ch.qos.logback.classic.pattern.EnsureExceptionHandling;
import ch.qos.logback.classic.pattern.FileOfCallerConverter;
import ch.qos.logback.classic.pattern.LineOfCallerConverter;
import ch.qos.logback.classic.pattern.MethodOfCallerConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Context;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.pattern.CompositeConverter;
import ch.qos.logback.core.pattern.Converter;
import ch.qos.logback.core.status.Status;
import org.jspecify.annotations.Nullable;

import io.github.zmqlog.logback.LevelNames;

/**
 * One body layout per level, built from patterns when the appender starts. The patterns'
 * {@code %level} follows the appender's {@link LevelNames}, {@code %logger} is written
 * without a lock ({@link LoggerNameConverter}), {@code %msg} without a copy
 * ({@link MessageConverter}), and a stack trace follows any pattern that does not print
 * one itself, as Logback's own layouts do. Read-only once built, so the publisher thread
 * uses it without locks.
 */
public final class BodyFormat {

	private final Layout<ILoggingEvent>[] byLevel;

	private final @Nullable Encoder<ILoggingEvent> encoder;

	private final List<PatternLayout> owned;

	private final boolean[] callerData;

	/**
	 * The compiled converters of each owned pattern layout, run straight into a reused
	 * buffer.
	 */
	private final @Nullable Converter<ILoggingEvent>[] heads;

	private BodyFormat(Layout<ILoggingEvent>[] byLevel, @Nullable Encoder<ILoggingEvent> encoder,
			List<PatternLayout> owned, boolean[] callerData, @Nullable Converter<ILoggingEvent>[] heads) {
		this.byLevel = byLevel;
		this.encoder = encoder;
		this.owned = owned;
		this.callerData = callerData;
		this.heads = heads;
	}

	/**
	 * Builds and starts a pattern layout for each level.
	 * @param patterns the pattern of each level, TRACE to ERROR
	 * @param levelNames the names {@code %level} writes
	 * @param context the Logback context, for converters and status
	 * @param alwaysCallerData whether to capture caller data whatever the patterns print
	 * @return the layouts
	 * @throws InvalidPatternException when a pattern does not compile (the pattern
	 * compiler reported why in Logback's status)
	 */
	@SuppressWarnings("unchecked")
	public static BodyFormat ofPatterns(String[] patterns, LevelNames levelNames, Context context,
			boolean alwaysCallerData) {
		Layout<ILoggingEvent>[] byLevel = new Layout[LevelNames.COUNT];
		List<PatternLayout> owned = new ArrayList<>();
		boolean[] callerData = new boolean[LevelNames.COUNT];
		Converter<ILoggingEvent>[] heads = new Converter[LevelNames.COUNT];
		for (int i = 0; i < LevelNames.COUNT; i++) {
			int level = i;
			PatternLayout layout = new PatternLayout();
			layout.setContext(context);
			layout.setPattern(patterns[i]);
			// Logback's own %logger waits on a monitor; the layouts may run on many
			// threads.
			for (String word : new String[] { "logger", "lo", "c" }) {
				layout.getInstanceConverterMap().put(word, LoggerNameConverter::new);
			}
			// Logback's %msg asks for the message after the subtopic, which cuts a copy.
			for (String word : new String[] { "message", "msg", "m" }) {
				layout.getInstanceConverterMap().put(word, MessageConverter::new);
			}
			if (levelNames != LevelNames.LOGBACK) {
				for (String word : new String[] { "level", "le", "p" }) {
					layout.getInstanceConverterMap().put(word, () -> new LevelNameConverter(levelNames));
				}
			}
			layout.setPostCompileProcessor((ctx, head) -> {
				new EnsureExceptionHandling().process(ctx, head);
				callerData[level] = alwaysCallerData || needsCallerData(head);
				heads[level] = head;
			});
			int statusesBefore = context.getStatusManager().getCount();
			layout.start();
			owned.add(layout);
			// A bad conversion word is reported as an error status (by the pattern
			// compiler), yet the
			// layout starts and prints %PARSER_ERROR.
			if (!layout.isStarted() || reportedError(context, statusesBefore)) {
				owned.forEach(PatternLayout::stop);
				throw new InvalidPatternException(LevelNames.LEVELS[i], patterns[i]);
			}
			byLevel[i] = layout;
		}
		return new BodyFormat(byLevel, null, owned, callerData, heads);
	}

	/**
	 * Uses one layout, configured and started by its owner, for every level.
	 * @param layout the layout
	 * @param callerData whether to capture caller data for it
	 * @return the layouts
	 */
	@SuppressWarnings("unchecked")
	public static BodyFormat ofLayout(Layout<ILoggingEvent> layout, boolean callerData) {
		Layout<ILoggingEvent>[] byLevel = new Layout[LevelNames.COUNT];
		Arrays.fill(byLevel, layout);
		boolean[] byLevelCallerData = new boolean[LevelNames.COUNT];
		Arrays.fill(byLevelCallerData, callerData);
		return new BodyFormat(byLevel, null, List.of(), byLevelCallerData, new Converter[LevelNames.COUNT]);
	}

	/**
	 * Uses an encoder, configured and started by its owner, for the bodies of all levels.
	 * @param encoder the encoder, e.g. Spring Boot's structured logging encoder
	 * @param callerData whether to capture caller data for it
	 * @return the layouts
	 */
	@SuppressWarnings("unchecked")
	public static BodyFormat ofEncoder(Encoder<ILoggingEvent> encoder, boolean callerData) {
		boolean[] byLevelCallerData = new boolean[LevelNames.COUNT];
		Arrays.fill(byLevelCallerData, callerData);
		return new BodyFormat(new Layout[LevelNames.COUNT], encoder, List.of(), byLevelCallerData,
				new Converter[LevelNames.COUNT]);
	}

	private static boolean reportedError(Context context, int statusesBefore) {
		List<Status> statuses = context.getStatusManager().getCopyOfStatusList();
		for (int i = Math.max(0,
				statuses.size() - (context.getStatusManager().getCount() - statusesBefore)); i < statuses.size(); i++) {
			Status status = statuses.get(i);
			if (status.getLevel() == Status.ERROR) {
				return true;
			}
		}
		return false;
	}

	private static boolean needsCallerData(@Nullable Converter<ILoggingEvent> head) {
		for (Converter<ILoggingEvent> c = head; c != null; c = c.getNext()) {
			if (c instanceof FileOfCallerConverter || c instanceof LineOfCallerConverter
					|| c instanceof ClassOfCallerConverter || c instanceof MethodOfCallerConverter
					|| c instanceof CallerDataConverter) {
				return true;
			}
			if (c instanceof CompositeConverter<ILoggingEvent> composite
					&& needsCallerData(composite.getChildConverter())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Returns whether the layout of a level needs the caller's class, method, file or
	 * line.
	 * @param level the event's level
	 * @return whether to capture caller data on the logging thread
	 */
	boolean needCallerData(Level level) {
		return this.callerData[LevelNames.ordinal(level)];
	}

	/**
	 * Formats an event's body.
	 * @param event the event
	 * @return the body in UTF-8 (or the encoder's charset)
	 */
	byte[] format(ILoggingEvent event) {
		if (this.encoder != null) {
			return this.encoder.encode(event);
		}
		return this.byLevel[LevelNames.ordinal(event.getLevel())].doLayout(event).getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Formats an event's body with a buffer that one thread reuses. A pattern of this
	 * object's own runs its converters straight into the buffer, as
	 * {@link PatternLayout#doLayout} does into a new one, and is encoded from there
	 * without an intermediate string.
	 * @param event the event
	 * @param buffer the calling thread's buffer
	 * @return the body in UTF-8 (or the encoder's charset)
	 */
	public byte[] format(ILoggingEvent event, BodyBuffer buffer) {
		int level = LevelNames.ordinal(event.getLevel());
		Converter<ILoggingEvent> head = this.heads[level];
		if (head == null || !this.byLevel[level].isStarted()) {
			return format(event);
		}
		StringBuilder text = buffer.clear();
		for (Converter<ILoggingEvent> c = head; c != null; c = c.getNext()) {
			if (c instanceof MessageConverter message) {
				message.writeInto(text, event);
			}
			else {
				c.write(text, event);
			}
		}
		return buffer.encode();
	}

	/** Stops the layouts this object started. */
	public void stop() {
		this.owned.forEach(PatternLayout::stop);
	}

	/** A body pattern that does not compile. */
	public static final class InvalidPatternException extends IllegalArgumentException {

		private final Level level;

		private final String pattern;

		InvalidPatternException(Level level, String pattern) {
			super("The " + level + " body pattern '" + pattern + "' does not compile");
			this.level = level;
			this.pattern = pattern;
		}

		/**
		 * Returns the level whose pattern does not compile.
		 * @return the level
		 */
		public Level level() {
			return this.level;
		}

		/**
		 * Returns the pattern that does not compile.
		 * @return the pattern
		 */
		public String pattern() {
			return this.pattern;
		}

	}

}

package io.github.zmqlog.logback.format;

import java.util.concurrent.atomic.AtomicReferenceArray;

import ch.qos.logback.classic.pattern.Abbreviator;
import ch.qos.logback.classic.pattern.ClassNameOnlyAbbreviator;
import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.jspecify.annotations.Nullable;

/**
 * {@code %logger} (also {@code %lo} and {@code %c}) in the appender's own layouts: the
 * text of Logback's {@code LoggerConverter} (the same abbreviators: {@code {0}} keeps the
 * last segment, {@code {N}} shortens the leading segments towards N characters, no option
 * or a negative one keeps the whole name), without its lock. Logback keeps its
 * abbreviations in a map under {@code synchronized}, so a logging thread that formats its
 * own event would wait for another, and the publisher thread for both.
 * <p>
 * Abbreviations are kept in a fixed table of {@value #SLOTS} slots that threads read and
 * write without locks: an entry is immutable, a slot is read and replaced whole, and a
 * thread that misses (or loses a race) abbreviates again, which gives the same text. Two
 * slots can hold each name; a third name on the same pair replaces one. Memory stays
 * bounded whatever names an application logs under.
 */
final class LoggerNameConverter extends ClassicConverter {

	/** How many abbreviations the table holds at most, a power of two. */
	static final int SLOTS = 1024;

	/** Set by {@link #start()}, before the layout is shared with other threads. */
	private @Nullable Abbreviator abbreviator;

	private final AtomicReferenceArray<Abbreviation> table = new AtomicReferenceArray<>(SLOTS);

	@Override
	public void start() {
		String option = getFirstOption();
		if (option != null) {
			try {
				int length = Integer.parseInt(option);
				if (length == 0) {
					this.abbreviator = new ClassNameOnlyAbbreviator();
				}
				else if (length > 0) {
					this.abbreviator = new TargetLengthBasedClassNameAbbreviator(length);
				}
			}
			catch (NumberFormatException ex) {
				// Logback's own words: the pattern is then refused as one with an error.
				addError("failed to parse integer string [" + option + "]", ex);
			}
		}
		super.start();
	}

	@Override
	public String convert(ILoggingEvent event) {
		String name = event.getLoggerName();
		Abbreviator abbreviator = this.abbreviator;
		if (abbreviator == null || name == null) {
			// A null name fails in the abbreviator as it does in Logback's converter.
			return (abbreviator != null) ? abbreviator.abbreviate(name) : name;
		}
		int hash = name.hashCode();
		int slot = (hash ^ (hash >>> 16)) & (SLOTS - 2);
		Abbreviation first = this.table.getAcquire(slot);
		if (first != null && first.name().equals(name)) {
			return first.abbreviated();
		}
		Abbreviation second = this.table.getAcquire(slot + 1);
		if (second != null && second.name().equals(name)) {
			return second.abbreviated();
		}
		String abbreviated = abbreviator.abbreviate(name);
		this.table.setRelease((first == null || second != null) ? slot : slot + 1, new Abbreviation(name, abbreviated));
		return abbreviated;
	}

	/** A logger name and its abbreviation. */
	private record Abbreviation(String name, String abbreviated) {
	}

}

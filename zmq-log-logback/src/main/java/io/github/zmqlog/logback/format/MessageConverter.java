package io.github.zmqlog.logback.format;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %message} (also {@code %msg} and {@code %m}) in the appender's own layouts: the
 * text of Logback's {@code MessageConverter}, the formatted message. For an event whose
 * subtopic is still to be cut from its message, the rest of the message is written
 * straight from the whole one, without the copy that
 * {@link PublishableEvent#getFormattedMessage()} makes for other layouts and for a
 * {@code %msg} inside a composite such as {@code %replace}. A width or a maximum in the
 * pattern is applied as Logback applies it.
 */
final class MessageConverter extends ClassicConverter {

	@Override
	public String convert(ILoggingEvent event) {
		return event.getFormattedMessage();
	}

	/**
	 * Writes the message into the body being built, as {@link #write} would (which
	 * Logback keeps final): straight from the whole message when nothing pads or
	 * truncates it.
	 * @param buf the body being built
	 * @param event the event
	 */
	void writeInto(StringBuilder buf, ILoggingEvent event) {
		if (getFormattingInfo() == null && event instanceof PublishableEvent publishable) {
			publishable.appendFormattedMessage(buf);
		}
		else {
			write(buf, event);
		}
	}

}

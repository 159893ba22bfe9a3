package io.github.zmqlog.tail;

import java.util.List;
import java.util.function.Predicate;

/**
 * Where the web view's pages get their events. Each page opens a feed with its own topic
 * prefixes, and changes them by opening a new one. The first source is a plain SUB
 * ({@link SharedSubscriber}); a source with history sends a {@link WebEvent.History}
 * batch first and {@link WebEvent.Missed} markers where it knows of a gap, and the page
 * shows both.
 */
interface WebEventSource extends AutoCloseable {

	/**
	 * Starts a page's feed: events whose topics start with one of the prefixes go to the
	 * sink, on a thread of the source's, until the feed is closed.
	 * @param prefixes the topic prefixes, empty for everything
	 * @param sink takes each event; it must not block (a {@link PageQueue} drops what
	 * does not fit); it returns whether it took the event
	 * @return the feed, to close when the page goes
	 */
	Feed open(List<String> prefixes, Predicate<WebEvent> sink);

	/** Stops the source; the feeds it opened end. */
	@Override
	void close();

	/** One page's feed. */
	interface Feed extends AutoCloseable {

		/** Stops sending to this page, and unsubscribes what no other page needs. */
		@Override
		void close();

	}

}

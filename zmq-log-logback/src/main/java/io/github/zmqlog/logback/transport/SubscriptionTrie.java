package io.github.zmqlog.logback.transport;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.zeromq.ZMQ;

/**
 * Reads, from JeroMQ's XPUB itself, which peers hold which prefixes. Its messages cannot
 * tell: when a peer leaves, JeroMQ 0.6.0 reports only the prefixes no other peer holds
 * ({@code Mtrie.rm} calls back only when the last pipe on a prefix goes), so counting
 * them lets a prefix keep a subscriber that left. The XPUB's trie of pipes per prefix is
 * exact, but private: it is read by reflection, on the thread that owns the socket (the
 * only one that changes it), and only when something changed.
 *
 * <p>
 * {@link #attach} returns {@code null} when the JeroMQ on the class path is not laid out
 * as 0.6.0 is; the socket then counts the messages, as far as they go.
 */
final class SubscriptionTrie {

	private static final @Nullable Layout LAYOUT = Layout.find();

	private final Object trie;

	private final List<?> pipes;

	private int lastPipeCount = -1;

	private SubscriptionTrie(Object trie, List<?> pipes) {
		this.trie = trie;
		this.pipes = pipes;
	}

	/**
	 * Finds the trie of an XPUB socket.
	 * @param xpub the socket
	 * @return its trie, or {@code null} when JeroMQ's internals are not those expected
	 */
	static @Nullable SubscriptionTrie attach(ZMQ.Socket xpub) {
		Layout layout = LAYOUT;
		if (layout == null) {
			return null;
		}
		try {
			Object base = xpub.base();
			Object trie = layout.subscriptions.get(base);
			Object pipes = layout.distPipes.get(layout.dist.get(base));
			if (trie == null || !(pipes instanceof List<?> list)) {
				return null;
			}
			return new SubscriptionTrie(trie, list);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

	/**
	 * Returns whether a peer came or went since the last call: a peer that leaves takes
	 * its pipe out of the trie and out of the socket's pipes in the same step.
	 * @return whether the number of pipes changed
	 */
	boolean pipesChanged() {
		int count = this.pipes.size();
		boolean changed = count != this.lastPipeCount;
		this.lastPipeCount = count;
		return changed;
	}

	/**
	 * Walks the trie and counts, for every prefix, the peers that hold it.
	 * @param limit how many prefixes to return at most
	 * @param into where the prefixes and counts go (cleared first)
	 * @return how many prefixes were left out for the limit
	 */
	int read(int limit, Map<String, Integer> into) {
		Layout layout = LAYOUT;
		into.clear();
		int untracked = 0;
		Deque<Node> pending = new ArrayDeque<>();
		pending.push(new Node(this.trie, new byte[0]));
		try {
			while (!pending.isEmpty()) {
				Node node = pending.pop();
				Collection<?> holders = (Collection<?>) layout.nodePipes.get(node.trie);
				if (holders != null && !holders.isEmpty()) {
					String prefix = new String(node.prefix, StandardCharsets.UTF_8);
					if (into.size() < limit || into.containsKey(prefix)) {
						into.merge(prefix, holders.size(), Integer::sum);
					}
					else {
						untracked++;
					}
				}
				int count = layout.count.getInt(node.trie);
				Object[] next = (Object[]) layout.next.get(node.trie);
				if (count == 0 || next == null) {
					continue;
				}
				int min = layout.min.getInt(node.trie);
				for (int i = Math.min(count, next.length) - 1; i >= 0; i--) {
					if (next[i] != null) {
						byte[] prefix = Arrays.copyOf(node.prefix, node.prefix.length + 1);
						prefix[node.prefix.length] = (byte) (min + i);
						pending.push(new Node(next[i], prefix));
					}
				}
			}
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException("JeroMQ's subscription trie cannot be read", ex);
		}
		return untracked;
	}

	private record Node(Object trie, byte[] prefix) {
	}

	/** The private fields of JeroMQ 0.6.0's XPUB, distributor and trie. */
	private record Layout(Field subscriptions, Field dist, Field distPipes, Field nodePipes, Field min, Field count,
			Field next) {

		static @Nullable Layout find() {
			try {
				Class<?> xpub = Class.forName("zmq.socket.pubsub.XPub");
				Class<?> dist = Class.forName("zmq.socket.pubsub.Dist");
				Class<?> mtrie = Class.forName("zmq.socket.pubsub.Mtrie");
				Layout layout = new Layout(field(xpub, "subscriptions", mtrie), field(xpub, "dist", dist),
						field(dist, "pipes", List.class), field(mtrie, "pipes", Set.class),
						field(mtrie, "min", int.class), field(mtrie, "count", int.class),
						field(mtrie, "next", mtrie.arrayType()));
				return layout;
			}
			catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
				return null;
			}
		}

		private static Field field(Class<?> owner, String name, Class<?> type) throws NoSuchFieldException {
			Field field = owner.getDeclaredField(name);
			if (field.getType() != type) {
				throw new NoSuchFieldException(owner.getName() + "." + name + " is not a " + type.getName());
			}
			field.setAccessible(true);
			return field;
		}

	}

}

package io.github.zmqlog.tail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A test's page at the HTTP level: a raw socket that asks for {@code /events} and reads
 * Server-Sent Events on a thread of its own, or, with {@link #startReading()} held back,
 * reads nothing at all (a slow page).
 */
final class SseClient implements AutoCloseable {

	private final Socket socket;

	private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

	private final List<String> head = new ArrayList<>();

	private final Thread reader;

	SseClient(int port, String pathAndQuery, String... headers) throws IOException {
		this.socket = new Socket("127.0.0.1", port);
		StringBuilder request = new StringBuilder(
				"GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAccept: text/event-stream\r\n");
		for (String header : headers) {
			request.append(header).append("\r\n");
		}
		this.socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
		this.socket.getOutputStream().flush();
		this.reader = new Thread(this::read, "sse-client");
		this.reader.setDaemon(true);
	}

	SseClient startReading() {
		this.reader.start();
		return this;
	}

	private void read() {
		try {
			InputStream in = this.socket.getInputStream();
			String line;
			while ((line = headerLine(in)) != null && !line.isEmpty()) {
				this.head.add(line);
			}
			BufferedReader lines = new BufferedReader(new InputStreamReader(
					this.head.stream().anyMatch((h) -> h.equalsIgnoreCase("Transfer-encoding: chunked"))
							? new Dechunked(in) : in,
					StandardCharsets.UTF_8));
			String name = "message";
			StringBuilder data = new StringBuilder();
			while ((line = lines.readLine()) != null) {
				if (line.startsWith("event: ")) {
					name = line.substring(7);
				}
				else if (line.startsWith("data: ")) {
					data.append(line.substring(6));
				}
				else if (line.isEmpty() && !data.isEmpty()) {
					this.events.add(new Event(name, data.toString()));
					name = "message";
					data.setLength(0);
				}
			}
		}
		catch (IOException ex) {
			// closed
		}
	}

	private static String headerLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		int c;
		while ((c = in.read()) != -1 && c != '\n') {
			if (c != '\r') {
				line.append((char) c);
			}
		}
		return (c == -1 && line.isEmpty()) ? null : line.toString();
	}

	/**
	 * The next event of a name, skipping others.
	 * @param name the event name
	 * @return its data
	 */
	String next(String name) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < deadline) {
			Event event = this.events.poll(100, TimeUnit.MILLISECONDS);
			if (event != null && event.name().equals(name)) {
				return event.data();
			}
		}
		throw new AssertionError("no '" + name + "' event within 20 s; head: " + this.head);
	}

	Event take() throws InterruptedException {
		Event event = this.events.poll(20, TimeUnit.SECONDS);
		assertThat(event).as("an event within 20 s").isNotNull();
		return event;
	}

	List<String> head() {
		return this.head;
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	/** HTTP/1.1 chunked transfer coding, undone. */
	private static final class Dechunked extends InputStream {

		private final InputStream in;

		private long left;

		private boolean end;

		Dechunked(InputStream in) {
			this.in = in;
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return (read(one, 0, 1) == -1) ? -1 : one[0] & 0xff;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (this.end) {
				return -1;
			}
			if (this.left == 0) {
				String size = headerLine(this.in);
				if (size != null && size.isEmpty()) {
					size = headerLine(this.in); // the CRLF after the previous chunk
				}
				if (size == null || Long.parseLong(size.strip(), 16) == 0) {
					this.end = true;
					return -1;
				}
				this.left = Long.parseLong(size.strip(), 16);
			}
			int read = this.in.read(buffer, offset, (int) Math.min(length, this.left));
			if (read > 0) {
				this.left -= read;
			}
			return read;
		}

	}

	record Event(String name, String data) {

	}

}

package io.github.zmqlog.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads what the PyZMQ subscriber scripts ({@code sub.py}, {@code curve_sub.py}) print.
 * Apart from {@link PyZmq}, so that modules whose tests have no Jackson can still use
 * that.
 */
public final class PyZmqJson {

	private static final ObjectMapper json = new ObjectMapper();

	private PyZmqJson() {
	}

	/**
	 * Returns the body of a message that a subscriber script printed.
	 * @param node one line of the script's output
	 * @return the body, decoded from UTF-8
	 */
	public static String body(JsonNode node) {
		return new String(Base64.getDecoder().decode(node.get("body_b64").asString()), StandardCharsets.UTF_8);
	}

	/**
	 * Reads a script's output, one JSON object per line, on a daemon thread until it
	 * ends.
	 * @param process the script
	 * @return the lines read so far, and those to come
	 */
	public static BlockingQueue<JsonNode> lines(Process process) {
		BlockingQueue<JsonNode> lines = new LinkedBlockingQueue<>();
		Thread reader = new Thread(() -> {
			try (BufferedReader out = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = out.readLine()) != null) {
					lines.add(json.readTree(line));
				}
			}
			catch (IOException ex) {
				// the process ended
			}
		});
		reader.setDaemon(true);
		reader.start();
		return lines;
	}

}

package io.github.zmqlog.benchmarks;

import java.util.Map;

/**
 * One message as the subscriber received it from a contender (its {@code SAMPLE} answer).
 *
 * @param frames the frames of the message
 * @param topic the topic frame, empty for a message of one frame
 * @param bodyBytes the body's length in bytes
 * @param body the body
 */
record WireSample(String frames, String topic, String bodyBytes, String body) {

	static WireSample from(Map<String, String> values) {
		return new WireSample(values.get("frames"), values.getOrDefault("topic", ""),
				values.getOrDefault("bodyBytes", ""), values.getOrDefault("body", ""));
	}

}

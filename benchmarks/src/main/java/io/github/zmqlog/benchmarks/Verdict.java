package io.github.zmqlog.benchmarks;

import java.util.List;

/**
 * One row of the targets table: a target, what this run measured against it, and whether
 * that meets it.
 *
 * @param target the target
 * @param measured what was measured, with what it was compared with
 * @param verdict "met", or by how much it was missed
 */
record Verdict(String target, String measured, String verdict) {

	static Verdict of(String target, String measured, boolean met, String missedBy) {
		return new Verdict(target, measured, met ? "met" : "**missed**: " + missedBy);
	}

	List<String> row() {
		return List.of(this.target, this.measured, this.verdict);
	}

}

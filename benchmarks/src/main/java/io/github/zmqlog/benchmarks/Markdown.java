package io.github.zmqlog.benchmarks;

import java.util.List;

/**
 * A little Markdown writer for the report.
 */
final class Markdown {

	private final StringBuilder text = new StringBuilder();

	void line() {
		this.text.append('\n');
	}

	void line(String line) {
		this.text.append(line).append('\n');
	}

	void table(List<String> headers, List<? extends List<String>> rows) {
		row(headers);
		this.text.append('|');
		headers.forEach((header) -> this.text.append(" --- |"));
		this.text.append('\n');
		rows.forEach(this::row);
		line();
	}

	private void row(List<String> cells) {
		this.text.append('|');
		cells.forEach((cell) -> this.text.append(' ').append(cell.replace("|", "\\|")).append(" |"));
		this.text.append('\n');
	}

	@Override
	public String toString() {
		return this.text.toString();
	}

}

package io.github.zmqlog.benchmarks;

import java.util.List;

/**
 * One figure of the report: what it measures and the section of {@code BENCHMARKS.md}
 * that shows it. Every figure writes its section whether or not it was measured in this
 * run, so that the file keeps one shape however few figures were selected.
 */
interface Figure {

	/**
	 * Returns the name {@code -Dfigures} selects the figure by, also the name of its time
	 * in the report's header.
	 * @return the name
	 */
	String name();

	/**
	 * Returns the figures to measure when this one is selected: itself, or the figures
	 * whose measurements it shows.
	 * @return the figures
	 */
	default List<Figure> measurements() {
		return List.of(this);
	}

	/**
	 * Measures, in child JVMs, which {@link ChildJvms} and {@link JmhRuns} start.
	 * @param run the report's run, for its logs and its problems
	 * @throws Exception if a child JVM cannot be started or read
	 */
	void measure(Run run) throws Exception;

	/**
	 * Writes the figure's section.
	 * @param out the report
	 */
	void write(Markdown out);

	/**
	 * Returns the figure's rows of the targets table, for the targets it has measured.
	 * @return the rows, none when it was not measured
	 */
	default List<Verdict> verdicts() {
		return List.of();
	}

}

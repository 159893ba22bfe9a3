package io.github.zmqlog.benchmarks;

import java.util.concurrent.ThreadLocalRandom;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * A JMH calling thread, named {@code worker-N} for the trial (the name is part of the
 * line), with the workload's arguments: a six-digit id and a two-digit duration, so every
 * line has one length.
 */
@State(Scope.Thread)
public class Worker {

	private String originalName;

	@Setup(Level.Trial)
	public void name(ThreadParams threads) {
		this.originalName = Thread.currentThread().getName();
		Thread.currentThread().setName(Workload.threadName(threads.getThreadIndex() + 1));
	}

	@TearDown(Level.Trial)
	public void restoreName() {
		Thread.currentThread().setName(this.originalName);
	}

	static long nextId() {
		return ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
	}

	static int nextMs() {
		return ThreadLocalRandom.current().nextInt(10, 100);
	}

}

package io.github.zmqlog.logback;

import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.zeromq.ZMQ;

import io.github.zmqlog.testsupport.TestSubscriber;

/**
 * A child JVM for {@code VirtualThreadsTests}, run by a JDK 21 or later (this class is
 * Java 17 bytecode, so virtual threads are reached by reflection):
 * {@code VirtualThreadsApp POLICY THREADS EVENTS_PER_THREAD QUEUE_SIZE}. Starts a CURVE
 * appender from a virtual thread, with a subscriber; records JFR's
 * {@code jdk.VirtualThreadPinned} with no threshold and with stack traces; logs from
 * {@code THREADS} virtual threads at once; then prints the threads the appender started
 * ({@code thread NAME virtual=... daemon=...}), each pinning but the control's with the
 * first frame outside the JDK, the code that blocked while pinned, which it is attributed
 * to ({@code pinned at FRAME STACK}), and one {@code result k=v ...} line. A control
 * virtual thread parks inside a class initializer, which pins on every JDK, so that the
 * recording is seen to catch pinning.
 */
public final class VirtualThreadsApp {

	private static final String OURS = "io.github.zmqlog.";

	private VirtualThreadsApp() {
	}

	public static void main(String[] args) throws Exception {
		PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
		String policy = args[0];
		int threads = Integer.parseInt(args[1]);
		int perThread = Integer.parseInt(args[2]);
		int queueSize = Integer.parseInt(args[3]);
		Method isVirtual = Thread.class.getMethod("isVirtual");
		Recording recording = new Recording();
		recording.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
		recording.start();
		LoggerContext context = new LoggerContext();
		context.setName("vt");
		context.setMDCAdapter(new LogbackMDCAdapter());
		ZMQ.Curve.KeyPair server = ZMQ.Curve.generateKeyPair();
		ZmqLogAppender appender = new ZmqLogAppender();
		appender.setContext(context);
		appender.setName("vt");
		appender.setRootTopic("vt");
		appender.addBind("tcp://127.0.0.1:*");
		appender.setOverflowPolicy(policy);
		appender.setQueueSize(queueSize);
		appender.getCurve().setServerSecretKey(server.secretKey);
		appender.getCurve().setServerPublicKey(server.publicKey);
		appender.getCurve().setAllowAnyClient(true);
		ExecutorService starter = virtualThreads();
		// Started from a virtual thread: the threads it starts must still be platform
		// daemons.
		starter.submit(appender::start).get(30, TimeUnit.SECONDS);
		starter.shutdown();
		if (!appender.isStarted()) {
			out.println("failed " + appender.getProblems());
			System.exit(1);
		}
		Logger logger = context.getLogger("vt");
		logger.setLevel(Level.INFO);
		logger.addAppender(appender);
		List<String> started = new ArrayList<>();
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			if (thread.getName().startsWith("zmqlog-")) {
				started.add("thread " + thread.getName() + " virtual=" + isVirtual.invoke(thread) + " daemon="
						+ thread.isDaemon());
			}
		}
		AtomicLong received = new AtomicLong();
		long logged = (long) threads * perThread;
		try (TestSubscriber subscriber = new TestSubscriber(
				TestSubscriber.curve(server.publicKey, ZMQ.Curve.generateKeyPair()),
				appender.getStats().socket().boundEndpoints().get(0), "vt.INFO.load")) {
			subscriber.awaitSubscribed(logger, "vt");
			long sentBefore = appender.getCounters().sent();
			long droppedBefore = appender.getCounters().droppedTotal();
			Thread drainer = new Thread(() -> {
				while (subscriber.receive(Duration.ofSeconds(2)) != null) {
					received.incrementAndGet();
				}
			}, "drainer");
			drainer.start();
			long began = System.nanoTime();
			ExecutorService virtual = virtualThreads();
			virtual.submit(() -> PinsInItsInitializer.VALUE);
			for (int t = 0; t < threads; t++) {
				int thread = t;
				virtual.submit(() -> {
					for (int i = 0; i < perThread; i++) {
						logger.info("load::thread {} event {}", thread, i);
					}
				});
			}
			virtual.shutdown();
			if (!virtual.awaitTermination(120, TimeUnit.SECONDS)) {
				out.println("failed the virtual threads did not finish within 120 s");
				System.exit(1);
			}
			long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
			ZmqLogCounters counters = appender.getCounters();
			// Before the stop, whose linger would cut off what the subscriber has not
			// read yet.
			awaitQuietly(() -> counters.sent() - sentBefore + counters.droppedTotal() - droppedBefore == logged);
			awaitQuietly(() -> received.get() == counters.sent() - sentBefore);
			appender.stop();
			drainer.join(60_000);
			recording.stop();
			Path file = Files.createTempFile("vt-pinned", ".jfr");
			recording.dump(file);
			recording.close();
			int pinned = 0;
			int ours = 0;
			int control = 0;
			int logback = 0;
			Map<String, Integer> reasons = new TreeMap<>();
			for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
				pinned++;
				reasons.merge(event.hasField("pinnedReason") ? event.getString("pinnedReason") : "?", 1, Integer::sum);
				List<String> frames = (event.getStackTrace() != null) ? event.getStackTrace()
					.getFrames()
					.stream()
					.map(RecordedFrame::getMethod)
					.map((method) -> method.getType().getName() + "." + method.getName())
					.toList() : List.of();
				String culprit = frames.stream().filter((frame) -> !isJdk(frame)).findFirst().orElse("?");
				if (culprit.contains("PinsInItsInitializer")) {
					control++;
				}
				else {
					out.println("pinned at " + culprit + " " + frames);
					if (isOurs(culprit)) {
						ours++;
					}
					else if (culprit.startsWith("ch.qos.logback.")) {
						logback++;
					}
				}
			}
			Files.delete(file);
			started.forEach(out::println);
			out.println("result policy=" + policy + " threads=" + threads + " logged=" + logged + " sent="
					+ (counters.sent() - sentBefore) + " dropped=" + (counters.droppedTotal() - droppedBefore)
					+ " queueFull=" + counters.dropped(DropReason.QUEUE_FULL) + " received=" + received.get()
					+ " elapsedMs=" + elapsedMillis + " pinned=" + pinned + " ours=" + ours + " logback=" + logback
					+ " control=" + control + " reasons=" + reasons.toString().replace(' ', '_') + " java="
					+ System.getProperty("java.version"));
		}
		context.stop();
	}

	private static void awaitQuietly(Callable<Boolean> condition) {
		try {
			Awaitility.await().atMost(Duration.ofSeconds(60)).until(condition);
		}
		catch (ConditionTimeoutException ex) {
			// the result line shows what was missing
		}
	}

	private static ExecutorService virtualThreads() throws ReflectiveOperationException {
		return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
	}

	/**
	 * Whether a frame is the JDK's: the first frame that is not is the code that blocked
	 * while pinned, and the pinning is attributed to it.
	 */
	private static boolean isJdk(String frame) {
		return frame.startsWith("java.") || frame.startsWith("jdk.") || frame.startsWith("sun.");
	}

	private static boolean isOurs(String frame) {
		return frame.startsWith(OURS) && !frame.startsWith(VirtualThreadsApp.class.getName())
				&& !frame.startsWith("io.github.zmqlog.testsupport.");
	}

	/** Parks in its initializer: a virtual thread initialising a class is pinned. */
	private static final class PinsInItsInitializer {

		static final int VALUE;

		static {
			LockSupport.parkNanos(50_000_000L);
			VALUE = 1;
		}

	}

}

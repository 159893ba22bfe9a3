package io.github.zmqlog.logback;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Logback application without Spring: Logback configures itself from the file given as
 * the first argument; it then logs an INFO line every 20 ms until killed.
 */
public final class PlainLogbackApp {

	private PlainLogbackApp() {
	}

	public static void main(String[] args) throws InterruptedException {
		System.setProperty("logback.configurationFile", args[0]);
		System.out.println("spring " + (isPresent("org.springframework.core.SpringVersion") ? "present" : "absent"));
		Logger logger = LoggerFactory.getLogger(PlainLogbackApp.class);
		for (int i = 0; i < 3000; i++) {
			logger.info("ping {}", i);
			Thread.sleep(20);
		}
	}

	private static boolean isPresent(String className) {
		try {
			Class.forName(className);
			return true;
		}
		catch (ClassNotFoundException ex) {
			return false;
		}
	}

}

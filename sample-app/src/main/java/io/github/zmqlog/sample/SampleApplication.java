package io.github.zmqlog.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * A small web application whose logs go out over ZeroMQ, configured in
 * {@code application.yml}. Watch them with
 * {@code python3 -m zmq.log tcp://127.0.0.1:5556}.
 */
@SpringBootApplication
@EnableScheduling
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}

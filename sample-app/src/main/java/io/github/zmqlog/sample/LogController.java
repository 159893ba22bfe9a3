package io.github.zmqlog.sample;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Logs a message at a given level, to try topic prefixes:
 * {@code curl -X POST 'localhost:8080/log?level=warn&message=db.pool::slow query'}.
 */
@RestController
class LogController {

	private static final Logger log = LoggerFactory.getLogger(LogController.class);

	@PostMapping("/log")
	String log(@RequestParam(defaultValue = "info") String level, @RequestParam String message) {
		Level parsed;
		try {
			parsed = Level.valueOf(level.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"level must be one of trace, debug, info, warn, error");
		}
		log.atLevel(parsed).log(message);
		return "logged at " + parsed + ": " + message + "\n";
	}

}

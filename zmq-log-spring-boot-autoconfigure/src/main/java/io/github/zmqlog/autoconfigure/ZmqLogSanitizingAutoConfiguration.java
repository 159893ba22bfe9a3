package io.github.zmqlog.autoconfigure;

import java.util.Locale;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Masks the CURVE keys of {@code zmqlog.curve.*} in {@code /actuator/env} and
 * {@code /actuator/configprops}, even with {@code show-values=always}, where Spring Boot
 * shows values it has no sanitizing function for. Key file paths stay visible. Registered
 * whether or not publishing is enabled, since the properties may be set either way.
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class ZmqLogSanitizingAutoConfiguration {

	@Bean
	SanitizingFunction zmqLogCurveKeySanitizer() {
		return SanitizingFunction.sanitizeValue().ifKeyMatches(ZmqLogSanitizingAutoConfiguration::isCurveKey);
	}

	/**
	 * Returns whether a property holds CURVE keys, in any of the forms Spring Boot binds
	 * from: {@code zmqlog.curve.server-secret-key}, {@code zmqlog.curve.serverSecretKey},
	 * {@code ZMQLOG_CURVE_SERVERSECRETKEY},
	 * {@code zmqlog.curve.allowed-client-keys[0]}...
	 * @param key the property name
	 * @return whether its value is to be masked
	 */
	static boolean isCurveKey(String key) {
		String name = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
		return name.startsWith("zmqlogcurve") && name.contains("key") && !name.endsWith("file");
	}

}

package io.github.zmqlog.logback.transport;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointSyntaxTests {

	@ParameterizedTest
	@ValueSource(strings = { "tcp://127.0.0.1:5556", "tcp://*:5556", "tcp://127.0.0.1:*", "tcp://[::1]:5556",
			"tcp://localhost:0", "TCP://127.0.0.1:1", "ipc:///tmp/logs", "inproc://logs" })
	void validBindEndpoint(String endpoint) {
		assertThat(EndpointSyntax.problem(endpoint, true)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "tcp://logs.example.com:5559", "tcp://192.168.1.2:5555;logs:5559", "ipc://logs" })
	void validConnectEndpoint(String endpoint) {
		assertThat(EndpointSyntax.problem(endpoint, false)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "tcp://127.0.0.1:5556", "tcp://127.1.2.3:*", "tcp://localhost:0", "tcp://LOCALHOST:1",
			"tcp://[::1]:5556", "tcp://::1:5556", "tcp://[0:0:0:0:0:0:0:1]:5556", "ipc:///tmp/logs", "ipc://logs",
			"inproc://logs", "INPROC://logs" })
	void reachableFromThisHostOnly(String endpoint) {
		assertThat(EndpointSyntax.isHostLocal(endpoint)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "tcp://*:5556", "tcp://0.0.0.0:*", "tcp://[::]:5556", "tcp://192.168.1.2:5556",
			"tcp://eth0:5556", "tcp://logs.example.com:5556", "tcp://127.0.0.1.example.com:5556",
			"tcp://localhost.example.com:1" })
	void reachableFromOtherHosts(String endpoint) {
		assertThat(EndpointSyntax.isHostLocal(endpoint)).isFalse();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "tcp://|true|has no port", "tcp://127.0.0.1|true|has no port", "tcp://:5556|true|has no host",
					"tcp://127.0.0.1:99999|true|outside 0-65535", "tcp://127.0.0.1:0|false|outside 1-65535",
					"tcp://127.0.0.1:http|true|not a number or *", "tcp://127.0.0.1:*|false|needs a port number",
					"foo://x|true|transport 'foo'", "epgm://eth0;239.0.0.1:5555|true|transport 'epgm'",
					"127.0.0.1:5556|true|is not an endpoint", "inproc://|true|has no address", "' '|true|is empty" })
	void invalidEndpoint(String endpoint, boolean bind, String problem) {
		assertThat(EndpointSyntax.problem(endpoint, bind)).contains(problem);
	}

}

package io.github.zmqlog.tail;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@code zmq-log-tail web}'s command line: loopback by default, an access token required
 * beyond it, and the token never in a message.
 */
class WebOptionsTests {

	private static final String TOKEN = "k3y-for-the-web-view-0123456789";

	@Test
	void listensOnLoopbackByDefaultWithoutAToken() {
		WebOptions options = WebOptions.parse(Map.of(), "tcp://127.0.0.1:5556", "-t", "app.ERROR");
		assertThat(options.listen().getAddress().isLoopbackAddress()).isTrue();
		assertThat(options.listen().getPort()).isEqualTo(WebOptions.DEFAULT_PORT);
		assertThat(options.token()).isNull();
		assertThat(options.tail().endpoint()).isEqualTo("tcp://127.0.0.1:5556");
		assertThat(options.tail().prefixes()).containsExactly("app.ERROR");
		assertThat(options.lines()).isEqualTo(WebOptions.DEFAULT_LINES);
	}

	@Test
	void takesTheWatchersSocketOptions() {
		WebOptions options = WebOptions.parse(Map.of(), "--listen", "127.0.0.1:0", "--bind", "--rcvhwm", "50", "--keep",
				"200", "tcp://127.0.0.1:*");
		assertThat(options.tail().bind()).isTrue();
		assertThat(options.tail().rcvHwm()).isEqualTo(50);
		assertThat(options.lines()).isEqualTo(200);
		assertThat(options.listen().getPort()).isZero();
	}

	@Test
	void refusesToListenBeyondLoopbackWithoutAToken() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WebOptions.parse(Map.of(), "--listen", "0.0.0.0:8088", "tcp://127.0.0.1:5556"))
			.withMessageStartingWith("refusing to listen on 0.0.0.0:8088 without an access token:")
			.withMessageContaining(WebOptions.TOKEN_ENV)
			.withMessageContaining("--token");
	}

	@Test
	void listensBeyondLoopbackWithATokenFromTheEnvironmentOrTheCommandLine() {
		WebOptions fromEnvironment = WebOptions.parse(Map.of(WebOptions.TOKEN_ENV, TOKEN), "--listen", "0.0.0.0:0",
				"tcp://127.0.0.1:5556");
		assertThat(fromEnvironment.token()).isEqualTo(TOKEN);
		assertThat(fromEnvironment.listen().getAddress().isAnyLocalAddress()).isTrue();
		WebOptions fromCommandLine = WebOptions.parse(Map.of(), "--listen", "0.0.0.0:0", "--token", TOKEN,
				"tcp://127.0.0.1:5556");
		assertThat(fromCommandLine.token()).isEqualTo(TOKEN);
		assertThat(fromCommandLine.toString()).doesNotContain(TOKEN);
	}

	@Test
	void aShortOrOddTokenIsRefusedWithoutShowingIt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WebOptions.parse(Map.of(), "--token", "short-secret", "tcp://127.0.0.1:5556"))
			.withMessageStartingWith("the access token must be at least 16 characters")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("short-secret"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WebOptions.parse(Map.of(WebOptions.TOKEN_ENV, "a token with spaces and more"),
					"tcp://127.0.0.1:5556"))
			.withMessageContaining("letters, digits")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("spaces"));
	}

	@Test
	void theTokenIsHiddenInTheCommandLineOfAnErrorMessage() {
		assertThat(ZmqLogTail.redacted(new String[] { "web", "--token", TOKEN, "tcp://h:1" }))
			.isEqualTo("web --token ****** tcp://h:1");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WebOptions.parse(Map.of(), "tcp://127.0.0.1:5556", "--keep", "--token", TOKEN))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(TOKEN));
	}

	@Test
	void watcherOnlyOptionsAreRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WebOptions.parse(Map.of(), "--json", "tcp://127.0.0.1:5556"))
			.withMessage("--json is a watcher option; web does not take it");
	}

	@Test
	void aListenAddressNeedsAPort() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WebOptions.parse(Map.of(), "--listen", "127.0.0.1", "tcp://127.0.0.1:5556"))
			.withMessage("--listen takes HOST:PORT, e.g. 127.0.0.1:8088, not 127.0.0.1");
	}

}

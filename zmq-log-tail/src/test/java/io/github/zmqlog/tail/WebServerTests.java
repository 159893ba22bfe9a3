package io.github.zmqlog.tail;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The web view at the HTTP level, against a real JeroMQ XPUB that shows what the view
 * subscribes to: the stream, the publisher-side filter, a slow page, and access.
 */
@Timeout(60)
class WebServerTests {

	private static final String TOKEN = "web-view-token-for-tests-0123";

	private final ZContext zmq = new ZContext(1);

	private final List<AutoCloseable> closing = new ArrayList<>();

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	private WebServer server;

	private SharedSubscriber subscriber;

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable closeable : this.closing) {
			closeable.close();
		}
		if (this.server != null) {
			assertThat(this.server.stop(Duration.ofSeconds(5))).isTrue();
		}
		this.zmq.close();
	}

	@Test
	void aPageGetsTheLinesOfItsPrefixesOnlyAndThePublisherFiltersForIt() throws Exception {
		ZMQ.Socket publisher = publisher();
		int port = start(publisher.getLastEndpoint(), PageQueue.DEFAULT_CAPACITY);
		SseClient page = page(port, "/events?topic=app.ERROR");
		assertThat(page.next("hello")).contains("\"prefixes\":[\"app.ERROR\"]");
		assertThat(subscription(publisher)).isEqualTo("\u0001app.ERROR");
		publisher.sendMore("app.INFO");
		publisher.send("not for this page");
		publisher.sendMore("app.ERROR.db");
		publisher.send("<img src=x onerror=alert(1)> \u001b[31mred\n\tat A.b(A.java:1)\n");
		assertThat(page.next("line")).isEqualTo("{\"t\":\"app.ERROR.db\",\"m\":\"<img src=x onerror=alert(1)>"
				+ " \\\\x1b[31mred\\n\\tat A.b(A.java:1)\",\"l\":\"error\",\"x\":\"[escaped]\"}");
		page.close();
		assertThat(subscription(publisher)).as("the page gone, the publisher stops sending for it")
			.isEqualTo("\u0000app.ERROR");
	}

	@Test
	void pagesShareOneSocketSubscribedToTheUnionOfTheirPrefixes() throws Exception {
		ZMQ.Socket publisher = publisher();
		int port = start(publisher.getLastEndpoint(), PageQueue.DEFAULT_CAPACITY);
		SseClient errors = page(port, "/events?topic=app.ERROR");
		assertThat(subscription(publisher)).isEqualTo("\u0001app.ERROR");
		SseClient everything = page(port, "/events");
		assertThat(subscription(publisher)).isEqualTo("\u0001");
		SseClient moreErrors = page(port, "/events?topic=app.ERROR&topic=app.WARN");
		assertThat(subscription(publisher)).isEqualTo("\u0001app.WARN");
		publisher.sendMore("app.WARN");
		publisher.send("w");
		publisher.sendMore("app.ERROR");
		publisher.send("e");
		assertThat(errors.next("line")).contains("\"t\":\"app.ERROR\"");
		assertThat(everything.next("line")).contains("\"t\":\"app.WARN\"");
		assertThat(everything.next("line")).contains("\"t\":\"app.ERROR\"");
		assertThat(moreErrors.next("line")).contains("\"t\":\"app.WARN\"");
		assertThat(moreErrors.next("line")).contains("\"t\":\"app.ERROR\"");
		everything.close();
		assertThat(subscription(publisher)).isEqualTo("\u0000");
		errors.close();
		moreErrors.close();
		List<String> last = List.of(subscription(publisher), subscription(publisher));
		assertThat(last).as("app.ERROR goes with the last page that held it").contains("\u0000app.ERROR");
		assertThat(this.subscriber.received()).isEqualTo(2);
	}

	@Test
	void aPageThatReadsNothingIsDroppedAtTheServerAndToldHowMany() throws Exception {
		ZMQ.Socket publisher = publisher();
		publisher.setXpubNoDrop(true); // a full pipe to the view would block this send
		publisher.setSendTimeOut(10_000);
		int port = start(publisher.getLastEndpoint(), 10);
		SseClient page = pageNotReading(port, "/events");
		subscription(publisher);
		int count = 5_000;
		String body = "x".repeat(4096);
		for (int i = 0; i < count; i++) {
			assertThat(publisher.sendMore("app.INFO") && publisher.send(i + " " + body))
				.as("the publisher is never held up by the page")
				.isTrue();
		}
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(
					() -> assertThat(this.subscriber.received()).as("the view took everything").isEqualTo(count));
		page.startReading();
		long lines = 0;
		long dropped = 0;
		while (lines + dropped < count) {
			SseClient.Event event = page.take();
			if (event.name().equals("line")) {
				lines++;
			}
			else if (event.name().equals("dropped")) {
				dropped = Long.parseLong(event.data().replaceAll("\\D", ""));
			}
		}
		System.out.printf(
				"[reliability] web view, a page that read nothing: %,d sent, %,d received by the view,"
						+ " %,d reached the page, %,d dropped at the server and told%n",
				count, this.subscriber.received(), lines, dropped);
		assertThat(lines + dropped).isEqualTo(count);
		assertThat(dropped).as("most could not wait for the page").isGreaterThan(count / 2);
	}

	@Test
	void onLoopbackWithoutATokenOnlyLoopbackHostNamesAreServed() throws Exception {
		int port = start(publisher().getLastEndpoint(), PageQueue.DEFAULT_CAPACITY);
		HttpResponse<String> page = get(port, "/");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<script src=\"app.js\"></script>");
		assertThat(page.headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying((csp) -> assertThat(csp).contains("default-src 'none'").contains("script-src 'self'"));
		assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(get(port, "/app.js").body()).contains("textContent");
		assertThat(get(port, "/nothing").statusCode()).isEqualTo(404);
		assertThat(rawStatus(port, "/", "Host: logs.attacker.example")).as("a DNS name rebound to 127.0.0.1")
			.isEqualTo(403);
		assertThat(rawStatus(port, "/", "Host: localhost:" + port)).isEqualTo(200);
	}

	@Test
	void withATokenPageAndStreamNeedIt() throws Exception {
		ZMQ.Socket publisher = publisher();
		int port = start(WebOptions.parse(Map.of(WebOptions.TOKEN_ENV, TOKEN), "--listen", "0.0.0.0:0",
				publisher.getLastEndpoint()), PageQueue.DEFAULT_CAPACITY);
		HttpResponse<String> refused = get(port, "/");
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(refused.body()).contains("?token=").doesNotContain(TOKEN);
		assertThat(get(port, "/?token=wrong-token-of-enough-length").statusCode()).isEqualTo(401);
		assertThat(get(port, "/app.js").statusCode()).isEqualTo(401);
		assertThat(rawStatus(port, "/events")).isEqualTo(401);
		HttpResponse<String> admitted = get(port, "/?token=" + TOKEN);
		assertThat(admitted.statusCode()).isEqualTo(303);
		assertThat(admitted.headers().firstValue("Location")).hasValue("/");
		String cookie = admitted.headers().firstValue("Set-Cookie").orElseThrow();
		assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict");
		HttpResponse<String> page = this.http.send(request(port, "/").header("Cookie", cookie.split(";")[0]).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).doesNotContain(TOKEN);
		assertThat(rawStatus(port, "/", "Host: logs.example")).as("with a token, any host name").isEqualTo(401);
		SseClient stream = page(port, "/events", "Authorization: Bearer " + TOKEN);
		assertThat(stream.next("hello")).doesNotContain(TOKEN);
	}

	private ZMQ.Socket publisher() {
		ZMQ.Socket publisher = this.zmq.createSocket(SocketType.XPUB);
		publisher.setXpubVerbose(true);
		publisher.setReceiveTimeOut(20_000);
		publisher.bind("tcp://127.0.0.1:*");
		return publisher;
	}

	private static String subscription(ZMQ.Socket publisher) {
		byte[] subscription = publisher.recv();
		assertThat(subscription).as("a (un)subscription within 20 s").isNotNull();
		return new String(subscription, StandardCharsets.UTF_8);
	}

	private int start(String endpoint, int queueCapacity) throws Exception {
		return start(WebOptions.parse(Map.of(), "--listen", "127.0.0.1:0", endpoint), queueCapacity);
	}

	private int start(WebOptions options, int queueCapacity) throws Exception {
		this.subscriber = new SharedSubscriber(options.tail());
		this.subscriber.start(Duration.ofSeconds(10));
		this.server = new WebServer(options, this.subscriber, queueCapacity);
		CompletableFuture.runAsync(this.server::run);
		String address = this.server.awaitReady(Duration.ofSeconds(10));
		assertThat(address).isNotNull();
		return URI.create(address).getPort();
	}

	private SseClient page(int port, String path, String... headers) throws IOException {
		SseClient client = new SseClient(port, path, headers);
		this.closing.add(client);
		return client.startReading();
	}

	private SseClient pageNotReading(int port, String path) throws IOException {
		SseClient client = new SseClient(port, path);
		this.closing.add(client);
		return client;
	}

	private HttpRequest.Builder request(int port, String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20));
	}

	private HttpResponse<String> get(int port, String path) throws Exception {
		return this.http.send(request(port, path).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static int rawStatus(int port, String path, String... headers) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(20_000);
			boolean host = headers.length > 0 && headers[0].startsWith("Host:");
			StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\n");
			if (!host) {
				request.append("Host: 127.0.0.1:").append(port).append("\r\n");
			}
			for (String header : headers) {
				request.append(header).append("\r\n");
			}
			socket.getOutputStream()
				.write(request.append("Connection: close\r\n\r\n").toString().getBytes(StandardCharsets.UTF_8));
			String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
			return Integer.parseInt(status.substring(9, 12));
		}
	}

}

package io.github.zmqlog.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code zmq-log-bom} module against the reactor's poms: it lists every published
 * artifact (every jar module whose pom does not set {@code maven.deploy.skip}), at the
 * project's version, and nothing else; it has no parent, so that importing it brings no
 * other versions (Spring Boot's, JeroMQ's) into an application's build.
 */
class ZmqLogBomTests {

	private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();

	@Test
	void bomListsEveryPublishedArtifactAtTheProjectsVersion() throws Exception {
		Element root = read(ROOT.resolve("pom.xml"));
		String version = text(root, "version");
		TreeSet<String> published = new TreeSet<>();
		for (String module : modules(root)) {
			Element pom = read(ROOT.resolve(module).resolve("pom.xml"));
			String packaging = text(pom, "packaging");
			Element properties = child(pom, "properties");
			boolean skipped = properties != null && "true".equals(text(properties, "maven.deploy.skip"));
			if (!skipped && (packaging == null || packaging.equals("jar"))) {
				published.add(text(pom, "artifactId"));
			}
		}
		assertThat(published).contains("zmq-log-logback", "zmq-log-spring-boot-autoconfigure",
				"zmq-log-spring-boot-starter");
		Element bom = read(ROOT.resolve("zmq-log-bom").resolve("pom.xml"));
		assertThat(modules(root)).contains("zmq-log-bom");
		assertThat(child(bom, "parent")).as("the BOM has no parent").isNull();
		assertThat(text(bom, "version")).isEqualTo(version);
		assertThat(text(bom, "packaging")).isEqualTo("pom");
		TreeSet<String> listed = new TreeSet<>();
		for (Element dependency : children(child(child(bom, "dependencyManagement"), "dependencies"), "dependency")) {
			assertThat(text(dependency, "groupId")).isEqualTo(text(root, "groupId"));
			assertThat(text(dependency, "version")).isIn("${project.version}", version);
			listed.add(text(dependency, "artifactId"));
		}
		assertThat(listed).isEqualTo(published);
	}

	@Test
	void bomCarriesWhatMavenCentralRequires() throws Exception {
		Element bom = read(ROOT.resolve("zmq-log-bom").resolve("pom.xml"));
		for (String required : List.of("groupId", "artifactId", "version", "name", "description", "url", "licenses",
				"developers", "scm")) {
			assertThat(child(bom, required)).as(required).isNotNull();
		}
	}

	private static List<String> modules(Element root) {
		List<String> modules = new ArrayList<>();
		NodeList all = root.getElementsByTagName("module"); // with the profiles'
		for (int i = 0; i < all.getLength(); i++) {
			modules.add(all.item(i).getTextContent().trim());
		}
		return modules;
	}

	private static Element read(Path pom) throws IOException, ParserConfigurationException, SAXException {
		assertThat(pom).exists();
		try (var in = Files.newInputStream(pom)) {
			Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
			return document.getDocumentElement();
		}
	}

	private static Element child(Element parent, String name) {
		List<Element> found = children(parent, name);
		return found.isEmpty() ? null : found.get(0);
	}

	private static List<Element> children(Element parent, String name) {
		List<Element> found = new ArrayList<>();
		for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element element && element.getTagName().equals(name)) {
				found.add(element);
			}
		}
		return found;
	}

	private static String text(Element parent, String name) {
		Element element = child(parent, name);
		return (element != null) ? element.getTextContent().trim() : null;
	}

}

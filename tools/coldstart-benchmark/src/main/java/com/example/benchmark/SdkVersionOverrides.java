package com.example.benchmark;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The one change the benchmark makes to a sample's build: an AWS SDK for Java 2.x older than 2.28.1
 * ignores {@code AWS_ENDPOINT_URL}, so a client built without an endpoint override (as samples
 * build theirs) would call AWS itself, which the local run cannot answer. Such versions are raised
 * to the SDK version this project uses, in a copy of the sample's pom (a literal version) or by a
 * {@code -D} property (a version taken from a property); everything else is built as declared.
 */
final class SdkVersionOverrides {

    /** The first SDK release that reads {@code AWS_ENDPOINT_URL} and {@code AWS_ENDPOINT_URL_<SERVICE>}. */
    static final String FIRST_WITH_ENDPOINT_VARIABLES = "2.28.1";

    /** Why an override was made, as the benchmark's output and report say it. */
    static final String REASON = "an SDK before " + FIRST_WITH_ENDPOINT_VARIABLES
            + " ignores AWS_ENDPOINT_URL: the sample's client would call AWS itself, not the local run";

    private static final String SDK_GROUP = "software.amazon.awssdk";

    /** One version the build uses instead of the declared one. */
    record VersionOverride(String what, String declared, String used) {

        @Override
        public String toString() {
            return what + " " + declared + " -> " + used;
        }
    }

    /**
     * The pom to build with, the {@code -D} properties to build it with, and every override.
     *
     * @param pom        the copy's text: the original's when no literal version changed
     * @param properties {@code -D} properties for versions the pom takes from a property
     */
    record Overridden(String pom, Map<String, String> properties, List<VersionOverride> overrides) {

        Overridden {
            properties = Map.copyOf(properties);
            overrides = List.copyOf(overrides);
        }
    }

    private SdkVersionOverrides() {
    }

    /** The sample's pom with each SDK dependency (the BOM included) older than 2.28.1 raised to {@code sdkVersion}. */
    static Overridden apply(String pom, String sdkVersion) {
        Document document = parse(pom);
        Element project = document.getDocumentElement();
        Map<String, String> declaredProperties = properties(project);
        Map<String, String> properties = new LinkedHashMap<>();
        List<VersionOverride> overrides = new ArrayList<>();
        boolean pomChanged = false;
        for (Element dependency : sdkDependencies(project)) {
            Optional<Element> version = child(dependency, "version");
            if (version.isEmpty()) {
                continue;
            }
            String artifact = SDK_GROUP + ":" + text(dependency, "artifactId");
            String declared = version.get().getTextContent().trim();
            if (declared.startsWith("${") && declared.endsWith("}")) {
                String property = declared.substring(2, declared.length() - 1);
                String value = declaredProperties.getOrDefault(property, declared);
                if (isOlder(value) && !properties.containsKey(property)) {
                    properties.put(property, sdkVersion);
                    overrides.add(new VersionOverride("-D" + property + " (" + artifact + ")", value, sdkVersion));
                }
            } else if (isOlder(declared)) {
                version.get().setTextContent(sdkVersion);
                pomChanged = true;
                overrides.add(new VersionOverride(artifact, declared, sdkVersion));
            }
        }
        return new Overridden(pomChanged ? write(document) : pom, properties, overrides);
    }

    /** Whether a version is older than the first that reads the endpoint variables; an unreadable one is left alone. */
    static boolean isOlder(String version) {
        if (!version.matches("\\d+(\\.\\d+)*([.-].*)?")) {
            return false;
        }
        int[] given = numbers(version);
        int[] first = numbers(FIRST_WITH_ENDPOINT_VARIABLES);
        for (int i = 0; i < first.length; i++) {
            int part = i < given.length ? given[i] : 0;
            if (part != first[i]) {
                return part < first[i];
            }
        }
        return false;
    }

    private static int[] numbers(String version) {
        return java.util.Arrays.stream(version.split("[.-]")).takeWhile(part -> part.matches("\\d+"))
                .mapToInt(Integer::parseInt).toArray();
    }

    /** The project's own dependencies and managed dependencies of the SDK's group (not plugins' dependencies). */
    private static List<Element> sdkDependencies(Element project) {
        List<Element> dependencies = new ArrayList<>();
        List<Optional<Element>> lists = List.of(
                child(project, "dependencyManagement").flatMap(management -> child(management, "dependencies")),
                child(project, "dependencies"));
        for (Optional<Element> list : lists) {
            list.ifPresent(found -> children(found, "dependency").stream()
                    .filter(dependency -> SDK_GROUP.equals(text(dependency, "groupId")))
                    .forEach(dependencies::add));
        }
        return dependencies;
    }

    private static Map<String, String> properties(Element project) {
        Map<String, String> properties = new LinkedHashMap<>();
        child(project, "properties").ifPresent(list -> {
            for (Node node = list.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element property) {
                    properties.put(property.getTagName(), property.getTextContent().trim());
                }
            }
        });
        return properties;
    }

    private static Optional<Element> child(Element parent, String name) {
        return children(parent, name).stream().findFirst();
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
        return child(parent, name).map(element -> element.getTextContent().trim()).orElse("");
    }

    /** A pom from a public repository: no DTDs, no external entities. */
    private static Document parse(String pom) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(pom.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalArgumentException("the sample's pom.xml is not readable XML: " + e.getMessage(), e);
        }
    }

    private static String write(Document document) {
        try {
            StringWriter text = new StringWriter();
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.transform(new DOMSource(document), new StreamResult(text));
            return text.toString();
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the sample's pom: " + e.getMessage(), e);
        }
    }
}

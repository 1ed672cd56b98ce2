package com.example.tests.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.local.cloudformation.CloudFormationTemplate.Resource;
import com.example.platform.json.Json;
import com.example.tests.FreshClone;
import com.example.tests.template.ApplicationTemplates;
import com.example.tests.local.Command;
import com.example.tests.local.DevTools;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code sam build} on a copy of the checkout holding only what git would clone, so nothing built
 * earlier can help: the layer must carry every third-party jar under java/lib, and each function
 * artifact only its own module's classes; beside each artifact, its bill of materials lists exactly
 * what it ships.
 */
class SamBuildTest {

    private static final Pattern CLASSIFIER = Pattern.compile("[?&]classifier=([^&]+)");

    @TempDir
    static Path checkout;

    private static Path buildDirectory;

    @BeforeAll
    static void samBuildFromAFreshCopy() {
        FreshClone.copyTo(checkout);
        buildDirectory = checkout.resolve(".aws-sam/build");
        Path sam = DevTools.executable("sam");
        String path = sam.getParent() + ":" + System.getenv("PATH");
        Command.Result result = new Command(List.of(sam.toString(), "build", "--build-dir", buildDirectory.toString()), checkout,
                Map.of("SAM_CLI_TELEMETRY", "0", "JAVA_HOME", System.getProperty("java.home"), "PATH", path))
                .run(900);
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void theLayerShipsItsOwnJarAndEveryThirdPartyJarUnderJavaLib() {
        List<String> jars = fileNames(buildDirectory.resolve("SharedLayer/java/lib"));

        assertThat(jars).anyMatch(jar -> jar.startsWith("shared-layer-"))
                .anyMatch(jar -> jar.startsWith("dynamodb-2."))
                .anyMatch(jar -> jar.startsWith("powertools-logging-"))
                .anyMatch(jar -> jar.startsWith("jackson-databind-"))
                .anyMatch(jar -> jar.startsWith("aws-xray-recorder-sdk-aws-sdk-v2-instrumentor-"));
        assertThat(jars).as("one HTTP stack: the URLConnection client")
                .noneMatch(jar -> jar.startsWith("apache-client-") || jar.startsWith("apache5-client-")
                        || jar.startsWith("netty-nio-client-") || jar.startsWith("httpclient-") || jar.startsWith("httpclient5-")
                        || jar.startsWith("aws-crt-"));
    }

    /**
     * The layer's bill of materials is what the pipeline scans for known vulnerabilities
     * (tools/pipeline/README.md), so it must be the deployed jars exactly: each third-party jar a
     * component of that name and version with that SHA-256, no component that is not shipped, and the
     * layer's own jar the BOM's subject.
     */
    @Test
    void theLayersBillOfMaterialsListsExactlyTheThirdPartyJarsItShips() throws IOException {
        Path layer = buildDirectory.resolve("SharedLayer");
        JsonNode bom = Json.parse(Files.readString(buildDirectory.resolve("SharedLayer.cdx.json")));
        String ownJar = jarName(bom.path("metadata").path("component"));
        Set<String> listed = new TreeSet<>();
        bom.path("components").forEach(component -> listed.add(jarName(component) + " sha256:" + sha256Of(component)));
        List<String> jars = fileNames(layer.resolve("java/lib"));
        Set<String> shipped = new TreeSet<>();
        for (String jar : jars) {
            if (!jar.equals(ownJar)) {
                shipped.add(jar + " sha256:" + sha256(layer.resolve("java/lib").resolve(jar)));
            }
        }

        assertThat(jars).as("the layer's jars").contains(ownJar).hasSizeGreaterThan(1);
        assertThat(difference(shipped, listed)).as("jars the layer ships that its BOM does not list").isEmpty();
        assertThat(difference(listed, shipped)).as("components the BOM lists that the layer does not ship").isEmpty();
        try (Stream<Path> files = Files.walk(layer)) {
            assertThat(files.filter(Files::isRegularFile).map(layer::relativize).map(Path::toString))
                    .as("the layer holds its jars and nothing else: its BOM is beside it")
                    .allMatch(file -> file.startsWith("java/lib/") && file.endsWith(".jar"));
        }
    }

    /** A function ships its service's classes and nothing third-party: its BOM says so, of the jar it ships. */
    @Test
    void everyFunctionsBillOfMaterialsIsOfTheJarItShipsWithNoThirdPartyComponent() {
        assertThat(functions().keySet()).isNotEmpty().allSatisfy(id -> {
            JsonNode bom = Json.parse(Files.readString(buildDirectory.resolve(id + ".cdx.json")));
            assertThat(fileNames(buildDirectory.resolve(id).resolve("lib"))).as(id)
                    .containsExactly(bom.path("metadata").path("component").path("name").asText() + ".jar");
            assertThat(bom.path("components")).as(id + " components").isEmpty();
        });
    }

    @Test
    void everyFunctionArtifactHoldsOnlyItsOwnModulesClasses() {
        Map<String, Resource> functions = functions();
        assertThat(functions).isNotEmpty().allSatisfy((id, function) -> {
            Path artifact = buildDirectory.resolve(id);
            List<Path> files;
            try (Stream<Path> walk = Files.walk(artifact)) {
                files = walk.filter(Files::isRegularFile).toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            assertThat(files).as(id).hasSize(1);
            String handlerPackage = function.stringProperty("Handler").replaceAll("\\.[A-Za-z]+::.*$", "");
            String module = handlerPackage.split("\\.")[2];
            assertThat(entries(files.getFirst())).as(id).isNotEmpty().allSatisfy(entry ->
                    assertThat(entry.startsWith("com/example/" + module + "/") || entry.startsWith("META-INF/")
                            || entry.startsWith("contracts/") || entry.equals("com/") || entry.equals("com/example/"))
                            .as(entry).isTrue());
        });
    }

    /**
     * Deterministic cold-start budgets (docs/performance.md): a little above the sizes measured when
     * they were set, so growth fails the build with the number. What Lambda downloads and unpacks per
     * cold environment is the artifact and the zipped layer. Each artifact holds only the classes its
     * handler reaches (function-packaging), so functions of one service differ.
     */
    @Test
    void everyArtifactAndTheZippedLayerStayWithinTheirSizeBudgets() throws IOException {
        Map<String, Long> artifactBudgets = Map.of("OrdersService/PlaceOrderFunction", 71_000L,
                "OrdersService/GetOrderFunction", 55_500L, "OrdersService/ReviewOrderFunction", 58_000L,
                "OrdersService/RiskCheckFunction", 17_500L, "OrdersService/MarkOrderInvoicedFunction", 56_000L,
                "OrdersService/PlaceOrderFromQueueFunction", 72_000L, "InvoiceService/IssueInvoiceFunction", 45_000L,
                "InvoiceService/GetInvoiceFunction", 26_500L, "IngestionService/IngestFileFunction", 33_500L);
        // IssueInvoice 42,000 -> 45,000: since its invoices record their signing key's version and its priming
        // reads no key (CurrentSigningKey), its artifact is 43,805 bytes (40,931 before).
        // IngestFile 32,000 -> 33,500: since it refuses a file over PartnerFileMaxBytes unread (TooLarge), 32,560 bytes.
        assertThat(artifactBudgets).containsOnlyKeys(functions().keySet());
        for (String function : functions().keySet()) {
            assertThat(size(buildDirectory.resolve(function))).as(function + " artifact, bytes")
                    .isLessThanOrEqualTo(artifactBudgets.get(function));
        }
        // 28.5 MB since the SDK 2.57.8 upgrade: its jars are 0.5 MB heavier, and they spare every function the ~320
        // service metadata classes 2.41 loaded while building a client (docs/performance.md).
        assertThat(zippedSize(buildDirectory.resolve("SharedLayer"))).as("the layer zipped, bytes")
                .isLessThanOrEqualTo(28_500_000L);
    }

    /** Every function of the application by its qualified id, which is where sam build puts its artifact. */
    private static Map<String, Resource> functions() {
        Map<String, Resource> functions = new java.util.LinkedHashMap<>();
        ApplicationTemplates.stacks().forEach(stack -> stack.template().resourcesOfType("AWS::Serverless::Function")
                .forEach(function -> functions.put(stack.qualified(function.logicalId()), function)));
        return functions;
    }

    private static long size(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            long total = 0;
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                total += Files.size(file);
            }
            return total;
        }
    }

    /** The size of the directory as SAM uploads it: one zip, deflated. */
    private static long zippedSize(Path directory) throws IOException {
        CountingOutputStream counted = new CountingOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(counted); Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry(directory.relativize(file).toString()));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
        return counted.count;
    }

    private static final class CountingOutputStream extends OutputStream {
        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            count += length;
        }
    }

    /** The file name maven-dependency-plugin gives a component's jar: artifactId-version[-classifier].jar. */
    private static String jarName(JsonNode component) {
        Matcher classifier = CLASSIFIER.matcher(component.path("purl").asText());
        return component.path("name").asText() + "-" + component.path("version").asText()
                + (classifier.find() ? "-" + classifier.group(1) : "") + ".jar";
    }

    private static Set<String> difference(Set<String> these, Set<String> those) {
        Set<String> difference = new TreeSet<>(these);
        difference.removeAll(those);
        return difference;
    }

    private static String sha256Of(JsonNode component) {
        for (JsonNode hash : component.path("hashes")) {
            if (hash.path("alg").asText().equals("SHA-256")) {
                return hash.path("content").asText();
            }
        }
        return "no SHA-256 in the BOM";
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> entries(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().map(ZipEntry::getName).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> fileNames(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

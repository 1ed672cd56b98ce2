package com.example.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A function's jar holds every class its handler reaches, however it reaches it, and nothing else of
 * its service but the resources; a handler that is not in the service jar is refused by name.
 */
class FunctionJarTest {

    private static final String FIXTURES = "com/example/packaging/fixtures/";

    @TempDir
    Path directory;

    private Path serviceJar;

    @BeforeEach
    void aServiceJarOfTheFixturesAndAContract() throws IOException {
        Path classes = Path.of(FunctionJarTest.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        serviceJar = directory.resolve("service.jar");
        try (OutputStream file = Files.newOutputStream(serviceJar); JarOutputStream jar = new JarOutputStream(file);
             Stream<Path> fixtures = Files.list(classes.resolve(FIXTURES))) {
            for (Path fixture : fixtures.sorted().toList()) {
                jar.putNextEntry(new JarEntry(FIXTURES + fixture.getFileName()));
                jar.write(Files.readAllBytes(fixture));
                jar.closeEntry();
            }
            jar.putNextEntry(new JarEntry("contracts/api/request.schema.json"));
            jar.write("{}".getBytes());
            jar.closeEntry();
        }
    }

    @Test
    void theFunctionJarHoldsWhatItsHandlerReachesAndEveryResource() throws IOException {
        Path functionJar = directory.resolve("function/lib/service.jar");

        FunctionJar.Packed packed = FunctionJar.write(ServiceJar.read(serviceJar),
                "com.example.packaging.fixtures.Handler", functionJar);

        List<String> entries = entries(functionJar);
        assertThat(entries).contains("contracts/api/request.schema.json")
                .contains(FIXTURES + "Handler.class", FIXTURES + "Called.class", FIXTURES + "CalledOnlyByCalled.class",
                        FIXTURES + "ByLambda.class", FIXTURES + "Outcome.class", FIXTURES + "Outcome$Done.class",
                        FIXTURES + "Outcome$Refused.class", FIXTURES + "InGeneric.class", FIXTURES + "Annotated.class",
                        FIXTURES + "Marked.class")
                .doesNotContain(FIXTURES + "Unreached.class");
        assertThat(packed.classes()).isEqualTo(10);
        assertThat(packed.serviceClasses()).isEqualTo(11);
        assertThat(packed.summary("Handler")).isEqualTo("Handler: 10 of the service's 11 classes, "
                + String.format("%,d", Files.size(functionJar)) + " bytes");
    }

    @Test
    void theHandlerRunsFromItsFunctionJarAlone() throws Exception {
        Path functionJar = directory.resolve("function.jar");
        FunctionJar.write(ServiceJar.read(serviceJar), "com.example.packaging.fixtures.Handler", functionJar);

        try (URLClassLoader function = new URLClassLoader(new URL[] {functionJar.toUri().toURL()}, null)) {
            Class<?> handler = function.loadClass("com.example.packaging.fixtures.Handler");
            Class<?> done = function.loadClass("com.example.packaging.fixtures.Outcome$Done");
            Object answer = handler.getMethod("handle", function.loadClass("com.example.packaging.fixtures.Outcome"))
                    .invoke(handler.getConstructor().newInstance(), done.getConstructor().newInstance());

            assertThat((String) answer).startsWith("done com.example.packaging.fixtures.ByLambda@").endsWith("10");
            assertThat(handler.getAnnotations()).hasSize(1);
        }
    }

    @Test
    void theSameClassesMakeTheSameJar() throws IOException {
        Path first = directory.resolve("first.jar");
        Path second = directory.resolve("second.jar");

        FunctionJar.write(ServiceJar.read(serviceJar), "com.example.packaging.fixtures.Handler", first);
        FunctionJar.write(ServiceJar.read(serviceJar), "com.example.packaging.fixtures.Handler", second);

        assertThat(Files.readAllBytes(first)).isEqualTo(Files.readAllBytes(second));
    }

    @Test
    void aHandlerThatIsNotInTheServiceJarIsRefusedByName() {
        assertThatThrownBy(() -> FunctionJar.write(ServiceJar.read(serviceJar), "com.example.packaging.fixtures.Missing",
                directory.resolve("missing.jar")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no class com.example.packaging.fixtures.Missing in " + serviceJar);
    }

    private static List<String> entries(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(JarEntry::getName).toList();
        }
    }
}

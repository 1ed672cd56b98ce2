package com.example.local.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The managed {@code java25} runtime, outside its container: the same JVM (a JDK 25), the flags
 * Lambda starts it with, the runtime interface client as its main class, and the function's code
 * where the client looks for it.
 *
 * <p>Two things of the container are rebuilt here. The client loads the function's code from its
 * working directory and {@code /opt/java/lib} (a fixed path, where the layers are), all through one
 * class loader; locally each function gets a task root under {@code sandboxes} that holds its
 * {@code sam build} artifact and, in {@code lib/}, the layers' jars, named so that the class loader
 * sees them in Lambda's order: the function's jars, then the layers' (each group sorted by name).
 * And the client unpacks its native library to a fixed file in {@code /tmp}, which every Lambda
 * sandbox has to itself; environments started together here would overwrite each other's copy,
 * so the library is unpacked once and named to each JVM.
 */
public final class ManagedJavaRuntime {

    private static final String MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    private static final String NATIVE_LIBRARY_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

    private final Path javaHome;
    private final Path runtimeDirectory;
    private final Path sandboxes;
    private final Path nativeLibrary;
    private final java.util.Map<String, Path> taskRoots = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param javaHome         a JDK of the runtime's Java version
     * @param runtimeDirectory the runtime interface client and its dependencies (what the managed
     *                         runtime has under /var/runtime/lib)
     * @param sandboxes        where each function's task root is assembled
     */
    public ManagedJavaRuntime(Path javaHome, Path runtimeDirectory, Path sandboxes) {
        this.javaHome = javaHome;
        this.runtimeDirectory = runtimeDirectory.toAbsolutePath().normalize();
        this.sandboxes = sandboxes.toAbsolutePath().normalize();
        if (jars(this.runtimeDirectory).isEmpty()) {
            throw new IllegalStateException("No Lambda runtime interface client in " + runtimeDirectory
                    + ": build the local run first (./mvnw -pl tools/local-run package)");
        }
        this.nativeLibrary = unpackNativeLibrary();
    }

    /** The JDK running the local run, and the client copied beside its build ({@code -Dlambda.runtime.dir}). */
    public static ManagedJavaRuntime current(Path sandboxes) {
        return new ManagedJavaRuntime(Path.of(System.getProperty("java.home")),
                Path.of(System.getProperty("lambda.runtime.dir", "tools/local-run/target/lambda-runtime")), sandboxes);
    }

    /** The runtime's name for this JDK: {@code java25} on a JDK 25. */
    public String runtimeName() {
        return "java" + Runtime.version().feature();
    }

    public Path runtimeDirectory() {
        return runtimeDirectory;
    }

    /**
     * The command that starts one execution environment. The flags are the managed runtime's: a heap
     * of 85% of the function's memory, the memory as the JVM's view of the machine, the serial
     * collector and the C1 compiler only, class data sharing, IPv4, the runtime's CRaC
     * implementation for SnapStart hooks, and the one module opening the client needs.
     */
    public List<String> command(FunctionConfiguration function) {
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin/java").toString());
        command.add("-XX:MaxHeapSize=" + (function.memoryMb() * 85 / 100) + "m");
        command.add("-XX:MaxRAM=" + function.memoryMb() + "m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:+TieredCompilation");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Xshare:auto");
        command.add("-Djava.net.preferIPv4Stack=true");
        command.add("-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac");
        command.add("--add-opens=java.base/java.io=ALL-UNNAMED");
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-D" + NATIVE_LIBRARY_PROPERTY + "=" + nativeLibrary);
        command.add("-classpath");
        command.add(String.join(java.io.File.pathSeparator, jars(runtimeDirectory)));
        command.add(MAIN_CLASS);
        command.add(function.handler());
        return command;
    }

    /** The variables of one environment: the function's, and the ones Lambda sets per environment. */
    public Map<String, String> environment(FunctionConfiguration function, String runtimeApi, String logStream) {
        Map<String, String> environment = new LinkedHashMap<>(function.environment());
        environment.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        environment.put("AWS_LAMBDA_LOG_STREAM_NAME", logStream);
        environment.put("LAMBDA_TASK_ROOT", taskRoot(function).toString());
        environment.put("LAMBDA_RUNTIME_DIR", runtimeDirectory.toString());
        environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", function.snapStart() ? "snap-start" : "on-demand");
        return environment;
    }

    /**
     * The function's task root, assembled once: links to its artifact's entries, its own jars in
     * {@code lib/} as {@code 0-<name>}, then the layers' {@code java/lib} jars as {@code 1-<name>}
     * (a later layer's jar replaces an earlier one of the same name, as layers overlay in /opt).
     */
    public Path taskRoot(FunctionConfiguration function) {
        return taskRoots.computeIfAbsent(function.logicalId(), id -> assemble(function));
    }

    private Path assemble(FunctionConfiguration function) {
        Path root = sandboxes.resolve(function.logicalId());
        try {
            if (Files.exists(root)) {
                try (Stream<Path> old = Files.walk(root)) {
                    for (Path path : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
            Files.createDirectories(root.resolve("lib"));
            try (Stream<Path> entries = Files.list(function.codeDirectory())) {
                for (Path entry : entries.toList()) {
                    if (!entry.getFileName().toString().equals("lib")) {
                        Files.createSymbolicLink(root.resolve(entry.getFileName()), entry.toAbsolutePath());
                    }
                }
            }
            for (String jar : jars(function.codeDirectory().resolve("lib"))) {
                link(root.resolve("lib"), "0-", Path.of(jar));
            }
            for (Path layer : function.layerDirectories()) {
                for (String jar : jars(layer.resolve("java/lib"))) {
                    link(root.resolve("lib"), "1-", Path.of(jar));
                }
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot assemble the task root of " + function.logicalId() + " in " + root, e);
        }
    }

    private static void link(Path directory, String prefix, Path jar) throws IOException {
        Path link = directory.resolve(prefix + jar.getFileName());
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, jar.toAbsolutePath());
    }

    /** The client's JNI library for this machine, unpacked from its jar once. */
    private Path unpackNativeLibrary() {
        String arch = System.getProperty("os.arch");
        String platform = switch (arch) {
            case "amd64", "x86_64" -> "linux-x86_64";
            case "aarch64", "arm64" -> "linux-aarch_64";
            default -> throw new IllegalStateException("The Lambda runtime interface client has no native library for " + arch);
        };
        if (!System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            throw new IllegalStateException("The Lambda runtime interface client runs on Linux only (its native library is "
                    + "built for Linux); run the local application on Linux or in WSL 2");
        }
        Path unpacked = runtimeDirectory.resolve("jni").resolve("libaws-lambda-jni." + platform + ".so");
        Path clientJar = jars(runtimeDirectory).stream().map(Path::of)
                .filter(jar -> jar.getFileName().toString().startsWith("aws-lambda-java-runtime-interface-client"))
                .findFirst().orElseThrow(() -> new IllegalStateException("No runtime interface client jar in " + runtimeDirectory));
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(clientJar.toFile())) {
            java.util.zip.ZipEntry entry = zip.getEntry("jni/libaws-lambda-jni." + platform + ".so");
            if (entry == null) {
                throw new IllegalStateException(clientJar + " has no native library for " + platform);
            }
            if (!Files.exists(unpacked) || Files.size(unpacked) != entry.getSize()) {
                Files.createDirectories(unpacked.getParent());
                Path partial = Files.createTempFile(unpacked.getParent(), "jni", ".partial");
                try (var in = zip.getInputStream(entry)) {
                    Files.copy(in, partial, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(partial, unpacked, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            return unpacked;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> jars(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".jar")).sorted().map(Path::toString).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package com.example.packaging;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * {@code sam build}'s last step for a function ({@code Makefile}, {@code build-<Function>}): the jar of
 * its service module cut down to the classes its handler can reach, with every resource (contracts,
 * manifest) kept. Six functions share the orders service; each ships only its own path through it.
 *
 * <p>Usage: {@code FunctionJar <service jar> <handler class, or Class::method> <function jar to write>}
 */
public final class FunctionJar {

    private FunctionJar() {
    }

    public static void main(String[] arguments) {
        if (arguments.length != 3) {
            System.err.println("usage: FunctionJar <service jar> <handler class> <function jar to write>");
            System.exit(2);
        }
        String handler = arguments[1].replaceFirst("::.*$", "");
        try {
            Packed packed = write(ServiceJar.read(Path.of(arguments[0])), handler, Path.of(arguments[2]));
            System.err.println(packed.summary(handler));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            System.err.println("FunctionJar: " + e.getMessage());
            System.exit(1);
        }
    }

    /** What a function's jar holds, against the service jar it was cut from. */
    record Packed(int classes, int serviceClasses, long bytes) {

        String summary(String handler) {
            return String.format(Locale.ROOT, "%s: %d of the service's %d classes, %,d bytes", handler, classes,
                    serviceClasses, bytes);
        }
    }

    static Packed write(ServiceJar service, String handlerClass, Path target) {
        Set<String> classes = new TreeSet<>(service.reachableFrom(handlerClass));
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            try (OutputStream file = Files.newOutputStream(target); JarOutputStream jar = new JarOutputStream(file)) {
                // The manifest first, as a jar reader expects it.
                byte[] manifest = service.resources().get("META-INF/MANIFEST.MF");
                if (manifest != null) {
                    add(jar, "META-INF/MANIFEST.MF", manifest);
                }
                for (var resource : new TreeSet<>(service.resources().keySet())) {
                    if (!resource.equals("META-INF/MANIFEST.MF")) {
                        add(jar, resource, service.resources().get(resource));
                    }
                }
                for (String internalName : classes) {
                    add(jar, internalName + ".class", service.classes().get(internalName));
                }
            }
            return new Packed(classes.size(), service.classes().size(), Files.size(target));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /** Entries carry no time, so the same classes make the same jar, byte for byte. */
    private static void add(JarOutputStream jar, String name, byte[] bytes) throws IOException {
        JarEntry entry = new JarEntry(name);
        entry.setTime(0);
        jar.putNextEntry(entry);
        jar.write(bytes);
        jar.closeEntry();
    }
}

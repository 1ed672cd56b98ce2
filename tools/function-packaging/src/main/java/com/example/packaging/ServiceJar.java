package com.example.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/** A service module's jar as the functions built from it see it: its classes by internal name, and its other entries. */
record ServiceJar(Path file, Map<String, byte[]> classes, Map<String, byte[]> resources) {

    private static final String CLASS = ".class";

    ServiceJar {
        classes = Map.copyOf(classes);
        resources = Map.copyOf(resources);
    }

    static ServiceJar read(Path file) {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        Map<String, byte[]> resources = new LinkedHashMap<>();
        try (JarFile jar = new JarFile(file.toFile())) {
            for (JarEntry entry : jar.stream().filter(entry -> !entry.isDirectory()).toList()) {
                byte[] bytes = jar.getInputStream(entry).readAllBytes();
                if (entry.getName().endsWith(CLASS)) {
                    classes.put(entry.getName().substring(0, entry.getName().length() - CLASS.length()), bytes);
                } else {
                    resources.put(entry.getName(), bytes);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return new ServiceJar(file, classes, resources);
    }

    /**
     * The classes of this jar the handler can reach, following every reference between them (the
     * handler included); classes of the layer and the JDK are not followed, they are not shipped here.
     */
    Set<String> reachableFrom(String handlerClass) {
        String root = handlerClass.replace('.', '/');
        if (!classes.containsKey(root)) {
            throw new IllegalArgumentException("no class " + handlerClass + " in " + file);
        }
        Set<String> reached = new LinkedHashSet<>();
        Deque<String> next = new ArrayDeque<>();
        next.add(root);
        while (!next.isEmpty()) {
            String current = next.poll();
            if (reached.add(current)) {
                ClassReferences.of(classes.get(current)).stream()
                        .filter(classes::containsKey)
                        .filter(referenced -> !reached.contains(referenced))
                        .forEach(next::add);
            }
        }
        return reached;
    }
}

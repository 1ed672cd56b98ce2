package com.example.packaging;

import java.lang.classfile.ClassFile;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.constantpool.Utf8Entry;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The classes one class file names, read from its constant pool: every class entry (what its code
 * instantiates, calls, casts to, switches on, and its nested classes) and every class in a
 * descriptor or signature (method and field types, generics, annotation values). A superset of what
 * loading and running it can need, which is what a function must ship.
 */
final class ClassReferences {

    private static final Pattern DESCRIBED_CLASS = Pattern.compile("L([^;<>\\[]+)[;<]");

    private ClassReferences() {
    }

    /** Internal names ({@code com/example/orders/api/PlaceOrderHandler}) of the classes {@code classFile} refers to. */
    static Set<String> of(byte[] classFile) {
        Set<String> referenced = new HashSet<>();
        for (PoolEntry entry : ClassFile.of().parse(classFile).constantPool()) {
            switch (entry) {
                case ClassEntry type -> referenced.add(elementType(type.asInternalName()));
                case Utf8Entry text -> describedClasses(text.stringValue(), referenced);
                default -> {
                }
            }
        }
        return referenced;
    }

    /** An array class entry ({@code [Lcom/example/X;}) names its element class. */
    private static String elementType(String internalName) {
        if (!internalName.startsWith("[")) {
            return internalName;
        }
        Matcher element = DESCRIBED_CLASS.matcher(internalName);
        return element.find() ? element.group(1) : internalName;
    }

    private static void describedClasses(String text, Set<String> referenced) {
        Matcher described = DESCRIBED_CLASS.matcher(text);
        while (described.find()) {
            referenced.add(described.group(1));
        }
    }
}

package com.example.tests.iam;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.constantpool.MethodHandleEntry;
import java.lang.classfile.constantpool.MemberRefEntry;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.NewObjectInstruction;
import java.lang.invoke.MethodHandleInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The IAM actions a function's code can need, read from its bytecode: every method its handler can
 * reach through the application's own classes (a call graph over the services and the layer, calls
 * on our interfaces dispatched to every implementation we ship), and in those methods every call on
 * an AWS SDK client, on the DynamoDB enhanced client, or on Powertools' Parameter Store provider,
 * named as the IAM action it is authorised by. Libraries are not followed: what they call for us is
 * in the tables below, so a library call that needs a grant and is missing from them makes the
 * grants check fail on a grant it cannot explain, never pass on one it did not check.
 */
final class SdkCalls {

    /** The application's own packages, followed method by method. */
    private static final Pattern OWN_CODE = Pattern.compile("com/example/(orders|invoices|ingestion|platform)/.*");

    /** An SDK client interface: {@code software/amazon/awssdk/services/<package>/<Name>Client}. */
    private static final Pattern SDK_CLIENT = Pattern.compile("software/amazon/awssdk/services/([a-z0-9]+)/\\w+Client");

    /** The SDK's package name where the IAM service prefix differs. */
    private static final Map<String, String> IAM_PREFIX = Map.of("eventbridge", "events", "sfn", "states");

    /** Client methods that are not requests. */
    private static final Set<String> NOT_REQUESTS = Set.of("close", "serviceName", "serviceClientConfiguration", "utilities", "waiter");

    /**
     * Operations whose IAM action is not their name. HeadObject is authorised by GetObject, and a
     * missing key answers 404 (rather than 403) only to a caller that may list the bucket: the code
     * that asks whether an object exists relies on that 404. CopyObject reads its source and writes
     * its target. A transaction is authorised by the actions it holds (see {@link #WIDENING_SETTERS}).
     */
    private static final Map<String, List<String>> IRREGULAR_OPERATIONS = Map.of(
            "s3:HeadObject", List.of("s3:GetObject", "s3:ListBucket"),
            "s3:ListObjectsV2", List.of("s3:ListBucket"),
            "s3:CopyObject", List.of("s3:GetObject", "s3:PutObject"),
            "dynamodb:TransactWriteItems", List.of(),
            "dynamodb:TransactGetItems", List.of());

    /** Request builder setters that make a call need one more action (a version read, an action in a transaction). */
    private static final Map<String, String> WIDENING_SETTERS = Map.ofEntries(
            Map.entry("software/amazon/awssdk/services/s3/model/GetObjectRequest$Builder.versionId", "s3:GetObjectVersion"),
            Map.entry("software/amazon/awssdk/services/s3/model/HeadObjectRequest$Builder.versionId", "s3:GetObjectVersion"),
            Map.entry("software/amazon/awssdk/services/s3/model/CopyObjectRequest$Builder.sourceVersionId", "s3:GetObjectVersion"),
            Map.entry("software/amazon/awssdk/services/s3/model/DeleteObjectRequest$Builder.versionId", "s3:DeleteObjectVersion"),
            Map.entry("software/amazon/awssdk/services/dynamodb/model/TransactWriteItem$Builder.put", "dynamodb:PutItem"),
            Map.entry("software/amazon/awssdk/services/dynamodb/model/TransactWriteItem$Builder.update", "dynamodb:UpdateItem"),
            Map.entry("software/amazon/awssdk/services/dynamodb/model/TransactWriteItem$Builder.delete", "dynamodb:DeleteItem"),
            Map.entry("software/amazon/awssdk/services/dynamodb/model/TransactWriteItem$Builder.conditionCheck", "dynamodb:ConditionCheckItem"),
            Map.entry("software/amazon/awssdk/services/dynamodb/model/TransactGetItem$Builder.get", "dynamodb:GetItem"));

    /** Libraries that call a client for us, by the method we call on them. */
    private static final Map<String, String> LIBRARY_CALLS = Map.ofEntries(
            Map.entry("software/amazon/awssdk/enhanced/dynamodb/DynamoDbTable.getItem", "dynamodb:GetItem"),
            Map.entry("software/amazon/awssdk/enhanced/dynamodb/DynamoDbTable.putItem", "dynamodb:PutItem"),
            Map.entry("software/amazon/awssdk/enhanced/dynamodb/DynamoDbTable.updateItem", "dynamodb:UpdateItem"),
            Map.entry("software/amazon/awssdk/enhanced/dynamodb/DynamoDbTable.deleteItem", "dynamodb:DeleteItem"),
            Map.entry("software/amazon/awssdk/enhanced/dynamodb/DynamoDbTable.query", "dynamodb:Query"),
            Map.entry("software/amazon/awssdk/enhanced/dynamodb/DynamoDbTable.scan", "dynamodb:Scan"),
            Map.entry("software/amazon/awssdk/enhanced/dynamodb/DynamoDbIndex.query", "dynamodb:Query"),
            Map.entry("software/amazon/awssdk/enhanced/dynamodb/DynamoDbIndex.scan", "dynamodb:Scan"),
            Map.entry("software/amazon/awssdk/enhanced/dynamodb/DynamoDbEnhancedClient.batchGetItem", "dynamodb:BatchGetItem"),
            Map.entry("software/amazon/awssdk/enhanced/dynamodb/DynamoDbEnhancedClient.batchWriteItem", "dynamodb:BatchWriteItem"),
            Map.entry("software/amazon/lambda/powertools/parameters/ssm/SSMProvider.get", "ssm:GetParameter"),
            Map.entry("software/amazon/lambda/powertools/parameters/ssm/SSMProvider.getMultiple", "ssm:GetParametersByPath"));

    /** Library methods we cannot map: calling one fails the analysis rather than guess. */
    private static final Set<String> UNMAPPED_LIBRARY_CALLS = Set.of(
            "software/amazon/awssdk/enhanced/dynamodb/DynamoDbEnhancedClient.transactWriteItems",
            "software/amazon/awssdk/enhanced/dynamodb/DynamoDbEnhancedClient.transactGetItems");

    private record Method(String owner, String name, String descriptor) {

        String key() {
            return owner + "." + name;
        }
    }

    private final Map<String, ClassModel> classes;

    private SdkCalls(Map<String, ClassModel> classes) {
        this.classes = classes;
    }

    /** The application's classes on this class path: the service modules and the layer. */
    static SdkCalls onClassPath() {
        Map<String, ClassModel> classes = new HashMap<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path)) {
                readDirectory(path, classes);
            } else if (entry.endsWith(".jar") && Files.isRegularFile(path)) {
                readJar(path, classes);
            }
        }
        return new SdkCalls(classes);
    }

    /** The IAM actions the code reached from {@code handlerClass} (a binary name) calls for. */
    Set<String> actionsOf(String handlerClass) {
        String handler = handlerClass.replace('.', '/');
        if (!classes.containsKey(handler)) {
            throw new IllegalArgumentException("no class " + handlerClass + " on the class path");
        }
        Walk walk = new Walk();
        walk.instantiated(handler);
        classes.get(handler).methods().forEach(method -> walk.reach(new Method(handler, method.methodName().stringValue(),
                method.methodType().stringValue())));
        walk.run();
        return walk.actions;
    }

    /**
     * One walk of the call graph from a handler, by rapid type analysis: a call on an interface or a
     * superclass runs the method of every class of ours the reached code instantiates that is of that
     * type, so a GetOrder handler that calls {@code ApiEndpoint.handle} reaches its own endpoint only.
     */
    private final class Walk {

        private final Set<String> actions = new TreeSet<>();
        private final Set<Method> reached = new HashSet<>();
        private final Deque<Method> next = new ArrayDeque<>();
        private final Set<String> instantiated = new HashSet<>();
        private final Set<Method> dispatched = new HashSet<>();

        void run() {
            while (!next.isEmpty()) {
                Method method = next.poll();
                if (reached.add(method)) {
                    code(method).ifPresent(this::visit);
                    reach(new Method(method.owner(), "<clinit>", "()V"));
                }
            }
        }

        void reach(Method method) {
            if (!reached.contains(method)) {
                next.add(method);
            }
        }

        /**
         * A class of ours is created: the calls already dispatched on its types now reach it, and so
         * does every method a library may call on it (a class of ours implementing a library type).
         */
        void instantiated(String type) {
            if (!classes.containsKey(type) || !instantiated.add(type)) {
                return;
            }
            dispatched.stream().filter(call -> isA(type, call.owner()))
                    .forEach(call -> reach(new Method(type, call.name(), call.descriptor())));
            if (hasLibrarySupertype(classes.get(type))) {
                classes.get(type).methods().forEach(method -> reach(new Method(type, method.methodName().stringValue(),
                        method.methodType().stringValue())));
            }
        }

        private void visit(CodeModel code) {
            code.forEach(element -> {
                switch (element) {
                    case InvokeInstruction call -> called(new Method(call.owner().asInternalName(), call.name().stringValue(),
                            call.type().stringValue()), call.opcode());
                    case InvokeDynamicInstruction dynamic -> dynamic.invokedynamic().bootstrap().arguments().forEach(argument -> {
                        if (argument instanceof MethodHandleEntry handle) {
                            handled(handle);
                        }
                    });
                    case NewObjectInstruction created -> instantiated(created.className().asInternalName());
                    case FieldInstruction field -> reach(new Method(field.owner().asInternalName(), "<clinit>", "()V"));
                    default -> {
                    }
                }
            });
        }

        /** A lambda's body or a method reference: called as its handle's kind says. */
        private void handled(MethodHandleEntry handle) {
            MemberRefEntry target = handle.reference();
            Method method = new Method(target.owner().asInternalName(), target.name().stringValue(), target.type().stringValue());
            switch (handle.kind()) {
                case MethodHandleInfo.REF_invokeStatic -> called(method, Opcode.INVOKESTATIC);
                case MethodHandleInfo.REF_invokeVirtual -> called(method, Opcode.INVOKEVIRTUAL);
                case MethodHandleInfo.REF_invokeInterface -> called(method, Opcode.INVOKEINTERFACE);
                case MethodHandleInfo.REF_newInvokeSpecial -> {
                    instantiated(method.owner());
                    called(method, Opcode.INVOKESPECIAL);
                }
                case MethodHandleInfo.REF_invokeSpecial -> called(method, Opcode.INVOKESPECIAL);
                default -> {
                    // A field handle: no code runs.
                }
            }
        }

        private void called(Method target, Opcode opcode) {
            Matcher client = SDK_CLIENT.matcher(target.owner());
            if (client.matches()) {
                if (opcode != Opcode.INVOKESTATIC && !NOT_REQUESTS.contains(target.name())) {
                    actions.addAll(actionsFor(client.group(1), target.name()));
                }
            } else if (LIBRARY_CALLS.containsKey(target.key())) {
                actions.add(LIBRARY_CALLS.get(target.key()));
            } else if (WIDENING_SETTERS.containsKey(target.key())) {
                actions.add(WIDENING_SETTERS.get(target.key()));
            } else if (UNMAPPED_LIBRARY_CALLS.contains(target.key())) {
                throw new IllegalStateException(target.key() + " is not mapped to IAM actions: add it to SdkCalls");
            } else if (OWN_CODE.matcher(target.owner()).matches()) {
                if (opcode == Opcode.INVOKEVIRTUAL || opcode == Opcode.INVOKEINTERFACE) {
                    if (dispatched.add(target)) {
                        instantiated.stream().filter(type -> isA(type, target.owner()))
                                .forEach(type -> reach(new Method(type, target.name(), target.descriptor())));
                    }
                } else {
                    reach(target);
                }
            }
        }
    }

    /** Whether {@code type} is {@code ancestor} or one of its subtypes, among our classes. */
    private boolean isA(String type, String ancestor) {
        Deque<String> types = new ArrayDeque<>(List.of(type));
        Set<String> seen = new HashSet<>();
        while (!types.isEmpty()) {
            String current = types.poll();
            if (current.equals(ancestor)) {
                return true;
            }
            ClassModel model = classes.get(current);
            if (model != null && seen.add(current)) {
                model.superclass().ifPresent(parent -> types.add(parent.asInternalName()));
                model.interfaces().forEach(parent -> types.add(parent.asInternalName()));
            }
        }
        return false;
    }

    /** A class of ours whose superclass or an interface is a library's (other than Object, Record, Enum). */
    private boolean hasLibrarySupertype(ClassModel model) {
        Stream<String> supertypes = Stream.concat(model.superclass().stream(), model.interfaces().stream())
                .map(entry -> entry.asInternalName());
        return supertypes.anyMatch(type -> !OWN_CODE.matcher(type).matches()
                && !Set.of("java/lang/Object", "java/lang/Record", "java/lang/Enum").contains(type));
    }

    /** The IAM actions a client method needs: {@code getItem} on DynamoDB is {@code dynamodb:GetItem}. */
    static List<String> actionsFor(String sdkPackage, String method) {
        String operation = Character.toUpperCase(method.charAt(0)) + method.substring(1).replaceFirst("Paginator$", "");
        String action = IAM_PREFIX.getOrDefault(sdkPackage, sdkPackage) + ":" + operation;
        return IRREGULAR_OPERATIONS.getOrDefault(action, List.of(action));
    }

    /** The method's code where its class declares it, or where the nearest superclass or interface does. */
    private Optional<CodeModel> code(Method method) {
        Deque<String> owners = new ArrayDeque<>(List.of(method.owner()));
        Set<String> seen = new HashSet<>();
        while (!owners.isEmpty()) {
            ClassModel model = classes.get(owners.poll());
            if (model == null || !seen.add(model.thisClass().asInternalName())) {
                continue;
            }
            for (MethodModel candidate : model.methods()) {
                if (candidate.methodName().equalsString(method.name()) && candidate.methodType().equalsString(method.descriptor())) {
                    return candidate.code();
                }
            }
            if (method.name().startsWith("<")) {
                return Optional.empty();
            }
            model.superclass().ifPresent(parent -> owners.add(parent.asInternalName()));
            model.interfaces().forEach(parent -> owners.add(parent.asInternalName()));
        }
        return Optional.empty();
    }

    private static void readDirectory(Path root, Map<String, ClassModel> classes) {
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(file -> file.toString().endsWith(".class")).forEach(file -> {
                String name = root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
                if (OWN_CODE.matcher(name).matches()) {
                    try {
                        add(Files.readAllBytes(file), classes);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void readJar(Path file, Map<String, ClassModel> classes) {
        try (JarFile jar = new JarFile(file.toFile())) {
            for (var entry : jar.stream().filter(entry -> entry.getName().endsWith(".class")).toList()) {
                if (OWN_CODE.matcher(entry.getName()).matches()) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        add(in.readAllBytes(), classes);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void add(byte[] bytes, Map<String, ClassModel> classes) {
        ClassModel model = ClassFile.of().parse(bytes);
        classes.putIfAbsent(model.thisClass().asInternalName(), model);
    }
}

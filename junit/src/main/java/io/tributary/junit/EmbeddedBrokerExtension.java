package io.tributary.junit;

import io.tributary.broker.BrokerLite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ModifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The extension behind {@link EmbeddedBroker}; registered by the annotation, not used directly. The broker lives in
 * the {@link ExtensionContext.Store} of the annotated class's context, is started lazily by the first callback that
 * needs it (so {@code PER_CLASS} test instances can be injected before {@code @BeforeAll}) and closed in
 * {@code afterAll}.
 */
public final class EmbeddedBrokerExtension
        implements BeforeAllCallback, AfterAllCallback, TestInstancePostProcessor, ParameterResolver {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBrokerExtension.class);
    private static final ExtensionContext.Namespace NAMESPACE =
        ExtensionContext.Namespace.create(EmbeddedBrokerExtension.class);
    private static final String KEY = "broker";

    /** Created by JUnit. */
    public EmbeddedBrokerExtension() {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        RunningBroker broker = broker(context);
        Class<?> testClass = context.getRequiredTestClass();
        inject(testClass, null, broker, true);
    }

    @Override
    public void postProcessTestInstance(Object testInstance, ExtensionContext context) {
        inject(testInstance.getClass(), testInstance, broker(context), false);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // remove() looks at this context only: a @Nested class without its own annotation leaves the enclosing
        // class's broker running
        RunningBroker own = context.getStore(NAMESPACE).remove(KEY, RunningBroker.class);
        if (own != null) {
            own.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == BrokerInfo.class) {
            return true;
        }
        if (parameter.isAnnotated(BootstrapServers.class)) {
            if (type != String.class) {
                throw new ParameterResolutionException("@BootstrapServers parameter " + parameter.getParameter()
                    + " is a " + type.getName() + " (expected: String)");
            }
            return true;
        }
        return false;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        RunningBroker broker = broker(context);
        return parameter.getParameter().getType() == BrokerInfo.class ? broker.info : broker.info.bootstrapServers();
    }

    /** The broker of the nearest enclosing class annotated with {@link EmbeddedBroker}, started on first use. */
    private static RunningBroker broker(ExtensionContext context) {
        ExtensionContext owner = owner(context);
        EmbeddedBroker settings = AnnotationSupport.findAnnotation(owner.getRequiredTestClass(), EmbeddedBroker.class)
            .orElseThrow();
        return owner.getStore(NAMESPACE).getOrComputeIfAbsent(KEY, k -> RunningBroker.start(settings),
            RunningBroker.class);
    }

    private static ExtensionContext owner(ExtensionContext context) {
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            ExtensionContext candidate = c.get();
            boolean classLevel = candidate.getTestMethod().isEmpty() && candidate.getTestClass().isPresent();
            if (classLevel && AnnotationSupport.isAnnotated(candidate.getTestClass().get(), EmbeddedBroker.class)) {
                return candidate;
            }
        }
        throw new ExtensionConfigurationException("no enclosing test class is annotated with @EmbeddedBroker ("
            + context.getDisplayName() + ")");
    }

    private static void inject(Class<?> type, Object instance, RunningBroker broker, boolean statics) {
        List<Field> fields = AnnotationSupport.findAnnotatedFields(type, BootstrapServers.class,
            f -> ModifierSupport.isStatic(f) == statics, HierarchyTraversalMode.TOP_DOWN);
        for (Field f : fields) {
            if (f.getType() != String.class) {
                throw new ExtensionConfigurationException("@BootstrapServers field " + f + " is a "
                    + f.getType().getName() + " (expected: String)");
            }
            if (Modifier.isFinal(f.getModifiers())) {
                throw new ExtensionConfigurationException("@BootstrapServers field " + f + " is final");
            }
            try {
                f.setAccessible(true);
                f.set(instance, broker.info.bootstrapServers());
            } catch (IllegalAccessException e) {
                throw new ExtensionConfigurationException("cannot set @BootstrapServers field " + f, e);
            }
        }
    }

    /** A started broker and its temporary data directory; closing stops the broker and deletes the directory. */
    private static final class RunningBroker implements AutoCloseable {
        final BrokerLite broker;
        final BrokerInfo info;
        private final Path tempDir;
        private boolean closed;

        private RunningBroker(BrokerLite broker, BrokerInfo info, Path tempDir) {
            this.broker = broker;
            this.info = info;
            this.tempDir = tempDir;
        }

        static RunningBroker start(EmbeddedBroker settings) {
            Path dir = null;
            try {
                dir = Files.createTempDirectory("tributary-junit-");
                Map<String, String> props = new LinkedHashMap<>();
                props.put("listeners", "PLAINTEXT://127.0.0.1:0");
                props.put("log.dirs", dir.toString());
                props.put("group.initial.rebalance.delay.ms", "0");
                props.put("offsets.topic.num.partitions", "1");
                for (String p : settings.properties()) {
                    int eq = p.indexOf('=');
                    if (eq <= 0) {
                        throw new ExtensionConfigurationException("@EmbeddedBroker property \"" + p
                            + "\" (expected: name=value)");
                    }
                    props.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
                }
                long started = System.nanoTime();
                BrokerLite broker = BrokerLite.start(props);
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                Path logDir = Path.of(props.get("log.dirs").split(",")[0]);
                BrokerInfo info = new BrokerInfo(broker.bootstrapServers(), broker.boundAddress(), logDir, took);
                LOG.debug("embedded broker-lite on {} started in {} ms", info.bootstrapServers(), took.toMillis());
                return new RunningBroker(broker, info, dir);
            } catch (IOException e) {
                deleteQuietly(dir);
                throw new UncheckedIOException("cannot start the embedded broker-lite", e);
            } catch (RuntimeException e) {
                deleteQuietly(dir);
                throw e;
            }
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                broker.close();
            } finally {
                deleteQuietly(tempDir); // only the directory we made, never a log.dirs the test chose
            }
        }

        private static void deleteQuietly(Path dir) {
            if (dir == null || !Files.exists(dir)) {
                return;
            }
            try {
                Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        Files.delete(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                        Files.delete(d);
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                LOG.warn("cannot delete the embedded broker's data directory {}: {}", dir, e.toString());
            }
        }
    }
}

package io.tributary.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The clusters every interop test can run against, each started once per test JVM on first use and stopped by a
 * shutdown hook. Run a test against both with
 * <pre>{@code
 * @ParameterizedTest(name = "{0}")
 * @MethodSource("io.tributary.interop.Clusters#both")
 * void roundTrip(TestCluster cluster) { ... cluster.bootstrapServers() ... }
 * }</pre>
 * Thread-safe.
 */
public final class Clusters {
    private static final AtomicInteger NAMES = new AtomicInteger();
    /** Started clusters, in start order; stopped in reverse order at exit. */
    private static final List<TestCluster> STARTED = new ArrayList<>();
    private static final Shared BROKER_LITE = new Shared(BrokerLiteCluster::start);
    private static final Shared KAFKA = new Shared(KafkaCluster::start);
    private static boolean hookAdded;

    private Clusters() {
    }

    /** broker-lite, then a real Apache Kafka node: the argument source for tests that must pass on both. */
    public static Stream<TestCluster> both() {
        // each cluster starts when its test is reached, so a Kafka that fails to start fails only its own tests
        return Stream.<Supplier<TestCluster>>of(Clusters::brokerLite, Clusters::kafka).map(Supplier::get);
    }

    /** The shared broker-lite (started in milliseconds). */
    public static TestCluster brokerLite() {
        return BROKER_LITE.get();
    }

    /** The shared real Apache Kafka node, KRaft broker and controller in this JVM (started in a few seconds). */
    public static TestCluster kafka() {
        return KAFKA.get();
    }

    /** {@code prefix} plus a number unique in this JVM: a topic or group name no other test uses. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + NAMES.incrementAndGet();
    }

    private interface Starter {
        TestCluster start() throws IOException;
    }

    /** One lazily started cluster; a failed start is remembered, so later tests fail at once instead of retrying. */
    private static final class Shared {
        private final Starter starter;
        private TestCluster cluster;
        private RuntimeException failure;

        Shared(Starter starter) {
            this.starter = starter;
        }

        synchronized TestCluster get() {
            if (cluster == null && failure == null) {
                try {
                    cluster = starter.start();
                    register(cluster);
                } catch (IOException e) {
                    failure = new UncheckedIOException(e);
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw failure;
            }
            return cluster;
        }
    }

    private static synchronized void register(TestCluster cluster) {
        STARTED.add(cluster);
        if (!hookAdded) {
            hookAdded = true;
            Runtime.getRuntime().addShutdownHook(new Thread(Clusters::closeAll, "interop-clusters-shutdown"));
        }
    }

    private static synchronized void closeAll() {
        for (int i = STARTED.size() - 1; i >= 0; i--) {
            try {
                STARTED.get(i).close();
            } catch (RuntimeException e) {
                System.err.println("interop: stopping " + STARTED.get(i).name() + " failed: " + e);
            }
        }
        STARTED.clear();
    }
}

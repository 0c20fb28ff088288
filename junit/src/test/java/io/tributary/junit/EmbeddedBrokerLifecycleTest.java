package io.tributary.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** Runs sample test classes through the JUnit Platform and checks what the extension did around them. */
class EmbeddedBrokerLifecycleTest {
    private static final String SAMPLES = "io.tributary.junit.EmbeddedBrokerLifecycleTest#runningSamples";
    static final List<BrokerInfo> SEEN = new CopyOnWriteArrayList<>();
    static final List<Boolean> REACHABLE_IN_AFTER_ALL = new CopyOnWriteArrayList<>();

    /** The sample classes below run only through {@link #run}, not when a build or an IDE selects them. */
    private static volatile boolean runningSamples;

    static boolean runningSamples() {
        return runningSamples;
    }

    private static TestExecutionSummary run(Class<?> testClass) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(testClass)).build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        runningSamples = true;
        try {
            launcher.execute(request, listener);
        } finally {
            runningSamples = false;
        }
        return listener.getSummary();
    }

    @Test
    void aFreshBrokerPerClassStoppedAndDeletedAfterwards() {
        SEEN.clear();
        REACHABLE_IN_AFTER_ALL.clear();
        TestExecutionSummary first = run(TwoTests.class);
        TestExecutionSummary second = run(PerClassLifecycle.class);

        assertThat(first.getTestsSucceededCount()).isEqualTo(2);
        assertThat(second.getTestsSucceededCount()).isEqualTo(1);
        assertThat(first.getTotalFailureCount() + second.getTotalFailureCount()).isZero();
        // TwoTests saw one broker twice, PerClassLifecycle its own
        assertThat(SEEN).hasSize(3);
        assertThat(SEEN.get(0)).isSameAs(SEEN.get(1));
        assertThat(SEEN.get(2).bootstrapServers()).isNotEqualTo(SEEN.get(0).bootstrapServers());
        assertThat(REACHABLE_IN_AFTER_ALL).containsExactly(true, true); // the test's own @AfterAll runs first
        for (BrokerInfo info : SEEN) {
            assertThat(info.logDir()).doesNotExist();
            assertThat(accepts(info.boundAddress())).as("%s still listening", info.bootstrapServers()).isFalse();
        }
    }

    @Test
    void aBootstrapServersFieldOfAnotherTypeIsReported() {
        TestExecutionSummary summary = run(WrongFieldType.class);
        assertThat(summary.getTotalFailureCount()).isEqualTo(1);
        assertThat(summary.getFailures().get(0).getException())
            .hasMessageContaining("@BootstrapServers field").hasMessageContaining("expected: String");
    }

    private static boolean accepts(InetSocketAddress address) {
        try (Socket s = new Socket()) {
            s.connect(address, 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @EnabledIf(SAMPLES)
    @EmbeddedBroker
    static class TwoTests {
        @BootstrapServers
        String bootstrap;

        @Test
        void one(BrokerInfo info) {
            SEEN.add(info);
        }

        @Test
        void two(BrokerInfo info) {
            SEEN.add(info);
        }

        @AfterAll
        static void afterAll(BrokerInfo info) {
            REACHABLE_IN_AFTER_ALL.add(accepts(info.boundAddress()));
        }
    }

    @EnabledIf(SAMPLES)
    @EmbeddedBroker(properties = "num.partitions=2")
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    static class PerClassLifecycle {
        @BootstrapServers
        String bootstrap;

        @Test
        void injectedBeforeBeforeAll(BrokerInfo info) {
            assertThat(bootstrap).isEqualTo(info.bootstrapServers());
            SEEN.add(info);
        }

        @AfterAll
        void afterAll(BrokerInfo info) {
            REACHABLE_IN_AFTER_ALL.add(accepts(info.boundAddress()));
        }
    }

    @EnabledIf(SAMPLES)
    @EmbeddedBroker
    static class WrongFieldType {
        @BootstrapServers
        int bootstrap;

        @Test
        void neverRuns() {
        }
    }
}

package io.tributary.connect.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.clients.producer.MockProducer;
import io.tributary.clients.serialization.Serdes;
import io.tributary.common.Time;
import io.tributary.common.TributaryException;
import io.tributary.common.Errors;
import io.tributary.connect.data.Schema;
import io.tributary.connect.source.SourceRecord;
import io.tributary.connect.source.SourceTask;
import io.tributary.connect.storage.StringConverter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerSourceTaskTest {
    private static final Map<String, String> PARTITION = Map.of("file", "a");

    @TempDir
    Path dir;

    /** Returns records at offsets 1..n on its first poll, nothing afterwards. */
    static final class ThreeRecords extends SourceTask {
        volatile int commits;
        private boolean done;
        private final int count;

        ThreeRecords() {
            this(3);
        }

        ThreeRecords(int count) {
            this.count = count;
        }

        @Override
        public String version() {
            return "test";
        }

        @Override
        public void start(Map<String, String> props) {
        }

        @Override
        public synchronized List<SourceRecord> poll() throws InterruptedException {
            if (done) {
                wait(10);
                return null;
            }
            done = true;
            List<SourceRecord> out = new ArrayList<>();
            for (long i = 1; i <= count; i++) {
                out.add(new SourceRecord(PARTITION, Map.of("n", i), "t", Schema.STRING_SCHEMA, "v" + i));
            }
            return out;
        }

        @Override
        public void commit() {
            commits++;
        }

        @Override
        public synchronized void stop() {
            notifyAll();
        }
    }

    private WorkerSourceTask task(SourceTask source, MockProducer<byte[], byte[]> producer, FileOffsetStore store) {
        StringConverter converter = new StringConverter();
        converter.configure(Map.of(), false);
        // An interval that never elapses during the test: offsets are stored only when the task stops.
        return new WorkerSourceTask("c-0", "c", source, Map.of(), converter, converter, producer, store,
            Long.MAX_VALUE / 2, Time.SYSTEM);
    }

    @Test
    void storesOffsetsOnceEverySendIsAcknowledged() throws Exception {
        MockProducer<byte[], byte[]> producer = new MockProducer<>(false, Serdes.byteArray().serializer(),
            Serdes.byteArray().serializer());
        FileOffsetStore store = new FileOffsetStore(dir.resolve("offsets.json"));
        ThreeRecords source = new ThreeRecords();
        WorkerSourceTask task = task(source, producer, store);
        new Thread(task).start();

        await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 3);
        assertThat(store.offset("c", PARTITION)).as("nothing stored before the acknowledgements").isNull();
        assertThat(new String(producer.history().get(2).value(), StandardCharsets.UTF_8)).isEqualTo("v3");

        task.stop();
        assertThat(task.awaitStop(5000)).isTrue();
        assertThat(task.state().state()).isEqualTo(TaskState.State.STOPPED);
        assertThat(producer.flushCount()).isPositive();
        assertThat(new FileOffsetStore(dir.resolve("offsets.json")).offset("c", PARTITION)).containsEntry("n", 3);
        assertThat(source.commits).isEqualTo(1);
        assertThat(producer.closed()).isTrue();
    }

    @Test
    void withManySendsInFlightAFailureFailsTheTaskBeforeTheNextStore() throws Exception {
        MockProducer<byte[], byte[]> producer = new MockProducer<>(false, Serdes.byteArray().serializer(),
            Serdes.byteArray().serializer());
        FileOffsetStore store = new FileOffsetStore(dir.resolve("offsets.json"));
        WorkerSourceTask task = task(new ThreeRecords(5000), producer, store);
        new Thread(task).start();

        await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 5000);
        producer.errorNext(new TributaryException(Errors.NOT_LEADER_OR_FOLLOWER, "record too large"));
        // No stop(): the task notices the failed send on its own, long before its store interval.
        assertThat(task.awaitStop(5000)).isTrue();
        assertThat(task.state().state()).isEqualTo(TaskState.State.FAILED);
        assertThat(task.state().failure()).hasRootCauseMessage("record too large");
        assertThat(store.offset("c", PARTITION)).isNull();
    }

    @Test
    void aFailedSendFailsTheTaskAndStoresNothing() throws Exception {
        MockProducer<byte[], byte[]> producer = new MockProducer<>(false, Serdes.byteArray().serializer(),
            Serdes.byteArray().serializer());
        FileOffsetStore store = new FileOffsetStore(dir.resolve("offsets.json"));
        WorkerSourceTask task = task(new ThreeRecords(), producer, store);
        new Thread(task).start();

        await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 3);
        producer.completeNext();
        producer.errorNext(new TributaryException(Errors.NOT_LEADER_OR_FOLLOWER, "broker went away"));
        task.stop();
        assertThat(task.awaitStop(5000)).isTrue();

        assertThat(task.state().state()).isEqualTo(TaskState.State.FAILED);
        assertThat(task.state().failure()).hasRootCauseMessage("broker went away");
        assertThat(store.offset("c", PARTITION)).isNull();
        assertThat(new FileOffsetStore(dir.resolve("offsets.json")).offset("c", PARTITION)).isNull();
    }

    @Test
    void pausingStoresWhatWasAcknowledgedAndResumingGoesOn() throws Exception {
        MockProducer<byte[], byte[]> producer = new MockProducer<>(true, Serdes.byteArray().serializer(),
            Serdes.byteArray().serializer());
        FileOffsetStore store = new FileOffsetStore(dir.resolve("offsets.json"));
        WorkerSourceTask task = task(new ThreeRecords(), producer, store);
        new Thread(task).start();
        await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 3);

        task.pause();
        assertThat(task.state().state()).isEqualTo(TaskState.State.PAUSED);
        // The store interval never elapses: only the pause stores the offsets.
        await().atMost(Duration.ofSeconds(5)).until(() -> store.offset("c", PARTITION) != null);
        assertThat(store.offset("c", PARTITION)).containsEntry("n", 3L);

        task.resume();
        assertThat(task.state().state()).isEqualTo(TaskState.State.RUNNING);
        task.stop();
        assertThat(task.awaitStop(5000)).isTrue();
        assertThat(task.state().state()).isEqualTo(TaskState.State.STOPPED);
    }

    @Test
    void aPausedTaskStopsWithoutBeingResumed() throws Exception {
        MockProducer<byte[], byte[]> producer = new MockProducer<>(true, Serdes.byteArray().serializer(),
            Serdes.byteArray().serializer());
        WorkerSourceTask task = task(new ThreeRecords(), producer, new FileOffsetStore(dir.resolve("o.json")));
        task.pause();
        new Thread(task).start();
        task.stop();
        assertThat(task.awaitStop(5000)).isTrue();
        assertThat(task.state().state()).isEqualTo(TaskState.State.STOPPED);
        assertThat(producer.closed()).isTrue();
    }
}

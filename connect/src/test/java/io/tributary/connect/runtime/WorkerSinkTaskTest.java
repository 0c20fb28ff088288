package io.tributary.connect.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.clients.consumer.ConsumerRecord;
import io.tributary.clients.consumer.MockConsumer;
import io.tributary.clients.consumer.OffsetAndMetadata;
import io.tributary.common.Time;
import io.tributary.common.TopicPartition;
import io.tributary.connect.errors.ConnectException;
import io.tributary.connect.sink.SinkRecord;
import io.tributary.connect.sink.SinkTask;
import io.tributary.connect.storage.StringConverter;
import io.tributary.record.TimestampType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class WorkerSinkTaskTest {
    private static final TopicPartition TP = new TopicPartition("t", 0);

    /** Records what it is given; its flush can be made to fail; notes what was committed when flush ran. */
    static final class RecordingSink extends SinkTask {
        final List<String> values = new CopyOnWriteArrayList<>();
        final List<Map<TopicPartition, OffsetAndMetadata>> committedAtFlush = new CopyOnWriteArrayList<>();
        final MockConsumer<byte[], byte[]> consumer;
        final boolean failFlush;

        RecordingSink(MockConsumer<byte[], byte[]> consumer, boolean failFlush) {
            this.consumer = consumer;
            this.failFlush = failFlush;
        }

        @Override
        public String version() {
            return "test";
        }

        @Override
        public void start(Map<String, String> props) {
        }

        @Override
        public void put(Collection<SinkRecord> records) {
            records.forEach(r -> values.add((String) r.value()));
        }

        @Override
        public void flush(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
            committedAtFlush.add(consumer.committedOffsets());
            if (failFlush) {
                throw new ConnectException("disk full");
            }
        }

        @Override
        public void stop() {
        }
    }

    private static WorkerSinkTask task(RecordingSink sink, MockConsumer<byte[], byte[]> consumer) {
        StringConverter converter = new StringConverter();
        converter.configure(Map.of(), false);
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(TP)));
        consumer.schedulePollTask(() -> {
            for (long o = 0; o < 3; o++) {
                consumer.addRecord(new ConsumerRecord<>("t", 0, o, 0L, TimestampType.CREATE_TIME, null,
                    ("v" + o).getBytes(StandardCharsets.UTF_8), List.of(), -1, 2));
            }
        });
        return new WorkerSinkTask("s-0", sink, Map.of(), List.of("t"), converter, converter, consumer, 1, Time.SYSTEM);
    }

    @Test
    void commitsTheOffsetsAfterTheFlushReturns() throws Exception {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        RecordingSink sink = new RecordingSink(consumer, false);
        WorkerSinkTask task = task(sink, consumer);
        new Thread(task).start();

        await().atMost(Duration.ofSeconds(5)).until(() -> consumer.committedOffsets().containsKey(TP));
        task.stop();
        assertThat(task.awaitStop(5000)).isTrue();

        assertThat(task.state().state()).isEqualTo(TaskState.State.STOPPED);
        assertThat(sink.values).containsExactly("v0", "v1", "v2");
        assertThat(consumer.committedOffsets()).containsEntry(TP, new OffsetAndMetadata(3));
        // The first flush saw nothing committed yet: the commit came after it.
        assertThat(sink.committedAtFlush.get(0)).isEmpty();
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void aFailedFlushCommitsNothingAndFailsTheTask() throws Exception {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        RecordingSink sink = new RecordingSink(consumer, true);
        WorkerSinkTask task = task(sink, consumer);
        new Thread(task).start();

        assertThat(awaitExit(task)).isTrue();
        assertThat(task.state().state()).isEqualTo(TaskState.State.FAILED);
        assertThat(task.state().failure()).hasMessage("disk full");
        assertThat(sink.values).containsExactly("v0", "v1", "v2");
        assertThat(consumer.committedOffsets()).isEmpty();
    }

    @Test
    void aPausedTaskKeepsPollingButDeliversNothingUntilResumed() throws Exception {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        RecordingSink sink = new RecordingSink(consumer, false);
        WorkerSinkTask task = task(sink, consumer);
        java.util.concurrent.CountDownLatch thirdPoll = new java.util.concurrent.CountDownLatch(1);
        List<String> seenAtThirdPoll = new CopyOnWriteArrayList<>();
        // Poll 1 assigns, poll 2 adds the records; when poll 3 starts, poll 2's result has been delivered.
        consumer.schedulePollTask(() -> {
            seenAtThirdPoll.addAll(sink.values);
            thirdPoll.countDown();
        });
        task.pause();
        assertThat(task.state().state()).isEqualTo(TaskState.State.PAUSED);
        new Thread(task).start();

        assertThat(thirdPoll.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(seenAtThirdPoll).isEmpty();
        assertThat(consumer.paused()).containsExactly(TP);
        task.resume();
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.values.size() == 3);
        assertThat(task.state().state()).isEqualTo(TaskState.State.RUNNING);
        task.stop();
        assertThat(task.awaitStop(5000)).isTrue();
        assertThat(consumer.committedOffsets()).containsEntry(TP, new OffsetAndMetadata(3));
    }

    private static boolean awaitExit(WorkerTask task) throws InterruptedException {
        return task.awaitStop(5000);
    }
}

package io.tributary.connect.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.clients.consumer.ConsumerRecord;
import io.tributary.clients.consumer.MockConsumer;
import io.tributary.clients.consumer.OffsetAndMetadata;
import io.tributary.clients.producer.MockProducer;
import io.tributary.clients.producer.ProducerRecord;
import io.tributary.clients.serialization.Serdes;
import io.tributary.common.Time;
import io.tributary.common.TopicPartition;
import io.tributary.connect.data.DataException;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaAndValue;
import io.tributary.connect.errors.ConnectException;
import io.tributary.connect.errors.RetriableException;
import io.tributary.connect.sink.SinkRecord;
import io.tributary.connect.sink.SinkTask;
import io.tributary.connect.source.SourceRecord;
import io.tributary.connect.storage.Converter;
import io.tributary.connect.storage.JsonConverter;
import io.tributary.connect.storage.StringConverter;
import io.tributary.connect.transforms.Transformation;
import io.tributary.record.Header;
import io.tributary.record.TimestampType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** errors.tolerance, the dead letter queue, the errant record reporter and retries, on mock clients. */
class ErrorHandlingTest {
    private static final TopicPartition TP = new TopicPartition("t", 0);

    @TempDir
    Path dir;

    /** Collects values; reports "bad-row" through the errant record reporter; can fail its first puts. */
    static final class ScriptedSink extends SinkTask {
        final List<Object> values = new CopyOnWriteArrayList<>();
        final List<List<Object>> puts = new CopyOnWriteArrayList<>();
        final AtomicInteger retriableFailures = new AtomicInteger();

        @Override
        public String version() {
            return "test";
        }

        @Override
        public void start(Map<String, String> props) {
        }

        @Override
        public void put(Collection<SinkRecord> records) {
            puts.add(records.stream().map(SinkRecord::value).toList());
            if (retriableFailures.getAndDecrement() > 0) {
                context.timeout(10);
                throw new RetriableException("database busy");
            }
            for (SinkRecord r : records) {
                if ("bad-row".equals(r.value())) {
                    context.errantRecordReporter().report(r, new ConnectException("row refused"));
                } else {
                    values.add(r.value());
                }
            }
            context.requestCommit();
        }

        @Override
        public void stop() {
        }
    }

    /** Throws a RetriableException the first {@code failures} times, then converts as JSON. */
    static final class FlakyConverter extends JsonConverter {
        final AtomicInteger calls = new AtomicInteger();
        private final int failures;

        FlakyConverter(int failures) {
            this.failures = failures;
            configure(Map.of("schemas.enable", "false"), false);
        }

        @Override
        public SchemaAndValue toConnectData(String topic, byte[] value) {
            if (calls.incrementAndGet() <= failures) {
                throw new RetriableException("schema registry unreachable");
            }
            return super.toConnectData(topic, value);
        }
    }

    /** Fails on the value "v2". */
    public static final class FailOnV2 implements Transformation<SourceRecord> {
        @Override
        public void configure(Map<String, String> settings) {
        }

        @Override
        public SourceRecord apply(SourceRecord r) {
            if ("v2".equals(r.value())) {
                throw new DataException("v2 is not allowed");
            }
            return r;
        }
    }

    private final List<String> createdTopics = new CopyOnWriteArrayList<>();

    private static Map<String, String> props(String... keyValues) {
        Map<String, String> m = new HashMap<>(Map.of("name", "conn", "connector.class", "X", "topics", "t"));
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    private static MockProducer<byte[], byte[]> producer() {
        return new MockProducer<>(true, Serdes.byteArray().serializer(), Serdes.byteArray().serializer());
    }

    private WorkerSinkTask sinkTask(SinkTask sink, MockConsumer<byte[], byte[]> consumer, Map<String, String> props,
                                    MockProducer<byte[], byte[]> dlqProducer, Converter valueConverter) {
        ErrorHandlingConfig config = ErrorHandlingConfig.from(props, true);
        DeadLetterQueueReporter dlq = config.hasDeadLetterQueue()
            ? new DeadLetterQueueReporter("conn", 0, config, dlqProducer, (t, rf) -> createdTopics.add(t + "/" + rf))
            : null;
        StringConverter keys = new StringConverter();
        keys.configure(Map.of(), true);
        return new WorkerSinkTask("conn-0", sink, Map.of(), List.of("t"), TransformationChain.fromConfig(props), keys,
            valueConverter, consumer, Long.MAX_VALUE / 2, Time.SYSTEM,
            new RetryWithToleranceOperator("conn-0", config, Time.SYSTEM, dlq));
    }

    private static JsonConverter json() {
        JsonConverter c = new JsonConverter();
        c.configure(Map.of("schemas.enable", "false"), false);
        return c;
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset, String value, Header... headers) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        return new ConsumerRecord<>("t", 0, offset, 1_000L + offset, TimestampType.CREATE_TIME, null, bytes,
            List.of(headers), -1, bytes.length);
    }

    /** The first poll assigns t-0; each later poll adds one group of records. */
    @SafeVarargs
    private static MockConsumer<byte[], byte[]> consumer(List<ConsumerRecord<byte[], byte[]>>... polls) {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(TP)));
        for (List<ConsumerRecord<byte[], byte[]>> poll : polls) {
            consumer.schedulePollTask(() -> poll.forEach(consumer::addRecord));
        }
        return consumer;
    }

    private static Thread run(WorkerTask task) {
        Thread t = new Thread(task, "test-" + task.id);
        t.start();
        return t;
    }

    private static String header(ProducerRecord<byte[], byte[]> r, String key) {
        for (Header h : r.headers()) {
            if (h.key().equals(key)) {
                return h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no header " + key + " in " + r.headers());
    }

    @Test
    void withToleranceNoneABadRecordFailsTheTaskAndOnlyWhatWasFlushedBeforeIsCommitted() throws Exception {
        ScriptedSink sink = new ScriptedSink();
        MockConsumer<byte[], byte[]> consumer = consumer(List.of(record(0, "\"ok0\""), record(1, "\"ok1\"")),
            List.of(record(2, "{oops")));
        WorkerSinkTask task = sinkTask(sink, consumer, props(), producer(), json());
        run(task);

        assertThat(task.awaitStop(5000)).isTrue();
        assertThat(task.state().state()).isEqualTo(TaskState.State.FAILED);
        assertThat(task.state().failure()).hasMessageStartingWith("Tolerance exceeded in error handler")
            .hasMessageContaining("VALUE_CONVERTER").hasMessageContaining("topic t partition 0 offset 2")
            .hasCauseInstanceOf(DataException.class);
        assertThat(sink.values).containsExactly("ok0", "ok1");
        assertThat(consumer.committedOffsets()).containsExactly(Map.entry(TP, new OffsetAndMetadata(2)));
    }

    @Test
    void withToleranceAllABadRecordGoesToTheDeadLetterQueueAsReadWithContextHeaders() throws Exception {
        ScriptedSink sink = new ScriptedSink();
        MockConsumer<byte[], byte[]> consumer = consumer(List.of(record(0, "\"a\""),
            record(1, "{oops", new Header("trace", "x".getBytes(StandardCharsets.UTF_8))), record(2, "\"b\"")));
        MockProducer<byte[], byte[]> dlq = producer();
        WorkerSinkTask task = sinkTask(sink, consumer, props("errors.tolerance", "all",
            "errors.deadletterqueue.topic.name", "dlq", "errors.deadletterqueue.topic.replication.factor", "1",
            "errors.deadletterqueue.context.headers.enable", "true"), dlq, json());
        run(task);

        await().atMost(Duration.ofSeconds(5)).until(() -> consumer.committedOffsets().containsKey(TP));
        task.stop();
        assertThat(task.awaitStop(5000)).isTrue();
        assertThat(task.state().state()).isEqualTo(TaskState.State.STOPPED);
        assertThat(sink.values).containsExactly("a", "b");
        assertThat(consumer.committedOffsets()).containsEntry(TP, new OffsetAndMetadata(3));
        assertThat(createdTopics).containsExactly("dlq/1");

        assertThat(dlq.history()).hasSize(1);
        ProducerRecord<byte[], byte[]> dead = dlq.history().get(0);
        assertThat(dead.topic()).isEqualTo("dlq");
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{oops");
        assertThat(dead.timestamp()).isEqualTo(1_001L);
        assertThat(dead.headers().get(0).key()).as("the original headers come first").isEqualTo("trace");
        assertThat(header(dead, "__connect.errors.topic")).isEqualTo("t");
        assertThat(header(dead, "__connect.errors.partition")).isEqualTo("0");
        assertThat(header(dead, "__connect.errors.offset")).isEqualTo("1");
        assertThat(header(dead, "__connect.errors.connector.name")).isEqualTo("conn");
        assertThat(header(dead, "__connect.errors.task.id")).isEqualTo("0");
        assertThat(header(dead, "__connect.errors.stage")).isEqualTo("VALUE_CONVERTER");
        assertThat(header(dead, "__connect.errors.class.name")).isEqualTo(JsonConverter.class.getName());
        assertThat(header(dead, "__connect.errors.exception.class.name")).isEqualTo(DataException.class.getName());
        assertThat(header(dead, "__connect.errors.exception.message")).isNotBlank();
        assertThat(header(dead, "__connect.errors.exception.stacktrace"))
            .startsWith(DataException.class.getName()).contains("\tat ");
        assertThat(dlq.closed()).isTrue();
    }

    @Test
    void aSinkReportsOneRecordItCannotWriteAndGoesOn() throws Exception {
        ScriptedSink sink = new ScriptedSink();
        MockConsumer<byte[], byte[]> consumer = consumer(List.of(record(0, "\"a\""), record(1, "\"bad-row\""),
            record(2, "\"c\"")));
        MockProducer<byte[], byte[]> dlq = producer();
        WorkerSinkTask task = sinkTask(sink, consumer, props("errors.tolerance", "all",
            "errors.deadletterqueue.topic.name", "dlq", "errors.deadletterqueue.context.headers.enable", "true"),
            dlq, json());
        run(task);

        await().atMost(Duration.ofSeconds(5)).until(() -> consumer.committedOffsets().containsKey(TP));
        task.stop();
        assertThat(task.awaitStop(5000)).isTrue();
        assertThat(sink.values).containsExactly("a", "c");
        assertThat(consumer.committedOffsets()).containsEntry(TP, new OffsetAndMetadata(3));
        assertThat(createdTopics).as("Kafka's default replication factor").containsExactly("dlq/3");
        ProducerRecord<byte[], byte[]> dead = dlq.history().get(0);
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("\"bad-row\"");
        assertThat(header(dead, "__connect.errors.stage")).isEqualTo("TASK_PUT");
        assertThat(header(dead, "__connect.errors.class.name")).isEqualTo(ScriptedSink.class.getName());
        assertThat(header(dead, "__connect.errors.offset")).isEqualTo("1");
        assertThat(header(dead, "__connect.errors.exception.message")).isEqualTo("row refused");
    }

    @Test
    void withToleranceNoneAReportedRecordFailsTheTask() throws Exception {
        ScriptedSink sink = new ScriptedSink();
        MockConsumer<byte[], byte[]> consumer = consumer(List.of(record(0, "\"a\""), record(1, "\"bad-row\"")));
        WorkerSinkTask task = sinkTask(sink, consumer, props(), producer(), json());
        run(task);

        assertThat(task.awaitStop(5000)).isTrue();
        assertThat(task.state().state()).isEqualTo(TaskState.State.FAILED);
        assertThat(task.state().failure()).hasMessageContaining("Tolerance exceeded").hasMessageContaining("TASK_PUT")
            .hasRootCauseMessage("row refused");
        assertThat(consumer.committedOffsets()).isEmpty();
    }

    @Test
    void aRecordTheDeadLetterQueueRefusedFailsTheTaskBeforeAnyCommit() throws Exception {
        ScriptedSink sink = new ScriptedSink();
        MockConsumer<byte[], byte[]> consumer = consumer(List.of(record(0, "\"a\""), record(1, "{oops")));
        MockProducer<byte[], byte[]> refusing = new MockProducer<>(true, Serdes.byteArray().serializer(),
            (topic, value) -> {
                throw new IllegalStateException("dlq unavailable");
            });
        WorkerSinkTask task = sinkTask(sink, consumer, props("errors.tolerance", "all",
            "errors.deadletterqueue.topic.name", "dlq"), refusing, json());
        run(task);

        assertThat(task.awaitStop(5000)).isTrue();
        assertThat(task.state().state()).isEqualTo(TaskState.State.FAILED);
        assertThat(task.state().failure()).hasMessageContaining("dead letter queue dlq")
            .hasRootCauseMessage("dlq unavailable");
        assertThat(sink.values).containsExactly("a");
        assertThat(consumer.committedOffsets()).as("the bad record is not done until the DLQ has it").isEmpty();
    }

    @Test
    void retriableConversionFailuresAreRetriedWithinTheRetryTimeout() throws Exception {
        ScriptedSink sink = new ScriptedSink();
        FlakyConverter flaky = new FlakyConverter(2);
        MockConsumer<byte[], byte[]> consumer = consumer(List.of(record(0, "\"a\"")));
        WorkerSinkTask task = sinkTask(sink, consumer, props("errors.retry.timeout", "10000",
            "errors.retry.delay.max.ms", "20"), producer(), flaky);
        run(task);
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.values.contains("a"));
        task.stop();
        assertThat(task.awaitStop(5000)).isTrue();
        assertThat(flaky.calls).hasValue(3);
        assertThat(task.state().state()).isEqualTo(TaskState.State.STOPPED);

        // errors.retry.timeout=0 (the default): no retry at all.
        FlakyConverter once = new FlakyConverter(1);
        WorkerSinkTask noRetry = sinkTask(new ScriptedSink(), consumer(List.of(record(0, "\"a\""))), props(),
            producer(), once);
        run(noRetry);
        assertThat(noRetry.awaitStop(5000)).isTrue();
        assertThat(noRetry.state().state()).isEqualTo(TaskState.State.FAILED);
        assertThat(noRetry.state().failure()).hasRootCauseMessage("schema registry unreachable");
        assertThat(once.calls).hasValue(1);
    }

    @Test
    void aPutThatThrowsRetriableGetsTheSameBatchAgain() throws Exception {
        ScriptedSink sink = new ScriptedSink();
        sink.retriableFailures.set(2);
        MockConsumer<byte[], byte[]> consumer = consumer(List.of(record(0, "\"a\""), record(1, "\"b\"")));
        WorkerSinkTask task = sinkTask(sink, consumer, props(), producer(), json());
        run(task);

        await().atMost(Duration.ofSeconds(5)).until(() -> consumer.committedOffsets().containsKey(TP));
        task.stop();
        assertThat(task.awaitStop(5000)).isTrue();
        assertThat(sink.puts).containsExactly(List.of("a", "b"), List.of("a", "b"), List.of("a", "b"));
        assertThat(sink.values).containsExactly("a", "b");
        assertThat(consumer.committedOffsets()).containsEntry(TP, new OffsetAndMetadata(2));
        assertThat(task.state().state()).isEqualTo(TaskState.State.STOPPED);
    }

    private WorkerSourceTask sourceTask(MockProducer<byte[], byte[]> producer, FileOffsetStore store,
                                        Map<String, String> props) {
        StringConverter converter = new StringConverter();
        converter.configure(Map.of(), false);
        props.put("transforms", "f");
        props.put("transforms.f.type", FailOnV2.class.getName());
        return new WorkerSourceTask("c-0", "c", new WorkerSourceTaskTest.ThreeRecords(), Map.of(),
            TransformationChain.fromConfig(props), converter, converter, producer, store, Long.MAX_VALUE / 2,
            Time.SYSTEM, new RetryWithToleranceOperator("c-0", ErrorHandlingConfig.from(props, false), Time.SYSTEM,
                null));
    }

    @Test
    void aSourceSkipsAFailedRecordWithToleranceAllAndCountsItAsRead() throws Exception {
        MockProducer<byte[], byte[]> producer = producer();
        FileOffsetStore store = new FileOffsetStore(dir.resolve("offsets.json"));
        WorkerSourceTask task = sourceTask(producer, store, props("errors.tolerance", "all", "errors.log.enable",
            "true", "errors.log.include.messages", "true"));
        run(task);
        await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 2);
        task.stop();
        assertThat(task.awaitStop(5000)).isTrue();
        assertThat(producer.history()).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
            .containsExactly("v1", "v3");
        assertThat(new FileOffsetStore(dir.resolve("offsets.json")).offset("c", Map.of("file", "a")))
            .containsEntry("n", 3);
        assertThat(task.state().state()).isEqualTo(TaskState.State.STOPPED);
    }

    @Test
    void aSourceFailsOnAFailedRecordWithToleranceNone() throws Exception {
        MockProducer<byte[], byte[]> producer = producer();
        FileOffsetStore store = new FileOffsetStore(dir.resolve("offsets.json"));
        WorkerSourceTask task = sourceTask(producer, store, props());
        run(task);
        assertThat(task.awaitStop(5000)).isTrue();
        assertThat(task.state().state()).isEqualTo(TaskState.State.FAILED);
        assertThat(task.state().failure()).hasMessageContaining("TRANSFORMATION")
            .hasMessageContaining(FailOnV2.class.getName()).hasRootCauseMessage("v2 is not allowed");
        assertThat(store.offset("c", Map.of("file", "a"))).isNull();
    }
}

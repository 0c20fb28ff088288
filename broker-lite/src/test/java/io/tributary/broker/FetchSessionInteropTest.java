package io.tributary.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.IntStream;
import org.apache.kafka.clients.FetchSessionHandler;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.FetchResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.internals.LogContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kafka-clients 4.4's own fetch session bookkeeping ({@link FetchSessionHandler}, the class whose verdict decides
 * whether the consumer keeps or discards a fetch response) against broker-lite: every response is accepted, with
 * topic names (v12) and topic ids (v18), including the long-poll response still in flight when the consumer closes.
 * Before fetch sessions, that last full response named every partition while the closing handler's session was
 * already empty, so the client logged "invalid full fetch response" at INFO and dropped it.
 */
class FetchSessionInteropTest {
    private static final int PARTITIONS = 3;
    private static final int RECORDS = 3000;

    @TempDir
    Path dir;
    private BrokerLite broker;
    private Uuid topicId;

    @BeforeEach
    void start() throws Exception {
        broker = TestBrokers.start(dir);
        io.tributary.common.Uuid id = broker.context().topics().create("t", PARTITIONS, Map.of()).id();
        topicId = new Uuid(id.mostSignificantBits(), id.leastSignificantBits());
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "4096");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
            new StringSerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                producer.send(new ProducerRecord<>("t", i % PARTITIONS, null, "value-" + i));
            }
        }
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    /** One connection speaking kafka-clients' own request and response classes. */
    private static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final DataOutputStream out;
        private final DataInputStream in;
        private int correlationId;

        Connection(String bootstrap) throws Exception {
            String[] hostPort = bootstrap.split(":");
            socket = new Socket(hostPort[0], Integer.parseInt(hostPort[1]));
            out = new DataOutputStream(socket.getOutputStream());
            in = new DataInputStream(socket.getInputStream());
        }

        /** Sends the request the consumer would build from {@code data}; returns its header for reading the answer. */
        RequestHeader send(FetchSessionHandler.FetchRequestData data, short version, int maxWaitMs) throws Exception {
            FetchRequest request = FetchRequest.Builder.forConsumer(version, maxWaitMs, 1, data.toSend())
                .metadata(data.metadata()).removed(data.toForget()).replaced(data.toReplace())
                .setMaxBytes(64 * 1024).build(version);
            RequestHeader header = new RequestHeader(ApiKeys.FETCH, version, "session-probe", ++correlationId);
            ByteBuffer bytes = request.serializeWithHeader(header);
            out.writeInt(bytes.remaining());
            out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
            out.flush();
            return header;
        }

        FetchResponse receive(RequestHeader header) throws Exception {
            byte[] frame = new byte[in.readInt()];
            in.readFully(frame);
            return (FetchResponse) AbstractResponse.parseResponse(ByteBuffer.wrap(frame), header);
        }

        @Override
        public void close() throws java.io.IOException {
            socket.close();
        }
    }

    @ParameterizedTest(name = "Fetch v{0}")
    @ValueSource(shorts = {12, 18})
    void theClientsSessionHandlerAcceptsEveryResponseIncludingTheOneInFlightAtClose(short version) throws Exception {
        Uuid id = version >= 13 ? topicId : Uuid.ZERO_UUID;
        FetchSessionHandler handler = new FetchSessionHandler(new LogContext(), 1);
        Map<TopicPartition, Long> positions = new HashMap<>();
        IntStream.range(0, PARTITIONS).forEach(i -> positions.put(new TopicPartition("t", i), 0L));
        long read = 0;
        int fetches = 0;
        try (Connection c = new Connection(broker.bootstrapServers())) {
            while (read < RECORDS) {
                assertThat(++fetches).isLessThan(200);
                FetchSessionHandler.Builder b = handler.newBuilder();
                positions.forEach((tp, offset) -> b.add(tp, new FetchRequest.PartitionData(id, offset, -1, 16 * 1024,
                    Optional.empty())));
                FetchSessionHandler.FetchRequestData data = b.build();
                FetchResponse response = c.receive(c.send(data, version, 500));
                assertThat(handler.handleResponse(response, version)).as("response %d accepted", fetches).isTrue();
                for (Map.Entry<TopicPartition, FetchResponseData.PartitionData> e
                    : response.responseData(handler.sessionTopicNames(), version).entrySet()) {
                    assertThat(e.getValue().errorCode()).isZero();
                    for (RecordBatch batch : FetchResponse.recordsOrFail(e.getValue()).batches()) {
                        read += batch.nextOffset() - Math.max(batch.baseOffset(), positions.get(e.getKey()));
                        positions.put(e.getKey(), batch.nextOffset());
                    }
                }
            }
            assertThat(read).isEqualTo(RECORDS);
            assertThat(handler.sessionId()).as("a session was created").isNotZero();
            assertThat(fetches).as("incremental fetches followed").isGreaterThan(1);

            // the consumer's close: a long poll is in flight, then the session is closed on the same connection
            FetchSessionHandler.Builder b = handler.newBuilder();
            positions.forEach((tp, offset) -> b.add(tp, new FetchRequest.PartitionData(id, offset, -1, 16 * 1024,
                Optional.empty())));
            RequestHeader longPoll = c.send(b.build(), version, 300);
            handler.notifyClose();
            RequestHeader close = c.send(handler.newBuilder().build(), version, 0);
            assertThat(handler.handleResponse(c.receive(longPoll), version))
                .as("the response in flight at close is accepted").isTrue();
            assertThat(c.receive(close).error().code()).isZero();
        }
    }

    @Test
    void aClosingKafkaConsumerLogsNoInvalidFetchResponse() throws Exception {
        Logger log = LoggerFactory.getLogger(FetchSessionHandler.class);
        java.lang.reflect.Field level;
        try {
            level = log.getClass().getDeclaredField("currentLogLevel");
        } catch (NoSuchFieldException e) {
            Assumptions.abort("the slf4j binding is not slf4j-simple: " + log.getClass());
            return;
        }
        level.setAccessible(true);
        int before = level.getInt(log);
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        level.setInt(log, 20); // INFO, where the client reports an invalid response
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "8192");
            var tps = IntStream.range(0, PARTITIONS).mapToObj(i -> new TopicPartition("t", i)).toList();
            long count = 0;
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new StringDeserializer())) {
                consumer.assign(tps);
                consumer.seekToBeginning(tps);
                long deadline = System.currentTimeMillis() + 30_000;
                while (count < RECORDS && System.currentTimeMillis() < deadline) {
                    count += consumer.poll(Duration.ofMillis(200)).count();
                }
                consumer.poll(Duration.ofMillis(100)); // leaves a long poll in flight for close
            }
            assertThat(count).isEqualTo(RECORDS);
        } finally {
            System.setErr(err);
            level.setInt(log, before);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("invalid full fetch response").doesNotContain("invalid incremental fetch");
        assertThat(List.of(text.split("\n"))).noneMatch(l -> l.contains("FetchSessionHandler") && l.contains("INFO"));
    }
}

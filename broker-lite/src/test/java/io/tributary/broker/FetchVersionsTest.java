package io.tributary.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.handlers.FetchHandler;
import io.tributary.broker.log.FileSlice;
import io.tributary.broker.network.RequestContext;
import io.tributary.common.Errors;
import io.tributary.common.Uuid;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.RequestHeader;
import io.tributary.protocol.message.FetchRequest;
import io.tributary.protocol.types.Struct;
import io.tributary.record.RecordBatchBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fetch v13+ (topic ids) and incremental fetch sessions (KIP-227), at the handler. */
class FetchVersionsTest {
    @TempDir
    Path dir;
    private BrokerLite broker;
    private FetchHandler handler;
    private Uuid id;

    @BeforeEach
    void start() throws Exception {
        broker = TestBrokers.start(dir);
        id = broker.context().topics().create("t", 2, Map.of()).id();
        handler = new FetchHandler(broker.context());
        append(0);
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    private void append(int partition) {
        broker.context().partition("t", partition).orElseThrow()
            .append(new RecordBatchBuilder(0).append(1, null, new byte[] {1, 2, 3}).build());
    }

    private long end(int partition) {
        return broker.context().partition("t", partition).orElseThrow().highWatermark();
    }

    /** A request for partitions {@code offsets[i]} of topic t (by id from v13, by name before). */
    private static Struct request(short version, Uuid topicId, int sessionId, int epoch, long... offsets) {
        Struct req = FetchRequest.SCHEMA.newStruct().set("maxWaitMs", 0).set("minBytes", 1).set("maxBytes", 1 << 20)
            .set("sessionId", sessionId).set("sessionEpoch", epoch);
        if (offsets.length > 0) {
            Struct topic = req.addElement("topics");
            if (version >= 13) {
                topic.set("topicId", topicId);
            } else {
                topic.set("topic", "t");
            }
            for (int p = 0; p < offsets.length; p++) {
                topic.addElement("partitions").set("partition", p).set("fetchOffset", offsets[p])
                    .set("partitionMaxBytes", 1 << 20);
            }
        }
        return req;
    }

    private Struct fetch(short version, Struct request) throws Exception {
        RequestContext ctx = new RequestContext(new RequestHeader(ApiKey.FETCH.id(), version, 1, "c"), ApiKey.FETCH,
            null, "conn");
        return handler.handle(ctx, request).get(5, TimeUnit.SECONDS).body();
    }

    /** partition index -> its response, over every topic of the response. */
    private static Map<Integer, Struct> partitions(Struct response) {
        return response.getStructs("responses").stream().flatMap(t -> t.getStructs("partitions").stream())
            .collect(java.util.stream.Collectors.toMap(p -> p.getInt32("partitionIndex"), p -> p));
    }

    private static int recordBytes(Struct partition) {
        Object records = partition.get("records");
        return records instanceof FileSlice f ? f.size() : 0;
    }

    @Test
    void aTopicIdFetchReturnsRecordsUnderTheTopicId() throws Exception {
        for (short version = 13; version <= 18; version++) {
            Struct r = fetch(version, request(version, id, 0, -1, 0, 0));
            assertThat(r.getInt16("errorCode")).isZero();
            assertThat(r.getInt32("sessionId")).isZero(); // epoch -1: sessionless
            assertThat(r.getStructs("responses")).singleElement()
                .satisfies(t -> assertThat(t.getUuid("topicId")).isEqualTo(id));
            assertThat(recordBytes(partitions(r).get(0))).as("v%d", version).isPositive();
            assertThat(partitions(r).get(0).getInt64("highWatermark")).isEqualTo(1);
            assertThat(partitions(r).get(1).getInt64("highWatermark")).isZero();
        }
    }

    @Test
    void anUnknownTopicIdIsUnknownTopicId() throws Exception {
        Uuid unknown = Uuid.randomUuid();
        Struct r = fetch((short) 13, request((short) 13, unknown, 0, -1, 0));
        assertThat(r.getStructs("responses")).singleElement()
            .satisfies(t -> assertThat(t.getUuid("topicId")).isEqualTo(unknown));
        assertThat(partitions(r).get(0).getInt16("errorCode")).isEqualTo(Errors.UNKNOWN_TOPIC_ID.code());
        // names still answer up to v12
        assertThat(partitions(fetch((short) 12, request((short) 12, null, 0, -1, 0))).get(0).getInt16("errorCode"))
            .isZero();
    }

    @Test
    void anIncrementalSessionAnswersOnlyPartitionsWithNews() throws Exception {
        for (short version : new short[] {7, 12, 18}) {
            Struct full = fetch(version, request(version, id, 0, 0, end(0), end(1))); // both at their ends
            int session = full.getInt32("sessionId");
            assertThat(session).as("v%d creates a session", version).isNotZero();
            assertThat(partitions(full)).containsOnlyKeys(0, 1);

            Struct quiet = fetch(version, request(version, id, session, 1));
            assertThat(quiet.getInt32("sessionId")).isEqualTo(session);
            assertThat(quiet.getStructs("responses")).as("nothing changed").isEmpty();

            append(1);
            Struct news = fetch(version, request(version, id, session, 2));
            assertThat(partitions(news)).containsOnlyKeys(1);
            assertThat(recordBytes(partitions(news).get(1))).isPositive();
            assertThat(partitions(news).get(1).getInt64("highWatermark")).isEqualTo(end(1));

            // the client moves partition 1 on and forgets partition 0
            Struct next = request(version, id, session, 3);
            Struct topic = next.addElement("topics");
            Struct forgotten = next.addElement("forgottenTopicsData").set("partitions", List.of(0));
            if (version >= 13) {
                topic.set("topicId", id);
                forgotten.set("topicId", id);
            } else {
                topic.set("topic", "t");
                forgotten.set("topic", "t");
            }
            topic.addElement("partitions").set("partition", 1).set("fetchOffset", end(1))
                .set("partitionMaxBytes", 1024);
            append(0);
            assertThat(fetch(version, next).getStructs("responses")).as("partition 0 was forgotten").isEmpty();

            assertThat(fetch(version, request(version, id, session, 3)).getInt16("errorCode"))
                .isEqualTo(Errors.INVALID_FETCH_SESSION_EPOCH.code());
            assertThat(fetch(version, request(version, id, session, -1)).getInt16("errorCode")).isZero(); // close
            assertThat(fetch(version, request(version, id, session, 4)).getInt16("errorCode"))
                .isEqualTo(Errors.FETCH_SESSION_ID_NOT_FOUND.code());
        }
    }

    @Test
    void closingASessionIsAnsweredAtOnceEvenWithALongMaxWait() throws Exception {
        int session = fetch((short) 18, request((short) 18, id, 0, 0, end(0), end(1))).getInt32("sessionId");
        Struct close = request((short) 18, id, session, -1).set("maxWaitMs", 60_000);
        RequestContext ctx = new RequestContext(new RequestHeader(ApiKey.FETCH.id(), (short) 18, 1, "c"),
            ApiKey.FETCH, null, "conn");
        assertThat(handler.handle(ctx, close)).isCompleted();
        assertThat(fetch((short) 18, request((short) 18, id, session, 1)).getInt16("errorCode"))
            .isEqualTo(Errors.FETCH_SESSION_ID_NOT_FOUND.code());
    }

    @Test
    void aSessionCannotSwitchBetweenTopicNamesAndIds() throws Exception {
        int session = fetch((short) 12, request((short) 12, null, 0, 0, 0)).getInt32("sessionId");
        assertThat(fetch((short) 13, request((short) 13, id, session, 1)).getInt16("errorCode"))
            .isEqualTo(Errors.FETCH_SESSION_TOPIC_ID_ERROR.code());
    }

    @Test
    void sessionlessFetchesAnswerEveryPartition() throws Exception {
        Struct r = fetch((short) 12, request((short) 12, null, 0, -1, 1, 0));
        assertThat(r.getInt32("sessionId")).isZero();
        assertThat(partitions(r)).containsOnlyKeys(0, 1);
        assertThat(recordBytes(partitions(r).get(0))).isZero();
    }
}

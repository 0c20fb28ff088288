package io.tributary.broker.handlers;

import io.tributary.broker.BrokerContext;
import io.tributary.broker.log.PartitionLog;
import io.tributary.broker.network.ApiHandler;
import io.tributary.broker.network.RequestContext;
import io.tributary.broker.network.Response;
import io.tributary.common.Errors;
import io.tributary.common.TopicPartition;
import io.tributary.common.TributaryException;
import io.tributary.protocol.message.ProduceResponse;
import io.tributary.protocol.types.Struct;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produce (key 0): the codec reads versions 3–12 (v0–2 were removed by KIP-896 but Produce is still advertised from
 * 0, see the protocol reference). Appends each partition's batch to its log; acks=0 sends no response at all;
 * acks=1 and acks=all are the same on one node (the write is in the log when the response is sent).
 * Per-partition errors: UNKNOWN_TOPIC_OR_PARTITION, INVALID_TOPIC_EXCEPTION, CORRUPT_MESSAGE, INVALID_RECORD,
 * MESSAGE_TOO_LARGE, KAFKA_STORAGE_ERROR; a bad acks value fails every partition with INVALID_REQUIRED_ACKS.
 * Idempotent producers: retries are answered with their original offset and sequence gaps are refused (see
 * {@link BrokerContext#appendProduced}). Clients may not write to the internal {@code __consumer_offsets} (INVALID_TOPIC_EXCEPTION).
 * Not yet: transactions.
 */
public final class ProduceHandler implements ApiHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ProduceHandler.class);
    private final BrokerContext broker;

    public ProduceHandler(BrokerContext broker) {
        this.broker = broker;
    }

    @Override
    public CompletableFuture<Response> handle(RequestContext ctx, Struct request) {
        short acks = request.getInt16("acks");
        Struct response = ProduceResponse.SCHEMA.newStruct().set("throttleTimeMs", 0);
        boolean appended = false;
        for (Struct topicData : request.getStructs("topicData")) {
            String topic = topicData.getString("name");
            Struct topicResponse = response.addElement("responses").set("name", topic);
            for (Struct partitionData : topicData.getStructs("partitionData")) {
                int partition = partitionData.getInt32("index");
                Struct result = topicResponse.addElement("partitionResponses").set("index", partition)
                    .set("baseOffset", -1L);
                try {
                    if (acks != 0 && acks != 1 && acks != -1) {
                        throw new TributaryException(Errors.INVALID_REQUIRED_ACKS, "acks must be -1, 0 or 1, got " + acks);
                    }
                    io.tributary.broker.cluster.TopicRegistry.validateName(topic);
                    if (topic.equals(io.tributary.broker.group.OffsetsTopicStore.TOPIC)) {
                        throw new TributaryException(Errors.INVALID_TOPIC_EXCEPTION, "cannot append to internal topic "
                            + topic);
                    }
                    broker.ensureTopic(topic, true);
                    Optional<PartitionLog> log = broker.partition(topic, partition);
                    if (log.isEmpty()) {
                        throw new TributaryException(Errors.UNKNOWN_TOPIC_OR_PARTITION,
                            "no partition " + partition + " of topic " + topic);
                    }
                    ByteBuffer records = partitionData.getRecords("records");
                    if (records == null || !records.hasRemaining()) {
                        throw new TributaryException(Errors.INVALID_RECORD, "no record batch for " + topic + "-" + partition);
                    }
                    if (log.get().config().compact) {
                        requireKeys(records, topic, partition);
                    }
                    BrokerContext.ProduceOutcome outcome = broker.appendProduced(
                        new TopicPartition(topic, partition), log.get(), records);
                    appended |= !outcome.duplicate();
                    result.set("errorCode", Errors.NONE.code()).set("baseOffset", outcome.baseOffset())
                        .set("logAppendTimeMs", outcome.logAppendTime()).set("logStartOffset", outcome.logStartOffset());
                } catch (TributaryException e) {
                    if (e.error() == Errors.KAFKA_STORAGE_ERROR) {
                        LOG.error("append to {}-{} failed", topic, partition, e);
                    }
                    result.set("errorCode", e.error().code()).set("errorMessage", e.getMessage());
                }
            }
        }
        if (appended) {
            broker.arrivals().fire();
        }
        return CompletableFuture.completedFuture(acks == 0 ? Response.NONE : Response.of(response));
    }

    /** Kafka refuses keyless records on compacted topics (compaction keeps the newest record per key). */
    private static void requireKeys(ByteBuffer records, String topic, int partition) {
        for (io.tributary.record.RecordBatch batch : io.tributary.record.MemoryRecords.readableRecords(records)
            .batches()) {
            if (batch.isControlBatch()) {
                continue;
            }
            for (io.tributary.record.Record r : batch) {
                if (!r.hasKey()) {
                    throw new TributaryException(Errors.INVALID_RECORD, "Compacted topic cannot accept message "
                        + "without key in topic partition " + topic + "-" + partition);
                }
            }
        }
    }
}

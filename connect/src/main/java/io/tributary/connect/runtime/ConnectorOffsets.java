package io.tributary.connect.runtime;

import io.tributary.clients.admin.Admin;
import io.tributary.clients.admin.TributaryAdmin;
import io.tributary.clients.consumer.OffsetAndMetadata;
import io.tributary.common.Errors;
import io.tributary.common.TopicPartition;
import io.tributary.common.TributaryException;
import io.tributary.connect.errors.ConnectException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A connector's offsets in the shape of Kafka's {@code GET /connectors/{name}/offsets} (KIP-875): a list of
 * {@code {"partition": {...}, "offset": {...}}}. Source partitions and offsets are the connector's own maps; a sink's
 * are its consumer group's committed offsets:
 *
 * <pre>
 * {"partition": {"kafka_topic": "orders", "kafka_partition": 2}, "offset": {"kafka_offset": 4711}}
 * </pre>
 */
final class ConnectorOffsets {
    static final String KAFKA_TOPIC_KEY = "kafka_topic";
    static final String KAFKA_PARTITION_KEY = "kafka_partition";
    static final String KAFKA_OFFSET_KEY = "kafka_offset";

    private ConnectorOffsets() {
    }

    /** The source offsets stored for {@code connector}. */
    static List<Map<String, Object>> source(FileOffsetStore store, String connector) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (FileOffsetStore.Entry e : store.entries(connector)) {
            if (e.offset() != null) {
                out.add(entry(e.partition(), e.offset()));
            }
        }
        return out;
    }

    /** The offsets {@code groupId} committed, by topic and partition. */
    static List<Map<String, Object>> sink(Map<String, Object> adminConfig, String groupId, long timeoutMs) {
        try (Admin admin = TributaryAdmin.create(adminConfig)) {
            Map<TopicPartition, OffsetAndMetadata> committed = new TreeMap<>(admin.listConsumerGroupOffsets(groupId)
                .get(timeoutMs, TimeUnit.MILLISECONDS));
            List<Map<String, Object>> out = new ArrayList<>();
            committed.forEach((tp, om) -> {
                Map<String, Object> partition = new LinkedHashMap<>();
                partition.put(KAFKA_TOPIC_KEY, tp.topic());
                partition.put(KAFKA_PARTITION_KEY, tp.partition());
                out.add(entry(partition, Map.of(KAFKA_OFFSET_KEY, om.offset())));
            });
            return out;
        } catch (ExecutionException e) {
            throw new ConnectException("cannot read the offsets of consumer group " + groupId + ": "
                + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new ConnectException("cannot read the offsets of consumer group " + groupId + ": no answer within "
                + timeoutMs + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("interrupted while reading the offsets of consumer group " + groupId, e);
        }
    }

    /** Deletes {@code groupId} and its offsets; a group that does not exist is already reset. */
    static void deleteGroup(Map<String, Object> adminConfig, String groupId, long timeoutMs) {
        try (Admin admin = TributaryAdmin.create(adminConfig)) {
            admin.deleteConsumerGroups(List.of(groupId)).get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TributaryException te && te.error() == Errors.GROUP_ID_NOT_FOUND) {
                return;
            }
            throw new ConnectException("cannot delete consumer group " + groupId + " (its offsets): "
                + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new ConnectException("cannot delete consumer group " + groupId + ": no answer within " + timeoutMs
                + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("interrupted while deleting consumer group " + groupId, e);
        }
    }

    /** The cluster id the brokers report, or null when they cannot be asked. */
    static String clusterId(Map<String, Object> adminConfig, long timeoutMs) {
        try (Admin admin = TributaryAdmin.create(adminConfig)) {
            return admin.describeCluster().get(timeoutMs, TimeUnit.MILLISECONDS).clusterId();
        } catch (ExecutionException | TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static Map<String, Object> entry(Map<String, Object> partition, Map<String, Object> offset) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("partition", partition);
        e.put("offset", offset);
        return e;
    }
}

package io.tributary.connect.jdbc;

import io.tributary.common.MockTime;
import io.tributary.connect.data.Field;
import io.tributary.connect.data.Struct;
import io.tributary.connect.source.OffsetStorageReader;
import io.tributary.connect.source.SourceRecord;
import io.tributary.connect.source.SourceTaskContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs a {@link JdbcSourceTask} without a worker: offsets kept in a map, a manual clock. */
final class SourceTasks {
    /** Stored offsets per source partition, as the runtime would store the last record's. */
    final Map<Map<String, ?>, Map<String, ?>> offsets = new HashMap<>();
    final MockTime time = new MockTime();

    JdbcSourceTask start(Map<String, String> props) {
        JdbcSourceTask task = new JdbcSourceTask();
        task.time(time);
        task.initialize(new SourceTaskContext() {
            @Override
            public Map<String, String> configs() {
                return props;
            }

            @Override
            public OffsetStorageReader offsetStorageReader() {
                return partition -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> o = (Map<String, Object>) offsets.get(partition);
                    return o;
                };
            }
        });
        task.start(props);
        return task;
    }

    /** One poll (null as an empty list). */
    static List<SourceRecord> poll(JdbcSourceTask task) throws InterruptedException {
        List<SourceRecord> r = task.poll();
        return r == null ? List.of() : r;
    }

    /**
     * Polls a one-table task until a poll returns nothing (its query was read to the end, or it is not due: no
     * more rows until the clock moves); stores the last offset of each partition.
     */
    List<SourceRecord> drain(JdbcSourceTask task) throws InterruptedException {
        List<SourceRecord> all = new ArrayList<>();
        List<SourceRecord> r;
        while (!(r = poll(task)).isEmpty()) {
            all.addAll(r);
            store(r);
        }
        return all;
    }

    /** Keeps the offsets of these records as if the runtime stored them. */
    void store(List<SourceRecord> records) {
        for (SourceRecord r : records) {
            if (r.sourceOffset() != null) {
                offsets.put(r.sourcePartition(), r.sourceOffset());
            }
        }
    }

    /** A struct field by name, ignoring case (H2 reports upper-case column labels). */
    static Object field(Object struct, String name) {
        Struct s = (Struct) struct;
        for (Field f : s.schema().fields()) {
            if (f.name().equalsIgnoreCase(name)) {
                return s.get(f.name());
            }
        }
        throw new AssertionError("no field " + name + " in " + s);
    }

    /** The {@code id} field of each record. */
    static List<Long> ids(List<SourceRecord> records) {
        return records.stream().map(r -> ((Number) field(r.value(), "id")).longValue()).toList();
    }
}

package io.tributary.connect.transforms;

import io.tributary.connect.connector.ConnectRecord;
import java.util.Map;

/**
 * Drops every record it is applied to; no settings. Useful with a predicate, which decides which records reach it:
 *
 * <pre>
 * transforms=dropTombstones
 * transforms.dropTombstones.type=org.apache.kafka.connect.transforms.Filter
 * transforms.dropTombstones.predicate=isTombstone
 * predicates=isTombstone
 * predicates.isTombstone.type=org.apache.kafka.connect.transforms.predicates.RecordIsTombstone
 * </pre>
 *
 * A dropped source record's offset still counts as read; a dropped sink record's offset is committed.
 */
public final class Filter<R extends ConnectRecord> implements Transformation<R> {
    @Override
    public void configure(Map<String, String> settings) {
    }

    @Override
    public R apply(R record) {
        return null;
    }
}

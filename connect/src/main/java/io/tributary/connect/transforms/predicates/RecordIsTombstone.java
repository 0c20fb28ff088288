package io.tributary.connect.transforms.predicates;

import io.tributary.connect.connector.ConnectRecord;
import java.util.Map;

/** True for tombstones: records whose value is null. No settings. */
public final class RecordIsTombstone<R extends ConnectRecord> implements Predicate<R> {
    @Override
    public void configure(Map<String, String> settings) {
    }

    @Override
    public boolean test(R record) {
        return record.value() == null;
    }

    @Override
    public String toString() {
        return "RecordIsTombstone";
    }
}

package io.tributary.connect.jdbc;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How far a table has been read: the last incrementing value and the last (complete) timestamp, stored as
 * Confluent's JDBC source stores them: {@code {"incrementing": 42, "timestamp": <epoch ms>, "timestamp_nanos":
 * <nano of second>}}, each present only in the modes that use it. Immutable.
 *
 * @param incrementing the last incrementing value read, or null
 * @param timestamp    the last timestamp read, or null
 */
record SourceOffset(Long incrementing, Instant timestamp) {
    static final String INCREMENTING_FIELD = "incrementing";
    static final String TIMESTAMP_FIELD = "timestamp";
    static final String TIMESTAMP_NANOS_FIELD = "timestamp_nanos";

    static final SourceOffset NONE = new SourceOffset(null, null);

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (incrementing != null) {
            m.put(INCREMENTING_FIELD, incrementing);
        }
        if (timestamp != null) {
            m.put(TIMESTAMP_FIELD, timestamp.toEpochMilli());
            m.put(TIMESTAMP_NANOS_FIELD, (long) timestamp.getNano());
        }
        return m;
    }

    /** The offset stored as {@link #toMap()}, or {@link #NONE} for null. */
    static SourceOffset fromMap(Map<String, ?> m) {
        if (m == null) {
            return NONE;
        }
        Long inc = m.get(INCREMENTING_FIELD) instanceof Number n ? n.longValue() : null;
        Instant ts = null;
        if (m.get(TIMESTAMP_FIELD) instanceof Number ms) {
            ts = Instant.ofEpochMilli(ms.longValue());
            if (m.get(TIMESTAMP_NANOS_FIELD) instanceof Number nanos) {
                ts = Instant.ofEpochSecond(ts.getEpochSecond(), nanos.longValue());
            }
        }
        return new SourceOffset(inc, ts);
    }
}

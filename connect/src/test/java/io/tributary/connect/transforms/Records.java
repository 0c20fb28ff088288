package io.tributary.connect.transforms;

import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaBuilder;
import io.tributary.connect.data.Struct;
import io.tributary.connect.sink.SinkRecord;
import io.tributary.connect.source.SourceRecord;
import java.util.LinkedHashMap;
import java.util.Map;

/** Records the transform tests share. */
final class Records {
    static final Schema USER = SchemaBuilder.struct().name("User")
        .field("id", Schema.INT64_SCHEMA)
        .field("email", Schema.OPTIONAL_STRING_SCHEMA)
        .field("age", Schema.OPTIONAL_INT32_SCHEMA)
        .build();

    private Records() {
    }

    static Struct user(long id, String email, Integer age) {
        return new Struct(USER).put("id", id).put("email", email).put("age", age);
    }

    static Map<String, Object> userMap(long id, String email, Integer age) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("email", email);
        m.put("age", age);
        return m;
    }

    static SinkRecord sink(Schema valueSchema, Object value) {
        return new SinkRecord("users", 3, Schema.STRING_SCHEMA, "k", valueSchema, value, 42L, 1_700_000_000_000L);
    }

    static SourceRecord source(Schema valueSchema, Object value) {
        return new SourceRecord(Map.of("file", "a"), Map.of("position", 10L), "users", null, null, null,
            valueSchema, value, 1_700_000_000_000L);
    }

    static <T extends Transformation<?>> T configured(T t, String... keyValues) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            settings.put(keyValues[i], keyValues[i + 1]);
        }
        t.configure(settings);
        return t;
    }
}

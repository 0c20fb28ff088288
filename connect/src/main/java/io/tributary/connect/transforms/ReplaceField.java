package io.tributary.connect.transforms;

import io.tributary.common.config.ConfigException;
import io.tributary.connect.connector.ConnectRecord;
import io.tributary.connect.data.Field;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaBuilder;
import io.tributary.connect.data.Struct;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps, drops and renames fields of the key ({@code ReplaceField$Key}) or value ({@code ReplaceField$Value}).
 * Settings: {@code include} (or Kafka's older {@code whitelist}): only these fields are kept, empty keeps all;
 * {@code exclude} (or {@code blacklist}): these fields are dropped, and win over {@code include};
 * {@code renames}: {@code old:new,...}. Field order is kept. A null key or value passes unchanged.
 */
public abstract class ReplaceField<R extends ConnectRecord> extends KeyOrValueTransformation<R> {
    private List<String> include;
    private List<String> exclude;
    private final Map<String, String> renames = new HashMap<>();

    ReplaceField(boolean onKey) {
        super(onKey);
    }

    @Override
    public void configure(Map<String, String> settings) {
        TransformConfig c = new TransformConfig(settings);
        include = c.list("include", "whitelist");
        exclude = c.list("exclude", "blacklist");
        renames.clear();
        for (String pair : c.list("renames")) {
            String[] parts = pair.split(":", -1);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new ConfigException("renames", pair, "old:new pairs separated by commas");
            }
            renames.put(parts[0].trim(), parts[1].trim());
        }
    }

    private boolean kept(String field) {
        return !exclude.contains(field) && (include.isEmpty() || include.contains(field));
    }

    private String renamed(String field) {
        return renames.getOrDefault(field, field);
    }

    @Override
    public R apply(R r) {
        if (part(r) == null) {
            return r;
        }
        Schema schema = schema(r);
        if (schema == null) {
            Map<String, Object> out = new LinkedHashMap<>();
            requireMap(r, "ReplaceField").forEach((k, v) -> {
                if (kept(k)) {
                    out.put(renamed(k), v);
                }
            });
            return withPart(r, null, out);
        }
        Struct in = requireStruct(r, "ReplaceField");
        Schema outSchema = cachedSchema(schema, this::reshape);
        Struct out = new Struct(outSchema);
        for (Field f : schema.fields()) {
            if (kept(f.name())) {
                out.put(renamed(f.name()), in.get(f.name()));
            }
        }
        return withPart(r, outSchema, out);
    }

    private Schema reshape(Schema in) {
        SchemaBuilder b = structLike(in);
        for (Field f : in.fields()) {
            if (kept(f.name())) {
                b.field(renamed(f.name()), f.schema());
            }
        }
        return b.build();
    }

    /** Works on the key. */
    public static final class Key<R extends ConnectRecord> extends ReplaceField<R> {
        public Key() {
            super(true);
        }
    }

    /** Works on the value. */
    public static final class Value<R extends ConnectRecord> extends ReplaceField<R> {
        public Value() {
            super(false);
        }
    }
}

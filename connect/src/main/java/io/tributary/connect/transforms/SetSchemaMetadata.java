package io.tributary.connect.transforms;

import io.tributary.common.config.ConfigException;
import io.tributary.connect.connector.ConnectRecord;
import io.tributary.connect.data.DataException;
import io.tributary.connect.data.Field;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaBuilder;
import io.tributary.connect.data.Struct;
import java.util.Map;

/**
 * Sets the name ({@code schema.name}) and/or version ({@code schema.version}, an integer) of the key's
 * ({@code SetSchemaMetadata$Key}) or value's ({@code SetSchemaMetadata$Value}) schema; at least one is required, the
 * other is kept. Parameters (a Decimal's scale) are kept. The data is unchanged (a struct is re-bound to the renamed
 * schema). Records without a schema are refused, as in Kafka.
 */
public abstract class SetSchemaMetadata<R extends ConnectRecord> extends KeyOrValueTransformation<R> {
    private String name;
    private Integer version;

    SetSchemaMetadata(boolean onKey) {
        super(onKey);
    }

    @Override
    public void configure(Map<String, String> settings) {
        TransformConfig c = new TransformConfig(settings);
        name = c.get("schema.name", null);
        String v = c.get("schema.version", null);
        version = null;
        if (v != null) {
            try {
                version = Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new ConfigException("schema.version", v, "an integer");
            }
        }
        if (name == null && version == null) {
            throw new ConfigException("schema.name", settings.get("schema.name"), "a name, or a schema.version");
        }
    }

    @Override
    public R apply(R r) {
        Schema schema = schema(r);
        if (schema == null) {
            throw new DataException("SetSchemaMetadata: the record's " + partName() + " has no schema (expected: a "
                + "converter with schemas, e.g. JsonConverter with schemas.enable=true)");
        }
        Schema renamed = cachedSchema(schema, this::renamed);
        Object v = part(r);
        if (v instanceof Struct s) {
            Struct out = new Struct(renamed);
            copyFields(s, out);
            v = out;
        }
        return withPart(r, renamed, v);
    }

    private Schema renamed(Schema s) {
        SchemaBuilder b = switch (s.type()) {
            case STRUCT -> {
                SchemaBuilder sb = SchemaBuilder.struct();
                for (Field f : s.fields()) {
                    sb.field(f.name(), f.schema());
                }
                yield sb;
            }
            case ARRAY -> SchemaBuilder.array(s.valueSchema());
            case MAP -> SchemaBuilder.map(s.keySchema(), s.valueSchema());
            default -> SchemaBuilder.type(s.type());
        };
        b.name(name != null ? name : s.name());
        Integer newVersion = version != null ? version : s.version();
        if (newVersion != null) {
            b.version(newVersion);
        }
        if (s.parameters() != null) {
            b.parameters(s.parameters());
        }
        return (s.isOptional() ? b.optional() : b).build();
    }

    /** Renames the key's schema. */
    public static final class Key<R extends ConnectRecord> extends SetSchemaMetadata<R> {
        public Key() {
            super(true);
        }
    }

    /** Renames the value's schema. */
    public static final class Value<R extends ConnectRecord> extends SetSchemaMetadata<R> {
        public Value() {
            super(false);
        }
    }
}

package io.tributary.connect.transforms;

import io.tributary.common.config.ConfigException;
import io.tributary.connect.connector.ConnectRecord;
import io.tributary.connect.data.DataException;
import io.tributary.connect.data.Field;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaBuilder;
import io.tributary.connect.data.Struct;
import java.text.ParseException;
import java.text.SimpleDateFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;

/**
 * Converts a timestamp in the key ({@code TimestampConverter$Key}) or value ({@code TimestampConverter$Value}), or
 * in one of its fields ({@code field}; empty: the whole key or value), between Kafka Connect's representations:
 *
 * <ul>
 *   <li>{@code string}: text in {@code format} (a {@link SimpleDateFormat} pattern, read and written in UTC);</li>
 *   <li>{@code unix}: an INT64 count since the epoch, in {@code unix.precision} (seconds, milliseconds (default),
 *       microseconds or nanoseconds; finer than milliseconds is truncated to milliseconds when read);</li>
 *   <li>{@code Date}, {@code Time}, {@code Timestamp}: the logical types named
 *       {@code org.apache.kafka.connect.data.Date} (INT32 days since 1970-01-01, the time of day dropped),
 *       {@code ...Time} (INT32 milliseconds since midnight, the date dropped) and {@code ...Timestamp} (INT64 epoch
 *       milliseconds).</li>
 * </ul>
 *
 * {@code target.type} (required) says what to produce. The input's representation comes from its schema (a logical
 * name, else STRING is {@code string} and INT64 is {@code unix}) or, without a schema, from its Java type
 * ({@code java.util.Date} is a Timestamp, a whole number unix, a String string). With a schema, Date, Time and
 * Timestamp values are Tributary's (Integer days, Integer milliseconds, Long milliseconds; a {@code java.util.Date}
 * is accepted too); without one they are {@code java.util.Date}s, as in Kafka. Nulls stay null (the schema still
 * changes); the field keeps its optionality. {@code format} is required for {@code target.type=string} and for string
 * input. Kafka's class names ({@code org.apache.kafka.connect.transforms.TimestampConverter$Value}) work.
 */
public abstract class TimestampConverter<R extends ConnectRecord> extends KeyOrValueTransformation<R> {
    static final String DATE_NAME = "org.apache.kafka.connect.data.Date";
    static final String TIME_NAME = "org.apache.kafka.connect.data.Time";
    static final String TIMESTAMP_NAME = "org.apache.kafka.connect.data.Timestamp";
    private static final long DAY_MS = TimeUnit.DAYS.toMillis(1);

    /** The representations, with their names in {@code target.type}. */
    private enum Kind {
        STRING("string"), UNIX("unix"), DATE("Date"), TIME("Time"), TIMESTAMP("Timestamp");

        final String text;

        Kind(String text) {
            this.text = text;
        }
    }

    private String field;
    private Kind target;
    private SimpleDateFormat format;
    private TimeUnit unit;

    TimestampConverter(boolean onKey) {
        super(onKey);
    }

    @Override
    public void configure(Map<String, String> settings) {
        TransformConfig c = new TransformConfig(settings);
        field = c.get("field", "");
        String type = c.required("target.type", "one of string, unix, Date, Time, Timestamp");
        target = null;
        for (Kind k : Kind.values()) {
            if (k.text.equalsIgnoreCase(type)) {
                target = k;
            }
        }
        if (target == null) {
            throw new ConfigException("target.type", type, "one of string, unix, Date, Time, Timestamp");
        }
        String pattern = c.get("format", null);
        format = null;
        if (pattern != null) {
            try {
                // One instance per task thread, so SimpleDateFormat's lack of thread-safety does not matter.
                format = new SimpleDateFormat(pattern);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("format", pattern, "a SimpleDateFormat pattern (" + e.getMessage() + ")");
            }
            format.setTimeZone(TimeZone.getTimeZone("UTC"));
        } else if (target == Kind.STRING) {
            throw new ConfigException("format", settings.get("format"), "a SimpleDateFormat pattern with "
                + "target.type=string");
        }
        String precision = c.get("unix.precision", "milliseconds");
        unit = switch (precision.toLowerCase(Locale.ROOT)) {
            case "seconds" -> TimeUnit.SECONDS;
            case "milliseconds" -> TimeUnit.MILLISECONDS;
            case "microseconds" -> TimeUnit.MICROSECONDS;
            case "nanoseconds" -> TimeUnit.NANOSECONDS;
            default -> throw new ConfigException("unix.precision", precision,
                "one of seconds, milliseconds, microseconds, nanoseconds");
        };
    }

    @Override
    public R apply(R r) {
        Schema schema = schema(r);
        Object part = part(r);
        if (field.isEmpty()) {
            if (schema == null) {
                return part == null ? r : withPart(r, null, convert(part, kindOf(part), false));
            }
            Schema out = cachedSchema(schema, s -> targetSchema(s.isOptional()));
            return withPart(r, out, part == null ? null : convert(part, kindOf(schema), true));
        }
        if (part == null) {
            return r;
        }
        if (schema == null) {
            Map<String, Object> value = new LinkedHashMap<>(requireMap(r, "TimestampConverter"));
            Object v = value.get(field);
            value.put(field, v == null ? null : convert(v, kindOf(v), false));
            return withPart(r, null, value);
        }
        Struct in = requireStruct(r, "TimestampConverter");
        Schema outSchema = cachedSchema(schema, this::structSchema);
        Struct out = new Struct(outSchema);
        for (Field f : schema.fields()) {
            Object v = in.get(f.name());
            out.put(f.name(), f.name().equals(field) && v != null ? convert(v, kindOf(f.schema()), true) : v);
        }
        return withPart(r, outSchema, out);
    }

    private Schema structSchema(Schema in) {
        SchemaBuilder b = structLike(in);
        for (Field f : in.fields()) {
            b.field(f.name(), f.name().equals(field) ? targetSchema(f.schema().isOptional()) : f.schema());
        }
        return b.build();
    }

    private Schema targetSchema(boolean optional) {
        SchemaBuilder b = switch (target) {
            case STRING -> SchemaBuilder.type(Schema.Type.STRING);
            case UNIX -> SchemaBuilder.type(Schema.Type.INT64);
            case DATE -> SchemaBuilder.type(Schema.Type.INT32).name(DATE_NAME).version(1);
            case TIME -> SchemaBuilder.type(Schema.Type.INT32).name(TIME_NAME).version(1);
            case TIMESTAMP -> SchemaBuilder.type(Schema.Type.INT64).name(TIMESTAMP_NAME).version(1);
        };
        return (optional ? b.optional() : b).build();
    }

    private static Kind kindOf(Schema schema) {
        String name = schema.name();
        if (DATE_NAME.equals(name)) {
            return Kind.DATE;
        }
        if (TIME_NAME.equals(name)) {
            return Kind.TIME;
        }
        if (TIMESTAMP_NAME.equals(name)) {
            return Kind.TIMESTAMP;
        }
        if (schema.type() == Schema.Type.STRING) {
            return Kind.STRING;
        }
        if (schema.type() == Schema.Type.INT64) {
            return Kind.UNIX;
        }
        throw new DataException("TimestampConverter: schema " + schema + " (expected: a Date, Time or Timestamp "
            + "logical type, a STRING or an INT64)");
    }

    private static Kind kindOf(Object value) {
        if (value instanceof java.util.Date) {
            return Kind.TIMESTAMP;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return Kind.UNIX;
        }
        if (value instanceof String) {
            return Kind.STRING;
        }
        throw new DataException("TimestampConverter: " + value.getClass().getName() + " (expected: a "
            + "java.util.Date, a whole number or a String as a timestamp)");
    }

    /** {@code value} (not null) of representation {@code from} as the target; logical values as the schema's. */
    private Object convert(Object value, Kind from, boolean withSchema) {
        long ms = toMillis(value, from);
        return switch (target) {
            case STRING -> format.format(new java.util.Date(ms));
            case UNIX -> unit.convert(ms, TimeUnit.MILLISECONDS);
            case DATE -> {
                long days = Math.floorDiv(ms, DAY_MS);
                yield withSchema ? (Object) Math.toIntExact(days) : new java.util.Date(days * DAY_MS);
            }
            case TIME -> {
                long ofDay = Math.floorMod(ms, DAY_MS);
                yield withSchema ? (Object) (int) ofDay : new java.util.Date(ofDay);
            }
            case TIMESTAMP -> withSchema ? (Object) ms : new java.util.Date(ms);
        };
    }

    private long toMillis(Object value, Kind from) {
        if (value instanceof java.util.Date d) {
            return d.getTime();
        }
        return switch (from) {
            case STRING -> {
                if (format == null) {
                    throw new DataException("TimestampConverter: cannot read the string timestamp \"" + value
                        + "\" without format (a SimpleDateFormat pattern)");
                }
                try {
                    yield format.parse((String) value).getTime();
                } catch (ParseException | ClassCastException e) {
                    throw new DataException("TimestampConverter: \"" + value + "\" (expected: a timestamp in format "
                        + format.toPattern() + ")", e);
                }
            }
            case UNIX -> TimeUnit.MILLISECONDS.convert(number(value), unit);
            case DATE -> number(value) * DAY_MS;
            case TIME, TIMESTAMP -> number(value);
        };
    }

    private static long number(Object value) {
        if (!(value instanceof Number n)) {
            throw new DataException("TimestampConverter: " + value.getClass().getSimpleName() + " (expected: a "
                + "number for this schema)");
        }
        return n.longValue();
    }

    /** Converts in the key. */
    public static final class Key<R extends ConnectRecord> extends TimestampConverter<R> {
        public Key() {
            super(true);
        }
    }

    /** Converts in the value. */
    public static final class Value<R extends ConnectRecord> extends TimestampConverter<R> {
        public Value() {
            super(false);
        }
    }
}

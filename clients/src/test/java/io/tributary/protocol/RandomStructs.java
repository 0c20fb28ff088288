package io.tributary.protocol;

import io.tributary.common.Uuid;
import io.tributary.protocol.types.Field;
import io.tributary.protocol.types.FieldType;
import io.tributary.protocol.types.MessageSchema;
import io.tributary.protocol.types.Struct;
import io.tributary.protocol.types.StructSchema;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Fills a message with random values for one version: every field that exists in that version gets a value, often
 * an edge value (null where allowed, empty, extremes, the default), so that tagged-field omission and nullability are
 * exercised as well as ordinary values.
 */
final class RandomStructs {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._ é€";
    private final Random random;

    RandomStructs(long seed) {
        this.random = new Random(seed);
    }

    Struct message(MessageSchema schema, short version) {
        return struct(schema.body(), version, 0);
    }

    private Struct struct(StructSchema schema, short version, int depth) {
        Struct s = new Struct(schema);
        for (Field f : schema.fields()) {
            if (!f.presentIn(version)) {
                continue;
            }
            if (random.nextInt(6) == 0) {
                continue; // keep the default
            }
            s.set(f.name(), value(f, f.type(), version, depth, f.nullableIn(version)));
        }
        return s;
    }

    private Object value(Field f, FieldType type, short version, int depth, boolean nullable) {
        if (nullable && random.nextInt(5) == 0) {
            return null;
        }
        if (type instanceof FieldType.ArrayOf a) {
            int n = depth > 3 ? 0 : random.nextInt(4);
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                list.add(value(f, a.element(), version, depth + 1, false));
            }
            return list;
        }
        if (type instanceof FieldType.StructOf st) {
            return struct(st.schema(), version, depth + 1);
        }
        return switch ((FieldType.Primitive) type) {
            case BOOL -> random.nextBoolean();
            case INT8 -> (byte) pick(Byte.MIN_VALUE, Byte.MAX_VALUE);
            case INT16 -> (short) pick(Short.MIN_VALUE, Short.MAX_VALUE);
            case UINT16 -> (int) pick(0, 0xffff);
            case INT32 -> (int) pick(Integer.MIN_VALUE, Integer.MAX_VALUE);
            case UINT32 -> pick(0, 0xffffffffL);
            case INT64 -> pick(Long.MIN_VALUE, Long.MAX_VALUE);
            case FLOAT64 -> random.nextInt(4) == 0 ? 0.0 : random.nextDouble() * 1e9 - 5e8;
            case STRING -> string();
            case BYTES -> bytes(random.nextInt(20));
            case RECORDS -> ByteBuffer.wrap(bytes(random.nextInt(80))).asReadOnlyBuffer();
            case UUID -> random.nextInt(4) == 0 ? Uuid.ZERO : new Uuid(random.nextLong(), random.nextLong());
        };
    }

    private long pick(long min, long max) {
        return switch (random.nextInt(6)) {
            case 0 -> min;
            case 1 -> max;
            case 2 -> 0;
            case 3 -> -1 >= min ? -1 : 1;
            default -> {
                long span = max - min;
                yield span <= 0 ? random.nextLong() : min + Math.floorMod(random.nextLong(), span + 1);
            }
        };
    }

    private String string() {
        int n = random.nextInt(5) == 0 ? 0 : random.nextInt(16);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}

package io.tributary.clients.admin;

import java.util.Objects;

/**
 * One change to a setting for {@link Admin#incrementalAlterConfigs}.
 *
 * @param name  the key
 * @param value the value to set, append or subtract; ignored (may be null) for DELETE
 * @param type  what to do
 */
public record AlterConfigOp(String name, String value, OpType type) {
    /** The operations and their codes on the wire. */
    public enum OpType {
        /** Set the value. */
        SET,
        /** Remove the override: back to the default. */
        DELETE,
        /** Add to a list setting (such as cleanup.policy). */
        APPEND,
        /** Remove from a list setting. */
        SUBTRACT;

        /** The code on the wire. */
        public byte code() {
            return (byte) ordinal();
        }
    }

    public AlterConfigOp {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (type != OpType.DELETE && value == null) {
            throw new IllegalArgumentException("value : null (expected: a value for " + type + ")");
        }
    }

    /** Sets {@code name} to {@code value}. */
    public static AlterConfigOp set(String name, String value) {
        return new AlterConfigOp(name, value, OpType.SET);
    }

    /** Removes the override of {@code name}. */
    public static AlterConfigOp delete(String name) {
        return new AlterConfigOp(name, null, OpType.DELETE);
    }
}

package io.tributary.record;

import static io.tributary.record.RecordBatchDescriptor.CONTROL_KEY_CURRENT_VERSION;
import static io.tributary.record.RecordBatchDescriptor.CONTROL_KEY_SIZE;
import static io.tributary.record.RecordBatchDescriptor.CONTROL_KEY_TYPE_OFFSET;
import static io.tributary.record.RecordBatchDescriptor.CONTROL_KEY_VERSION_OFFSET;

import java.nio.ByteBuffer;

/** Type of a control record, carried in its key (version int16, type int16). */
public enum ControlRecordType {
    /** Transaction abort marker. */
    ABORT(0),
    /** Transaction commit marker. */
    COMMIT(1),
    /** Any other control type (KRaft uses several); kept so that such batches still decode. */
    UNKNOWN(-1);

    /** Wire type id. */
    public final short type;

    ControlRecordType(int type) {
        this.type = (short) type;
    }

    /** Encodes the control record key for this type. */
    public byte[] recordKey() {
        if (this == UNKNOWN) {
            throw new IllegalStateException("cannot encode the UNKNOWN control type");
        }
        ByteBuffer key = ByteBuffer.allocate(CONTROL_KEY_SIZE);
        key.putShort(CONTROL_KEY_VERSION_OFFSET, CONTROL_KEY_CURRENT_VERSION);
        key.putShort(CONTROL_KEY_TYPE_OFFSET, type);
        return key.array();
    }

    /**
     * Parses a control record key. Newer key versions are read the same way (the layout only grows).
     *
     * @throws InvalidRecordException if the key is missing or too short
     */
    public static ControlRecordType parse(byte[] key) {
        if (key == null || key.length < CONTROL_KEY_SIZE) {
            throw new InvalidRecordException("control record key must have at least " + CONTROL_KEY_SIZE
                    + " bytes");
        }
        short type = ByteBuffer.wrap(key).getShort(CONTROL_KEY_TYPE_OFFSET);
        for (ControlRecordType t : values()) {
            if (t != UNKNOWN && t.type == type) {
                return t;
            }
        }
        return UNKNOWN;
    }
}

package io.tributary.record;

import static io.tributary.record.RecordBatchDescriptor.END_TXN_COORDINATOR_EPOCH_OFFSET;
import static io.tributary.record.RecordBatchDescriptor.END_TXN_CURRENT_VERSION;
import static io.tributary.record.RecordBatchDescriptor.END_TXN_VALUE_SIZE;
import static io.tributary.record.RecordBatchDescriptor.END_TXN_VALUE_VERSION_OFFSET;

import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A transaction marker (commit or abort) as carried by the single record of a control batch. */
public final class EndTransactionMarker {
    private static final Logger LOG = LoggerFactory.getLogger(EndTransactionMarker.class);

    private final ControlRecordType type;
    private final int coordinatorEpoch;

    /** Creates a marker; {@code type} must be COMMIT or ABORT. */
    public EndTransactionMarker(ControlRecordType type, int coordinatorEpoch) {
        if (type != ControlRecordType.COMMIT && type != ControlRecordType.ABORT) {
            throw new IllegalArgumentException("not a transaction marker type: " + type);
        }
        this.type = type;
        this.coordinatorEpoch = coordinatorEpoch;
    }

    /** COMMIT or ABORT. */
    public ControlRecordType type() {
        return type;
    }

    /** Epoch of the transaction coordinator that wrote the marker. */
    public int coordinatorEpoch() {
        return coordinatorEpoch;
    }

    /** Encodes the control record value (version int16, coordinator epoch int32). */
    public byte[] recordValue() {
        ByteBuffer value = ByteBuffer.allocate(END_TXN_VALUE_SIZE);
        value.putShort(END_TXN_VALUE_VERSION_OFFSET, END_TXN_CURRENT_VERSION);
        value.putInt(END_TXN_COORDINATOR_EPOCH_OFFSET, coordinatorEpoch);
        return value.array();
    }

    /**
     * Decodes the marker carried by a control record.
     *
     * @throws InvalidRecordException if the record is not a well-formed commit or abort marker
     */
    public static EndTransactionMarker fromRecord(Record record) {
        ControlRecordType type = ControlRecordType.parse(record.key());
        if (type != ControlRecordType.COMMIT && type != ControlRecordType.ABORT) {
            throw new InvalidRecordException("control record is not a transaction marker: " + type);
        }
        byte[] value = record.value();
        if (value == null || value.length < END_TXN_VALUE_SIZE) {
            throw new InvalidRecordException("transaction marker value must have at least " + END_TXN_VALUE_SIZE
                    + " bytes");
        }
        ByteBuffer buf = ByteBuffer.wrap(value);
        short version = buf.getShort(END_TXN_VALUE_VERSION_OFFSET);
        if (version > END_TXN_CURRENT_VERSION) {
            LOG.debug("Reading transaction marker value version {} as version {}", version, END_TXN_CURRENT_VERSION);
        }
        return new EndTransactionMarker(type, buf.getInt(END_TXN_COORDINATOR_EPOCH_OFFSET));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EndTransactionMarker && type == ((EndTransactionMarker) o).type
                && coordinatorEpoch == ((EndTransactionMarker) o).coordinatorEpoch;
    }

    @Override
    public int hashCode() {
        return 31 * type.hashCode() + coordinatorEpoch;
    }

    @Override
    public String toString() {
        return "EndTransactionMarker(" + type + ", coordinatorEpoch=" + coordinatorEpoch + ")";
    }
}

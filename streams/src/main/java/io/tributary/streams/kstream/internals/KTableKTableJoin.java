package io.tributary.streams.kstream.internals;

import io.tributary.streams.kstream.ValueJoiner;
import io.tributary.streams.processor.internals.ProcessorContextImpl;
import io.tributary.streams.processor.internals.ProcessorNode;
import io.tributary.streams.state.internals.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One side of a table-table join: an update of this side's row is joined with the other side's current row and
 * forwarded as {@code Change(joined new, joined old)} stamped with the larger of the two rows' timestamps. The
 * joiner takes this side's value first (the builder reverses it for the right-hand table). What each mode emits,
 * as in Kafka Streams:
 * <ul>
 *   <li>{@link Mode#INNER}: nothing without an other row; else the joined value, or a tombstone when this row was
 *       deleted.</li>
 *   <li>{@link Mode#LEFT} (the left table of a left join): with or without an other row (then joined with null,
 *       stamped with this record's time); a tombstone when this row was deleted; nothing for the deletion of an
 *       absent row with no other row.</li>
 *   <li>{@link Mode#RIGHT} (the right table of a left join): nothing without a left row; else the left row joined
 *       with this side's new value, null after a deletion.</li>
 *   <li>{@link Mode#OUTER}: the joined value while either side has a row (the missing one as null); a tombstone
 *       once neither has.</li>
 * </ul>
 */
final class KTableKTableJoin<K, V, VO, VR> extends ProcessorNode {
    private static final Logger log = LoggerFactory.getLogger(KTableKTableJoin.class);

    /** Which rows this side emits for (see the class comment). */
    enum Mode { INNER, LEFT, RIGHT, OUTER }

    private final Mode mode;
    private final TableView.Getter<K, VO> other;
    private final ValueJoiner<? super V, ? super VO, ? extends VR> joiner;
    private final SendOldValues sendOldValues;
    private boolean sendOld;

    KTableKTableJoin(Mode mode, TableView.Getter<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                     SendOldValues sendOldValues) {
        this.mode = mode;
        this.other = other;
        this.joiner = joiner;
        this.sendOldValues = sendOldValues;
    }

    @Override
    public void init(ProcessorContextImpl context) {
        super.init(context);
        other.init(context);
        sendOld = sendOldValues.enabled();
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Object key, Object value) {
        if (key == null) {
            log.warn("{}: skipping a record with a null key at {}-{}@{}", name(), context().topic(),
                context().recordPartition(), context().offset());
            return;
        }
        K k = (K) key;
        Change<V> change = (Change<V>) value;
        ValueAndTimestamp<VO> otherRow = other.get(k);
        VO o = ValueAndTimestamp.valueOrNull(otherRow);
        long timestamp = context().timestamp();
        if (o == null) {
            boolean emitsAlone = (mode == Mode.LEFT || mode == Mode.OUTER)
                && (change.newValue() != null || change.oldValue() != null);
            if (!emitsAlone) {
                return;
            }
        } else {
            timestamp = Math.max(timestamp, otherRow.timestamp());
        }
        VR newValue;
        VR oldValue = null;
        if (mode == Mode.RIGHT) {
            newValue = joiner.apply(change.newValue(), o);
            if (sendOld) {
                oldValue = joiner.apply(change.oldValue(), o);
            }
        } else {
            boolean outer = mode == Mode.OUTER && o != null;
            newValue = change.newValue() != null || outer ? joiner.apply(change.newValue(), o) : null;
            if (sendOld && (change.oldValue() != null || outer)) {
                oldValue = joiner.apply(change.oldValue(), o);
            }
        }
        forward(k, new Change<>(newValue, oldValue), timestamp);
    }
}

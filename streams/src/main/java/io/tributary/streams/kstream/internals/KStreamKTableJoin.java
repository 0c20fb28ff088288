package io.tributary.streams.kstream.internals;

import io.tributary.streams.kstream.ValueJoinerWithKey;
import io.tributary.streams.processor.internals.ProcessorContextImpl;
import io.tributary.streams.processor.internals.ProcessorNode;
import io.tributary.streams.state.internals.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream-table join: each stream record looks up its key's current row in the table and forwards the joined
 * value with the stream record's key and timestamp (inner: only when there is a row; left: with null otherwise).
 * Records with a null value are dropped, and so are those with a null key except in a left join (Kafka Streams
 * 3.7+, KIP-962: joined with null).
 */
final class KStreamKTableJoin<K, V, VT, VR> extends ProcessorNode {
    private static final Logger log = LoggerFactory.getLogger(KStreamKTableJoin.class);

    private final TableView.Getter<K, VT> table;
    private final ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner;
    private final boolean left;

    KStreamKTableJoin(TableView.Getter<K, VT> table,
                      ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner, boolean left) {
        this.table = table;
        this.joiner = joiner;
        this.left = left;
    }

    @Override
    public void init(ProcessorContextImpl context) {
        super.init(context);
        table.init(context);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Object key, Object value) {
        if (value == null || (key == null && !left)) {
            log.debug("{}: skipping a record with a null join key or value at {}-{}@{}", name(), context().topic(),
                context().recordPartition(), context().offset());
            return;
        }
        K k = (K) key;
        VT row = k == null ? null : ValueAndTimestamp.valueOrNull(table.get(k));
        if (left || row != null) {
            forward(k, joiner.apply(k, (V) value, row));
        }
    }
}

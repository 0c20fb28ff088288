package io.tributary.streams.state.internals;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.HashMap;
import java.util.Map;

/**
 * The bytes of a key-value store held in a hash map, keyed by the serialized key (so keys compare by content, as
 * they do in the compacted changelog). Restoration writes here directly, without logging.
 */
public final class InMemoryKeyValueStore {
    private final String name;
    private final Map<ByteBuffer, byte[]> map = new HashMap<>();

    public InMemoryKeyValueStore(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public byte[] get(byte[] key) {
        return map.get(ByteBuffer.wrap(key));
    }

    /** Puts {@code value}, or removes the key if it is null (a changelog tombstone). */
    public void put(byte[] key, byte[] value) {
        if (value == null) {
            map.remove(ByteBuffer.wrap(key));
        } else {
            map.put(ByteBuffer.wrap(key.clone()), value);
        }
    }

    /** A copy of every key, in no particular order. */
    public List<byte[]> keys() {
        List<byte[]> out = new ArrayList<>(map.size());
        map.keySet().forEach(k -> out.add(Arrays.copyOfRange(k.array(), k.arrayOffset() + k.position(),
            k.arrayOffset() + k.limit())));
        return out;
    }

    public long size() {
        return map.size();
    }
}

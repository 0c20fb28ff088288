package io.tributary.broker.log;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The compaction map: record key to the latest offset seen for it, holding at most {@link #maxEntries()} keys.
 * Keys are stored as their 16-byte MD5 digest (two longs) in open-addressing arrays allocated once, so memory is
 * fixed at about 24 bytes per slot (slots = 4/3 of the bound, rounded up to a power of two) whatever the key
 * sizes. Two keys with the same digest would share an entry; with a 128-bit digest that is negligible.
 *
 * <p>Not thread-safe: owned by one {@link LogCleaner}, which serialises its use.
 */
final class OffsetMap {
    private static final long EMPTY = -1L;

    private final int maxEntries;
    private final int mask;
    private final long[] digestHigh;
    private final long[] digestLow;
    private final long[] offsets;
    private final MessageDigest md5;
    private int size;
    private long high;
    private long low;

    /** @param maxEntries how many distinct keys the map may hold, at least 1 */
    OffsetMap(int maxEntries) {
        if (maxEntries < 1 || maxEntries > (1 << 29)) {
            throw new IllegalArgumentException("maxEntries must be in [1, 2^29], got " + maxEntries);
        }
        this.maxEntries = maxEntries;
        int slots = Integer.highestOneBit(Math.max(2, (int) Math.min(1L << 30, maxEntries * 4L / 3 + 1)) - 1) << 1;
        this.mask = slots - 1;
        this.digestHigh = new long[slots];
        this.digestLow = new long[slots];
        this.offsets = new long[slots];
        Arrays.fill(offsets, EMPTY);
        try {
            this.md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides MD5", e);
        }
    }

    int maxEntries() {
        return maxEntries;
    }

    /** Distinct keys held. */
    int size() {
        return size;
    }

    boolean isFull() {
        return size >= maxEntries;
    }

    /** Forgets every key. */
    void clear() {
        Arrays.fill(offsets, EMPTY);
        size = 0;
    }

    /**
     * Records {@code offset} as the latest for {@code key}. A key already present is always updated; a new key is
     * refused when the map is full.
     *
     * @return false if the key was new and there was no room
     */
    boolean put(byte[] key, long offset) {
        int slot = find(key);
        if (offsets[slot] == EMPTY) {
            if (isFull()) {
                return false;
            }
            digestHigh[slot] = high;
            digestLow[slot] = low;
            size++;
        }
        offsets[slot] = offset;
        return true;
    }

    /** The latest offset recorded for {@code key}, or -1. */
    long get(byte[] key) {
        return offsets[find(key)];
    }

    /** The slot holding {@code key}'s digest, or the empty slot where it would go; leaves the digest in high/low. */
    private int find(byte[] key) {
        ByteBuffer digest = ByteBuffer.wrap(md5.digest(key));
        high = digest.getLong();
        low = digest.getLong();
        int slot = (int) (low ^ (low >>> 32)) & mask;
        while (offsets[slot] != EMPTY && (digestHigh[slot] != high || digestLow[slot] != low)) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }
}

package io.tributary.streams.state.internals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.streams.errors.InvalidStateStoreException;
import io.tributary.streams.kstream.KeyValue;
import io.tributary.streams.state.KeyValueIterator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksDbBytesStoreTest {
    @TempDir
    Path dir;
    private final RocksDbBytesStore store = new RocksDbBytesStore("test");

    @AfterEach
    void close() {
        store.close();
    }

    private static byte[] b(int... bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = (byte) bytes[i];
        }
        return out;
    }

    private static List<byte[]> keys(KeyValueIterator<byte[], byte[]> it) {
        List<byte[]> out = new ArrayList<>();
        try (it) {
            it.forEachRemaining(kv -> out.add(kv.key()));
        }
        return out;
    }

    @Test
    void keysAreOrderedAsUnsignedBytesAndRangesIncludeBothBounds() {
        store.open(dir);
        for (byte[] k : List.of(b(0xff), b(0x80), b(0x01), b(0x7f), b(0x80, 0x00), b(0x00))) {
            store.put(k, b(1));
        }
        assertThat(keys(store.all())).containsExactly(b(0x00), b(0x01), b(0x7f), b(0x80), b(0x80, 0x00), b(0xff));
        assertThat(keys(store.range(b(0x01), b(0x80)))).containsExactly(b(0x01), b(0x7f), b(0x80));
        assertThat(keys(store.range(b(0x7f), null))).containsExactly(b(0x7f), b(0x80), b(0x80, 0x00), b(0xff));
        assertThat(keys(store.range(null, b(0x01)))).containsExactly(b(0x00), b(0x01));
        assertThat(keys(store.range(b(0x90), b(0x10)))).isEmpty();

        // the same order as the in-memory store's
        InMemoryBytesStore memory = new InMemoryBytesStore();
        try (KeyValueIterator<byte[], byte[]> it = store.all()) {
            it.forEachRemaining(kv -> memory.put(kv.key(), kv.value()));
        }
        assertThat(keys(memory.all())).usingElementComparator(Arrays::compare).containsExactlyElementsOf(
            keys(store.all()));
    }

    @Test
    void putGetDeleteAndDataSurvivesAReopen() {
        store.open(dir);
        store.put(b(1), b(10));
        store.put(b(2), b(20));
        store.put(b(1), b(11));
        store.put(b(2), null);
        assertThat(store.get(b(1))).isEqualTo(b(11));
        assertThat(store.get(b(2))).isNull();
        store.flush();
        store.close();

        RocksDbBytesStore reopened = new RocksDbBytesStore("test");
        reopened.open(dir);
        try {
            assertThat(reopened.get(b(1))).isEqualTo(b(11));
            assertThat(keys(reopened.all())).containsExactly(b(1));
        } finally {
            reopened.close();
        }
    }

    @Test
    void aClosedStoreAndItsIteratorsFailCleanly() {
        store.open(dir);
        for (int i = 0; i < 10; i++) {
            store.put(b(i), b(i));
        }
        KeyValueIterator<byte[], byte[]> it = store.all();
        assertThat(it.next().key()).isEqualTo(b(0));
        store.close();

        assertThatThrownBy(() -> store.get(b(1))).isInstanceOf(InvalidStateStoreException.class)
            .hasMessageContaining("store test is closed");
        assertThatThrownBy(() -> {
            while (it.hasNext()) {
                it.next();
            }
        }).isInstanceOf(InvalidStateStoreException.class);
        it.close(); // closing after the store is harmless
    }

    @Test
    void closingUnderConcurrentReadersNeverCrashes() throws Exception {
        store.open(dir);
        for (int i = 0; i < 200; i++) {
            store.put(b(i >> 8, i & 0xff), new byte[64]);
        }
        AtomicReference<Throwable> unexpected = new AtomicReference<>();
        AtomicInteger reads = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(2);
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            Thread t = new Thread(() -> {
                started.countDown();
                try {
                    while (true) {
                        try (KeyValueIterator<byte[], byte[]> it = store.all()) {
                            while (it.hasNext()) {
                                KeyValue<byte[], byte[]> kv = it.next();
                                store.get(kv.key());
                                reads.incrementAndGet();
                            }
                        }
                    }
                } catch (InvalidStateStoreException expected) {
                    // the store closed under the reader: the clean failure
                } catch (Throwable e) {
                    unexpected.set(e);
                }
            });
            readers.add(t);
            t.start();
        }
        started.await();
        while (reads.get() < 1000) {
            Thread.onSpinWait();
        }
        store.close();
        for (Thread t : readers) {
            t.join(10_000);
            assertThat(t.isAlive()).isFalse();
        }
        assertThat(unexpected.get()).isNull();
    }
}

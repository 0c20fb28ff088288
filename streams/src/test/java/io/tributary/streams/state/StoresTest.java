package io.tributary.streams.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.clients.serialization.Serdes;
import io.tributary.streams.kstream.KeyValue;
import io.tributary.streams.kstream.Window;
import io.tributary.streams.kstream.Windowed;
import io.tributary.streams.state.internals.InMemoryBytesStore;
import io.tributary.streams.state.internals.InternalStore;
import io.tributary.streams.state.internals.StoreContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class StoresTest {
    /** Collects what the stores log. */
    static final class Log implements StoreContext {
        final List<KeyValue<byte[], byte[]>> records = new ArrayList<>();

        @Override
        public String applicationId() {
            return "app";
        }

        @Override
        public int partition() {
            return 0;
        }

        @Override
        public void logChange(String topic, byte[] key, byte[] value) {
            records.add(KeyValue.pair(key, value));
        }

        @Override
        public Path storeDir(String storeName) {
            return null;
        }

        @Override
        public long timestamp() {
            return 0;
        }

        @Override
        public void logChange(String topic, byte[] key, byte[] value, long timestamp) {
            logChange(topic, key, value);
        }
    }

    private static <S extends StateStore> S open(StoreBuilder<S> builder, Log log) {
        S store = builder.build();
        ((InternalStore) store).init(log, builder.loggingEnabled() ? "app-" + builder.name() + "-changelog" : null);
        ((InternalStore) store).restored();
        return store;
    }

    private static <K, V> List<KeyValue<K, V>> drain(KeyValueIterator<K, V> it) {
        List<KeyValue<K, V>> out = new ArrayList<>();
        try (it) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    @Property(tries = 200)
    void bytesStoreRangesMatchASortedMap(@ForAll @Size(max = 30) List<@Size(max = 4) List<Byte>> keys,
                                         @ForAll @Size(min = 2, max = 2) List<@Size(max = 4) List<Byte>> bounds) {
        InMemoryBytesStore store = new InMemoryBytesStore();
        TreeMap<byte[], byte[]> model = new TreeMap<>(Arrays::compareUnsigned);
        for (List<Byte> k : keys) {
            byte[] key = bytes(k);
            store.put(key, key);
            model.put(key, key);
        }
        byte[] from = bytes(bounds.get(0));
        byte[] to = bytes(bounds.get(1));
        List<byte[]> expected = Arrays.compareUnsigned(from, to) > 0 ? List.of()
            : new ArrayList<>(model.subMap(from, true, to, true).keySet());
        List<byte[]> actual = drain(store.range(from, to)).stream().map(KeyValue::key).toList();
        assertThat(actual).usingElementComparator(Arrays::compare).containsExactlyElementsOf(expected);
        assertThat(store.approximateNumEntries()).isEqualTo(model.size());
    }

    @Property(tries = 200)
    void bytesStoreOverwritesAndDeletesMatchASortedMap(
        @ForAll @Size(max = 60) List<@Size(max = 2) List<Byte>> keys, @ForAll @Size(max = 60) List<Byte> values) {
        InMemoryBytesStore store = new InMemoryBytesStore();
        TreeMap<byte[], byte[]> model = new TreeMap<>(Arrays::compareUnsigned);
        for (int i = 0; i < keys.size(); i++) {
            // a fresh array each time: equal keys must meet by content, not identity
            byte[] key = bytes(keys.get(i));
            Byte v = i < values.size() ? values.get(i) : null;
            byte[] value = v == null || v % 3 == 0 ? null : new byte[] {v};
            store.put(key, value);
            if (value == null) {
                model.remove(key);
            } else {
                model.put(key, value);
            }
            assertThat(store.get(bytes(keys.get(i)))).isEqualTo(value);
        }
        List<KeyValue<byte[], byte[]>> actual = drain(store.all());
        assertThat(actual).hasSize(model.size());
        int j = 0;
        for (var e : model.entrySet()) {
            assertThat(actual.get(j).key()).isEqualTo(e.getKey());
            assertThat(actual.get(j).value()).isEqualTo(e.getValue());
            j++;
        }
        assertThat(store.approximateNumEntries()).isEqualTo(model.size());
    }

    private static byte[] bytes(List<Byte> list) {
        byte[] out = new byte[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }

    @Test
    void keyValueStoreLogsEveryWriteAndRestoresFromTheLog() {
        Log log = new Log();
        var builder = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("kv"), Serdes.string(), Serdes.longs());
        KeyValueStore<String, Long> store = open(builder, log);
        store.put("b", 2L);
        store.putAll(List.of(KeyValue.pair("a", 1L), KeyValue.pair("c", 3L)));
        assertThat(store.putIfAbsent("a", 9L)).isEqualTo(1L);
        assertThat(store.delete("c")).isEqualTo(3L);
        assertThat(store.delete("zz")).isNull();
        assertThat(drain(store.all())).containsExactly(KeyValue.pair("a", 1L), KeyValue.pair("b", 2L));
        assertThat(drain(store.range("b", null))).containsExactly(KeyValue.pair("b", 2L));
        assertThat(log.records).hasSize(4);
        assertThat(builder.logConfig()).containsEntry("cleanup.policy", "compact");

        KeyValueStore<String, Long> restored = open(builder, new Log());
        log.records.forEach(r -> ((InternalStore) restored).bytes().put(r.key(), r.value()));
        assertThat(drain(restored.all())).containsExactly(KeyValue.pair("a", 1L), KeyValue.pair("b", 2L));
        assertThatThrownBy(() -> store.put(null, 1L)).isInstanceOf(NullPointerException.class);

        Log none = new Log();
        KeyValueStore<String, Long> unlogged = open(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("u"),
            Serdes.string(), Serdes.longs()).withLoggingDisabled(), none);
        unlogged.put("a", 1L);
        assertThat(none.records).isEmpty();
    }

    @Test
    void windowStoreFetchesByKeyAndTimeAndExpiresOldWindows() {
        Log log = new Log();
        var builder = Stores.windowStoreBuilder(Stores.inMemoryWindowStore("w", Duration.ofSeconds(30),
            Duration.ofSeconds(10), false), Serdes.string(), Serdes.longs());
        assertThat(builder.logConfig()).containsEntry("cleanup.policy", "compact,delete")
            .containsEntry("retention.ms", Long.toString(30_000 + 86_400_000L));
        WindowStore<String, Long> store = open(builder, log);
        store.put("a", 1L, 0);
        store.put("ab", 5L, 0);        // a longer key with "a" as prefix must not show in a's fetches
        store.put("a", 2L, 10_000);
        store.put("a", 3L, 10_000);    // replaces
        store.put("b", 4L, 20_000);
        assertThat(store.fetch("a", 10_000)).isEqualTo(3L);
        assertThat(drain(store.fetch("a", 0, 20_000))).containsExactly(KeyValue.pair(0L, 1L),
            KeyValue.pair(10_000L, 3L));
        assertThat(drain(store.fetchAll(10_000, 20_000))).containsExactlyInAnyOrder(
            KeyValue.pair(new Windowed<>("a", new Window(10_000, 20_000)), 3L),
            KeyValue.pair(new Windowed<>("b", new Window(20_000, 30_000)), 4L));

        store.put("c", 6L, 30_000);    // observed 30s: windows starting at or before 0 are expired
        assertThat(store.fetch("a", 0)).isNull();
        assertThat(drain(store.fetch("a", 0, 40_000))).containsExactly(KeyValue.pair(10_000L, 3L));
        assertThat(drain(store.all())).hasSize(3);
        store.put("a", 7L, -5_000);    // too old: ignored
        assertThat(drain(store.fetch("a", -10_000, 0))).isEmpty();

        // restoring the changelog rebuilds the same windows (expired ones are hidden again)
        WindowStore<String, Long> restored = builder.build();
        ((InternalStore) restored).init(new Log(), "app-w-changelog");
        log.records.forEach(r -> ((InternalStore) restored).bytes().put(r.key(), r.value()));
        ((InternalStore) restored).restored();
        assertThat(drain(restored.all())).containsExactlyElementsOf(drain(store.all()));
    }

    @Test
    void windowStoreWithDuplicatesKeepsEveryValue() {
        var builder = Stores.windowStoreBuilder(Stores.inMemoryWindowStore("d", Duration.ofSeconds(10),
            Duration.ofSeconds(10), true), Serdes.string(), Serdes.string());
        WindowStore<String, String> store = open(builder, new Log());
        store.put("k", "x", 1_000);
        store.put("k", "y", 1_000);
        store.put("k", "z", 2_000);
        store.put("k", null, 2_000);   // no-op with duplicates
        assertThat(drain(store.fetch("k", 0, 5_000))).containsExactly(KeyValue.pair(1_000L, "x"),
            KeyValue.pair(1_000L, "y"), KeyValue.pair(2_000L, "z"));
        assertThatThrownBy(() -> Stores.inMemoryWindowStore("bad", Duration.ofSeconds(1), Duration.ofSeconds(2),
            false)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retention");
        assertThatThrownBy(() -> Stores.inMemoryKeyValueStore("bad name"))
            .isInstanceOf(IllegalArgumentException.class);
    }
}

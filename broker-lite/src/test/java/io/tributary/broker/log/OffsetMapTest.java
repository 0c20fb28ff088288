package io.tributary.broker.log;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class OffsetMapTest {
    @Test
    void refusesNewKeysWhenFullButUpdatesExistingOnes() {
        OffsetMap map = new OffsetMap(3);
        assertThat(map.put("a".getBytes(UTF_8), 1)).isTrue();
        assertThat(map.put("b".getBytes(UTF_8), 2)).isTrue();
        assertThat(map.put(new byte[100_000], 3)).isTrue();
        assertThat(map.isFull()).isTrue();
        assertThat(map.put("d".getBytes(UTF_8), 4)).isFalse();
        assertThat(map.size()).isEqualTo(3);
        assertThat(map.put("a".getBytes(UTF_8), 10)).isTrue();
        assertThat(map.get("a".getBytes(UTF_8))).isEqualTo(10);
        assertThat(map.get(new byte[100_000])).isEqualTo(3);
        assertThat(map.get("d".getBytes(UTF_8))).isEqualTo(-1);
        map.clear();
        assertThat(map.size()).isZero();
        assertThat(map.get("a".getBytes(UTF_8))).isEqualTo(-1);
        assertThatThrownBy(() -> new OffsetMap(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 50)
    void behavesLikeABoundedHashMap(@ForAll @IntRange(min = 1, max = 300) int bound,
                                    @ForAll @IntRange(min = 0, max = 2000) int puts) {
        OffsetMap map = new OffsetMap(bound);
        Map<String, Long> model = new HashMap<>();
        for (int i = 0; i < puts; i++) {
            String key = "key-" + (i * 31 % 500);
            boolean accepted = map.put(key.getBytes(UTF_8), i);
            assertThat(accepted).isEqualTo(model.containsKey(key) || model.size() < bound);
            if (accepted) {
                model.put(key, (long) i);
            }
            assertThat(map.size()).isEqualTo(model.size()).isLessThanOrEqualTo(bound);
        }
        model.forEach((k, v) -> assertThat(map.get(k.getBytes(UTF_8))).isEqualTo(v));
    }
}

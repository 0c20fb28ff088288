package io.tributary.connect.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.config.ConfigException;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerConfigTest {
    private static WorkerConfig config(String... keyValues) {
        Map<String, String> props = new HashMap<>(Map.of("key.converter", "StringConverter",
            "value.converter", "StringConverter", "offset.storage.file.filename", "/tmp/x"));
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        return new WorkerConfig(props);
    }

    @Test
    void restAddressFromListenersThenOlderKeysThenDefault() {
        assertThat(config().restAddress()).isEqualTo(new InetSocketAddress(8083));
        assertThat(config("rest.port", "9000").restAddress()).isEqualTo(new InetSocketAddress(9000));
        assertThat(config("rest.host.name", "127.0.0.1", "rest.port", "9001").restAddress())
            .isEqualTo(new InetSocketAddress("127.0.0.1", 9001));
        assertThat(config("listeners", "http://127.0.0.1:8084,http://other:1", "rest.port", "9000").restAddress())
            .isEqualTo(new InetSocketAddress("127.0.0.1", 8084));
        assertThat(config("listeners", "HTTP://:8085").restAddress()).isEqualTo(new InetSocketAddress(8085));
    }

    @Test
    void refusesWhatIsNotHttpHostPort() {
        for (String bad : new String[] {"https://localhost:8443", "localhost:8083", "http://h:99999", "http://h"}) {
            assertThatThrownBy(() -> config("listeners", bad).restAddress()).as(bad)
                .isInstanceOf(ConfigException.class).hasMessageContaining("listeners : " + bad);
        }
    }
}

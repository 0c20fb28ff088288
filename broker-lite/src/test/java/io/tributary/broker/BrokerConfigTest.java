package io.tributary.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.broker.log.LogConfig;
import io.tributary.common.config.ConfigException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerConfigTest {

    @Test
    void kafkaSettingsMapToTopicDefaults() {
        BrokerConfig c = BrokerConfig.from(Map.of("log.retention.hours", "2", "log.segment.bytes", "1048576",
            "message.max.bytes", "2000000", "log.dirs", "/a,/b", "listeners", "PLAINTEXT://0.0.0.0:9093"));
        LogConfig topic = LogConfig.from(c.topicDefaults());
        assertThat(topic.retentionMs).isEqualTo(2 * 3_600_000L);
        assertThat(topic.segmentBytes).isEqualTo(1048576);
        assertThat(topic.maxMessageBytes).isEqualTo(2000000);
        assertThat(c.logDirs()).containsExactly(Path.of("/a"), Path.of("/b"));
        assertThat(c.listener()).isEqualTo(new BrokerConfig.HostPort("0.0.0.0", 9093));
        assertThat(c.advertisedListener(9093)).isEqualTo(new BrokerConfig.HostPort("127.0.0.1", 9093));
        assertThat(BrokerConfig.from(Map.of("log.retention.ms", "-1", "log.retention.hours", "1")).topicDefaults())
            .containsEntry(LogConfig.RETENTION_MS, -1L);
    }

    @Test
    void offsetRetentionSettingsHaveKafkasDefaults() {
        assertThat(BrokerConfig.from(Map.of()).groupConfig().offsetsRetentionMs()).isEqualTo(10_080L * 60_000L);
        assertThat(BrokerConfig.from(Map.of()).groupConfig().offsetsRetentionCheckIntervalMs()).isEqualTo(600_000L);
        var g = BrokerConfig.from(Map.of("offsets.retention.minutes", "2", "offsets.retention.check.interval.ms", "500"))
            .groupConfig();
        assertThat(g.offsetsRetentionMs()).isEqualTo(120_000L);
        assertThat(g.offsetsRetentionCheckIntervalMs()).isEqualTo(500L);
    }

    @Test
    void unknownKafkaSettingsAreKeptForOneLogLineNotRefused() {
        BrokerConfig c = BrokerConfig.from(Map.of("num.replica.fetchers", "4", "zookeeper.connect", "x:2181"));
        assertThat(c.unknown()).containsOnlyKeys("num.replica.fetchers", "zookeeper.connect");
    }

    @Test
    void invalidValuesNameTheKey() {
        assertThatThrownBy(() -> BrokerConfig.from(Map.of("num.partitions", "zero")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("num.partitions");
        assertThatThrownBy(() -> BrokerConfig.from(Map.of("listeners", "SSL://h:1")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("listeners").hasMessageContaining("PLAINTEXT");
        assertThatThrownBy(() -> BrokerConfig.from(Map.of("listeners", "PLAINTEXT://nohost")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("listeners");
        assertThatThrownBy(() -> BrokerConfig.from(Map.of("log.cleanup.policy", "shred")).topicDefaults())
            .isInstanceOf(ConfigException.class).hasMessageContaining("cleanup.policy");
        assertThatThrownBy(() -> BrokerConfig.from(Map.of("default.replication.factor", "3")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("default.replication.factor");
    }
}

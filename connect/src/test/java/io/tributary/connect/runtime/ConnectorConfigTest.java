package io.tributary.connect.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.config.ConfigException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectorConfigTest {
    @TempDir
    Path dir;

    private Worker worker() {
        return new Worker(new WorkerConfig(Map.of("key.converter", "StringConverter", "value.converter",
            "JsonConverter", "offset.storage.file.filename", dir.resolve("o.json").toString())));
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThat(ConnectorConfig.validate(Map.of("tasks.max", "0"), ConnectorConfig.DEFINITION))
            .hasSize(3)
            .anySatisfy(e -> assertThat(e).startsWith("missing required configuration name"))
            .anySatisfy(e -> assertThat(e).startsWith("missing required configuration connector.class"))
            .anySatisfy(e -> assertThat(e).isEqualTo("tasks.max : 0 (expected: at least 1)"));
        assertThat(ConnectorConfig.validate(Map.of("name", "a", "connector.class", "X"), ConnectorConfig.DEFINITION))
            .isEmpty();
    }

    @Test
    void workerRefusesASourceWithoutItsKeysNamingEachOne() {
        Worker worker = worker();
        assertThatThrownBy(() -> worker.startConnector(Map.of("name", "src", "connector.class", "FileStreamSource",
                "batch.size", "many")))
            .isInstanceOf(ConfigException.class)
            .hasMessageStartingWith("connector src has 3 invalid configurations:")
            .hasMessageContaining("missing required configuration file")
            .hasMessageContaining("missing required configuration topic")
            .hasMessageContaining("batch.size : many (expected: a value of type int)");
        assertThat(worker.connectorNames()).isEmpty();
    }

    @Test
    void errorSettingsAreCheckedWithTheRest() {
        assertThatThrownBy(() -> worker().validate(Map.of("name", "snk", "connector.class", "FileStreamSink",
                "file", "/tmp/x", "topics", "a,b", "errors.tolerance", "some", "errors.retry.timeout", "-2",
                "errors.deadletterqueue.topic.name", "b", "errors.deadletterqueue.topic.replication.factor", "0",
                "errors.log.enable", "yes")))
            .isInstanceOf(ConfigException.class)
            .hasMessageStartingWith("connector snk has 5 invalid configurations:")
            .hasMessageContaining("errors.tolerance : some (expected: one of [none, all])")
            .hasMessageContaining("errors.retry.timeout : -2 (expected: at least -1)")
            .hasMessageContaining("errors.log.enable : yes (expected: true or false)")
            .hasMessageContaining("errors.deadletterqueue.topic.replication.factor : 0")
            .hasMessageContaining("errors.deadletterqueue.topic.name : b (expected: a topic the connector does not "
                + "read");
        worker().validate(Map.of("name", "snk", "connector.class", "FileStreamSink", "file", "/tmp/x",
            "topics", "a", "errors.tolerance", "all", "errors.retry.timeout", "-1",
            "errors.deadletterqueue.topic.name", "dlq", "errors.deadletterqueue.topic.replication.factor", "-1"));
    }

    @Test
    void sinkNeedsTopics() {
        assertThatThrownBy(() -> worker().startConnector(Map.of("name", "snk", "connector.class",
                "org.apache.kafka.connect.file.FileStreamSinkConnector", "file", "/tmp/x", "topics", " ")))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("topics : [] (expected: a non-empty value)");
    }

    @Test
    void unknownClassesSayWhatIsAvailable() {
        assertThatThrownBy(() -> worker().startConnector(Map.of("name", "x", "connector.class", "com.acme.Nope")))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("connector.class : com.acme.Nope")
            .hasMessageContaining("FileStreamSink").hasMessageContaining("FileStreamSource");
        assertThatThrownBy(() -> worker().startConnector(Map.of("name", "x", "connector.class", "java.lang.String")))
            .hasMessageContaining("a subclass of io.tributary.connect.connector.Connector");
    }

    @Test
    void commandLineNeedsAWorkerAndAConnectorFile() {
        assertThatThrownBy(() -> ConnectStandalone.fromArgs("worker.properties"))
            .isInstanceOf(IllegalArgumentException.class).hasMessage(ConnectStandalone.USAGE);
    }

    @Test
    void workerConfigNeedsConvertersAndOffsetFile() {
        assertThatThrownBy(() -> new WorkerConfig(Map.of("key.converter", "StringConverter")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("value.converter");
    }
}

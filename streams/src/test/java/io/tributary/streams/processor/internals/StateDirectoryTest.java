package io.tributary.streams.processor.internals;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.TopicPartition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void aTaskDirectoryHasOneOwnerAtATimeAcrossInstancesOfTheJvm() {
        StateDirectory first = new StateDirectory(dir, "app");
        StateDirectory second = new StateDirectory(dir, "app"); // another instance on the same state.dir
        Object a = new Object();
        Object b = new Object();

        assertThat(first.lock(3, a)).isTrue();
        assertThat(first.lock(3, a)).isTrue();
        assertThat(second.lock(3, b)).isFalse();
        assertThat(first.lock(4, b)).isTrue();
        assertThat(first.taskDir(3)).isEqualTo(dir.resolve("app").resolve("3").toAbsolutePath().normalize());
        assertThat(Files.isDirectory(first.taskDir(3))).isTrue();

        second.unlock(3, b); // not the owner: no effect
        assertThat(second.lock(3, b)).isFalse();
        first.unlock(3, a);
        assertThat(second.lock(3, b)).isTrue();
        second.unlock(3, b);
        first.unlock(4, b);
    }

    @Test
    void checkpointsRoundTripAndADamagedFileCountsAsNone() throws Exception {
        Checkpoint checkpoint = new Checkpoint(dir);
        assertThat(checkpoint.read()).isEmpty();
        Map<TopicPartition, Long> offsets = Map.of(new TopicPartition("app-counts-changelog", 3), 1041L,
            new TopicPartition("app-totals-changelog", 3), -1L);
        checkpoint.write(offsets);
        assertThat(checkpoint.read()).isEqualTo(offsets);
        assertThat(Files.readString(dir.resolve(".checkpoint"))).startsWith("0\n2\n");

        Files.writeString(dir.resolve(".checkpoint"), "0\n3\napp-counts-changelog 3 1041\n");
        assertThat(checkpoint.read()).isEmpty();
        Files.writeString(dir.resolve(".checkpoint"), "7\n0\n");
        assertThat(checkpoint.read()).isEmpty();
        checkpoint.delete();
        assertThat(dir.resolve(".checkpoint")).doesNotExist();
    }
}

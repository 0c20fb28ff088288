package io.tributary.benchmarks.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The word-count comparison with a small input, so it cannot rot: both engines run and each ends with the true
 * count of every word on its output (the run checks that and throws otherwise). No timing is asserted.
 */
class WordCountComparisonTest {
    static {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
    }

    @Test
    @Timeout(180)
    void bothEnginesCountEveryWordExactly() throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8);

        List<WordCountComparison.RunResult> results = WordCountComparison.run(3_000, 1, 0, out);
        WordCountComparison.printTable(results, 3_000, 1, out);

        assertThat(results).extracting(WordCountComparison.RunResult::engine)
            .containsExactlyInAnyOrder("tributary", "kafka-streams");
        assertThat(results).allSatisfy(r -> {
            assertThat(r.lines()).isEqualTo(3_000);
            assertThat(r.words()).isBetween(3_000L * 4, 3_000L * 6);
            // every update is sent (no record cache in either): at least one output record per distinct word
            assertThat(r.outputRecords()).isGreaterThanOrEqualTo(WordCountInput.VOCABULARY);
            assertThat(r.seconds()).isPositive();
        });
        String printed = text.toString(StandardCharsets.UTF_8);
        System.out.print(printed);
        assertThat(printed).contains("| tributary |", "| kafka-streams |", "| ratio tributary ÷ kafka-streams |");
    }
}

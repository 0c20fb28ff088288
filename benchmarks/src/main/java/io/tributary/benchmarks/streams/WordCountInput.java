package io.tributary.benchmarks.streams;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The benchmark's input: lines of 1 to 9 words (5 on average) drawn uniformly from {@value #VOCABULARY} made-up
 * words of six letters, from a fixed seed, sent without keys; and the count of every word in them (the oracle).
 */
record WordCountInput(String topic, int lines, long words, Map<String, Long> expected) {
    static final int VOCABULARY = 1_000;
    private static final String[] SYLLABLES = {"ba", "ce", "di", "fo", "gu", "ka", "le", "mi", "no", "pu"};

    /** Word {@code i} of the vocabulary: its three decimal digits as syllables ("bacedi" for 12). */
    static String word(int i) {
        return SYLLABLES[i / 100 % 10] + SYLLABLES[i / 10 % 10] + SYLLABLES[i % 10];
    }

    /** Writes {@code lines} lines to {@code topic} (which exists) and returns them counted. */
    static WordCountInput produce(String bootstrap, String topic, int lines, long seed) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5,
            ProducerConfig.BATCH_SIZE_CONFIG, 65_536);
        long[] counts = new long[VOCABULARY];
        long words = 0;
        Random random = new Random(seed);
        try (KafkaProducer<String, String> producer =
                 new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            List<Future<?>> pending = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < lines; i++) {
                line.setLength(0);
                for (int n = 1 + random.nextInt(9); n > 0; n--) {
                    int w = random.nextInt(VOCABULARY);
                    counts[w]++;
                    words++;
                    line.append(word(w)).append(n > 1 ? " " : "");
                }
                pending.add(producer.send(new ProducerRecord<>(topic, line.toString())));
                if (pending.size() == 10_000) {
                    awaitAll(pending);
                }
            }
            awaitAll(pending);
        }
        Map<String, Long> expected = new HashMap<>();
        for (int w = 0; w < VOCABULARY; w++) {
            if (counts[w] > 0) {
                expected.put(word(w), counts[w]);
            }
        }
        return new WordCountInput(topic, lines, words, Collections.unmodifiableMap(expected));
    }

    private static void awaitAll(List<Future<?>> pending) throws Exception {
        for (Future<?> f : pending) {
            f.get(60, TimeUnit.SECONDS);
        }
        pending.clear();
    }
}

package io.tributary.benchmarks.e2e;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Settings of one harness run. Each can be given as {@code --name value} or as the system property
 * {@code -De2e.name=value}; the argument wins.
 */
record E2eOptions(long records, int recordSize, int partitions, int rounds, long warmupRecords,
                  long harnessWarmupRecords, List<BrokerKind> order, List<String> jvmFlags,
                  int startupTimeoutSeconds, Path out) {

    static final String USAGE = """
        options (--name value, or -De2e.name=value):
          --records N            records produced and consumed per broker and round (default 10000000, 1 GB of values)
          --record-size B        bytes of each record value (default 100)
          --partitions P         partitions of the topic (default 4)
          --rounds R             rounds; each round runs every broker once (default 3)
          --warmup-records N     unmeasured records each broker gets before the measured ones
                                 (default min(records/2, 1000000))
          --harness-warmup-records N  records of an unrecorded first round that warms up this JVM's clients,
                                 so the first broker does not pay for it (default min(records/4, 500000); 0: none)
          --order LIST           broker order within a round (default tributary,kafka)
          --jvm-flags "FLAGS"    JVM flags of both broker processes (default "-Xms1g -Xmx1g -XX:+UseG1GC")
          --startup-timeout-s S  how long a broker may take to become ready (default 60)
          --out FILE             where the JSON results go (default e2e-results.json)""";

    static E2eOptions parse(String[] args) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                throw new IllegalArgumentException("");
            }
            if (!a.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value, got " + a);
            }
            given.put(a.substring(2), args[++i]);
        }
        long records = Long.parseLong(get(given, "records", "10000000"));
        E2eOptions o = new E2eOptions(records,
            Integer.parseInt(get(given, "record-size", "100")),
            Integer.parseInt(get(given, "partitions", "4")),
            Integer.parseInt(get(given, "rounds", "3")),
            Long.parseLong(get(given, "warmup-records", Long.toString(Math.min(records / 2, 1_000_000)))),
            Long.parseLong(get(given, "harness-warmup-records", Long.toString(Math.min(records / 4, 500_000)))),
            Arrays.stream(get(given, "order", "tributary,kafka").split(","))
                .map(s -> BrokerKind.valueOf(s.trim().toUpperCase(Locale.ROOT))).toList(),
            List.of(get(given, "jvm-flags", "-Xms1g -Xmx1g -XX:+UseG1GC").trim().split("\\s+")),
            Integer.parseInt(get(given, "startup-timeout-s", "60")),
            Path.of(get(given, "out", "e2e-results.json")));
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s): " + given.keySet());
        }
        if (o.records < 1 || o.recordSize < 1 || o.partitions < 1 || o.rounds < 1 || o.order.isEmpty()) {
            throw new IllegalArgumentException("records, record-size, partitions, rounds and order must be positive");
        }
        return o;
    }

    /** The settings of the unrecorded round that warms up the harness's clients. */
    E2eOptions harnessWarmup() {
        return new E2eOptions(harnessWarmupRecords, recordSize, partitions, 1, 0, 0, order, jvmFlags,
            startupTimeoutSeconds, out);
    }

    private static String get(Map<String, String> given, String name, String fallback) {
        String v = given.remove(name);
        return v != null ? v : System.getProperty("e2e." + name, fallback);
    }
}

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
record E2eOptions(double megabytes, long records, List<Integer> recordSizes, List<String> acks, int partitions,
                  int rounds, long warmupRecords, long harnessWarmupRecords, List<BrokerKind> brokers,
                  List<ClientKind> clients, List<String> jvmFlags, int latencyRate, double latencySeconds,
                  int startupTimeoutSeconds, Path out, Path chart) {

    static final String USAGE = """
        options (--name value, or -De2e.name=value):
          --mb M                 MB (10^6 bytes) of record values per produce phase (default 200): 2,000,000 records
                                 of 100 B, 195,312 of 1 KiB
          --records N            records per produce phase whatever the size (default: from --mb)
          --record-sizes LIST    bytes of each record value (default 100,1024)
          --acks LIST            acks settings of the produce phases (default 1,all)
          --partitions P         partitions of every topic (default 4)
          --rounds R             rounds; each round runs every broker once, each broker every client (default 2)
          --warmup-records N     unmeasured 100-byte records each client produces and reads on each broker first
                                 (default 300000)
          --harness-warmup-records N  records per phase of an unrecorded round 0 that warms up this JVM's clients
                                 (default 200000; 0: none)
          --brokers LIST         brokers, in round 1's order; later rounds alternate it (default tributary,kafka)
          --clients LIST         clients, alternated the same way (default kafka-clients,tributary)
          --jvm-flags "FLAGS"    JVM flags of both broker processes (default "-Xms1g -Xmx1g -XX:+UseG1GC")
          --latency-rate N       records/s of the end-to-end latency run (default 10000)
          --latency-seconds S    its length (default 10)
          --startup-timeout-s S  how long a broker may take to become ready (default 60)
          --out FILE             the JSON results (default e2e-results.json)
          --chart FILE           the SVG chart of the goal ratios (default: the JSON file's name with .svg)""";

    static E2eOptions parse(String... args) {
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
        Path out = Path.of(get(given, "out", "e2e-results.json"));
        String chart = get(given, "chart", null);
        E2eOptions o = new E2eOptions(
            Double.parseDouble(get(given, "mb", "200")),
            Long.parseLong(get(given, "records", "0")),
            list(get(given, "record-sizes", "100,1024")).stream().map(Integer::parseInt).toList(),
            list(get(given, "acks", "1,all")),
            Integer.parseInt(get(given, "partitions", "4")),
            Integer.parseInt(get(given, "rounds", "2")),
            Long.parseLong(get(given, "warmup-records", "300000")),
            Long.parseLong(get(given, "harness-warmup-records", "200000")),
            list(get(given, "brokers", "tributary,kafka")).stream()
                .map(s -> BrokerKind.valueOf(s.toUpperCase(Locale.ROOT))).toList(),
            list(get(given, "clients", "kafka-clients,tributary")).stream().map(ClientKind::forLabel).toList(),
            List.of(get(given, "jvm-flags", "-Xms1g -Xmx1g -XX:+UseG1GC").trim().split("\\s+")),
            Integer.parseInt(get(given, "latency-rate", "10000")),
            Double.parseDouble(get(given, "latency-seconds", "10")),
            Integer.parseInt(get(given, "startup-timeout-s", "60")),
            out,
            chart != null ? Path.of(chart) : out.resolveSibling(out.getFileName().toString()
                .replaceFirst("\\.json$", "") + ".svg"));
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s): " + given.keySet());
        }
        if ((o.megabytes <= 0 && o.records < 1) || o.recordSizes.isEmpty() || o.recordSizes.stream().anyMatch(s -> s < 8)
            || o.acks.isEmpty() || o.partitions < 1 || o.rounds < 1 || o.brokers.isEmpty() || o.clients.isEmpty()
            || o.latencyRate < 1 || o.latencySeconds <= 0) {
            throw new IllegalArgumentException("sizes (at least 8 bytes), counts, rates and lists must be positive");
        }
        return o;
    }

    /** Records of one produce phase for values of {@code size} bytes. */
    long recordsFor(int size) {
        return records > 0 ? records : Math.max(1, Math.round(megabytes * 1e6 / size));
    }

    /** The settings of the unrecorded round 0 that warms up the harness's clients. */
    E2eOptions harnessWarmup() {
        return new E2eOptions(0, harnessWarmupRecords, recordSizes, acks, partitions, 1, 0, 0, brokers, clients,
            jvmFlags, latencyRate, Math.min(latencySeconds, 2), startupTimeoutSeconds, out, chart);
    }

    private static List<String> list(String s) {
        return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    private static String get(Map<String, String> given, String name, String fallback) {
        String v = given.remove(name);
        return v != null ? v : System.getProperty("e2e." + name, fallback);
    }
}

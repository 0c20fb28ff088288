package io.tributary.benchmarks.e2e;

/** The figures measured for each broker in each round. */
enum Metric {
    READY_MS("ready time (spawn to describeCluster)", "ms", false),
    FORMAT_MS("storage format before spawn", "ms", false),
    PRODUCE_RECORDS_PER_S("produce throughput", "records/s", true),
    PRODUCE_MB_PER_S("produce throughput", "MB/s", true),
    CONSUME_RECORDS_PER_S("consume throughput", "records/s", true),
    CONSUME_MB_PER_S("consume throughput", "MB/s", true),
    CPU_S_PER_GB_PRODUCED("broker CPU per GB produced", "s/GB", false),
    CPU_S_PER_GB_FETCHED("broker CPU per GB fetched", "s/GB", false),
    PRODUCE_SECONDS("produce phase", "s", false),
    CONSUME_SECONDS("consume phase", "s", false),
    RSS_MIB("broker RSS after the load", "MiB", false);

    final String label;
    final String unit;
    /** Whether a larger value is better (so a ratio above 1 favours Tributary). */
    final boolean higherIsBetter;

    Metric(String label, String unit, boolean higherIsBetter) {
        this.label = label;
        this.unit = unit;
        this.higherIsBetter = higherIsBetter;
    }
}

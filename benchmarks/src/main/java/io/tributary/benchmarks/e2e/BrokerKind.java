package io.tributary.benchmarks.e2e;

/** The brokers the harness compares. */
enum BrokerKind {
    TRIBUTARY("tributary"),
    KAFKA("kafka");

    final String label;

    BrokerKind(String label) {
        this.label = label;
    }
}

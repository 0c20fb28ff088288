package io.tributary.benchmarks.e2e;

/** The client libraries the harness compares, each running the same load. */
enum ClientKind {
    KAFKA("kafka-clients", new KafkaLoadClient()),
    TRIBUTARY("tributary", new TributaryLoadClient());

    final String label;
    final LoadClient client;

    ClientKind(String label, LoadClient client) {
        this.label = label;
        this.client = client;
    }

    static ClientKind forLabel(String s) {
        for (ClientKind c : values()) {
            if (c.label.equalsIgnoreCase(s.trim()) || c.name().equalsIgnoreCase(s.trim())) {
                return c;
            }
        }
        throw new IllegalArgumentException("client : " + s + " (expected: kafka-clients or tributary)");
    }
}

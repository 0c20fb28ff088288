package io.tributary.broker.group;

/** The classic group states, with the names Kafka reports in ListGroups and DescribeGroups. */
public enum GroupState {
    EMPTY("Empty"),
    PREPARING_REBALANCE("PreparingRebalance"),
    COMPLETING_REBALANCE("CompletingRebalance"),
    STABLE("Stable"),
    DEAD("Dead");

    private final String displayName;

    GroupState(String displayName) {
        this.displayName = displayName;
    }

    /** Kafka's name of the state ("Empty", "Stable" ...). */
    public String displayName() {
        return displayName;
    }
}

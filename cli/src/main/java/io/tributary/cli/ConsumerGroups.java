package io.tributary.cli;

import io.tributary.clients.PartitionInfo;
import io.tributary.clients.admin.Admin;
import io.tributary.clients.admin.ConsumerGroupDescription;
import io.tributary.clients.admin.ConsumerGroupListing;
import io.tributary.clients.admin.ListOffsetsResultInfo;
import io.tributary.clients.admin.MemberDescription;
import io.tributary.clients.admin.OffsetSpec;
import io.tributary.clients.admin.TopicDescription;
import io.tributary.clients.consumer.OffsetAndMetadata;
import io.tributary.common.Errors;
import io.tributary.common.TopicPartition;
import io.tributary.common.TributaryException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code consumer-groups --bootstrap-server host:port --list|--describe|--reset-offsets|--delete}: Kafka's
 * {@code kafka-consumer-groups}.
 *
 * <ul>
 *   <li>{@code --describe --group g}: Kafka's offsets table (GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG
 *       CONSUMER-ID HOST CLIENT-ID), one row per partition the group has an offset for or a member owns; "-" where
 *       there is no value. A group without members or rebalancing gets Kafka's note on stderr first.</li>
 *   <li>{@code --reset-offsets --group g --topic t[:p,...]|--all-topics --to-earliest|--to-latest|--to-offset n|
 *       --to-current|--shift-by n --dry-run|--execute}: prints the new offsets (GROUP TOPIC PARTITION NEW-OFFSET)
 *       and with {@code --execute} commits them. As in Kafka the group must have no active members, and target
 *       offsets outside a partition's records are moved to its nearest end. Without either flag it is a dry run
 *       with a warning.</li>
 * </ul>
 */
final class ConsumerGroups implements Tool {
    private static final List<String> ACTIONS = List.of("--list", "--describe", "--reset-offsets", "--delete");
    private static final List<String> TARGETS = List.of("--to-earliest", "--to-latest", "--to-offset",
        "--to-current", "--shift-by");

    @Override
    public String name() {
        return "consumer-groups";
    }

    @Override
    public String summary() {
        return "List, describe (offsets and lag), reset the offsets of and delete consumer groups.";
    }

    @Override
    public FlagSpec flags() {
        return AdminConnection.commonFlags(new FlagSpec()
                .synopsis("--bootstrap-server <host:port> --list|--describe|--reset-offsets|--delete [flags]"))
            .flag("--list", "List the consumer groups.")
            .flag("--describe", "Show each partition's committed offset, log-end offset, lag and owner.")
            .flag("--reset-offsets", "Move the group's committed offsets (the group must have no active members).")
            .flag("--delete", "Delete groups and their offsets (they must have no active members).")
            .repeated("--group", "group", "The consumer group.")
            .flag("--all-groups", "With --describe or --delete: every group.")
            .repeated("--topic", "topic[:p,...]", "With --reset-offsets: a topic, or some of its partitions.")
            .flag("--all-topics", "With --reset-offsets: every topic the group has offsets for.")
            .flag("--to-earliest", "Reset to the earliest offset.")
            .flag("--to-latest", "Reset to the log-end offset.")
            .value("--to-offset", "n", "Reset to this offset.")
            .flag("--to-current", "Reset to the committed offset (the log-end offset where there is none).")
            .value("--shift-by", "n", "Move the committed offset by n (negative: back).")
            .flag("--dry-run", "With --reset-offsets: only print the new offsets (the default).")
            .flag("--execute", "With --reset-offsets: commit the new offsets.");
    }

    @Override
    public int run(ParsedFlags flags, ToolContext context) throws Exception {
        List<String> actions = ACTIONS.stream().filter(flags::has).toList();
        if (actions.size() != 1) {
            throw new UsageException(actions.isEmpty() ? "one of " + String.join(", ", ACTIONS) + " is needed"
                : "only one of " + String.join(", ", actions) + " may be given");
        }
        String action = actions.get(0);
        List<String> groups = flags.all("--group");
        boolean allGroups = flags.has("--all-groups");
        if (!action.equals("--list") && groups.isEmpty() && !(allGroups && !action.equals("--reset-offsets"))) {
            throw new UsageException(action + " needs --group");
        }
        if (action.equals("--reset-offsets")) {
            checkResetFlags(flags, groups);
        } else if (flags.has("--topic") || flags.has("--all-topics") || flags.has("--execute")
                || flags.has("--dry-run") || TARGETS.stream().anyMatch(flags::has)) {
            throw new UsageException("--topic, --all-topics, --to-*, --shift-by, --dry-run and --execute go with "
                + "--reset-offsets");
        }
        try (AdminConnection connection = AdminConnection.open(flags)) {
            Admin admin = connection.admin();
            if (allGroups) {
                groups = groupIds(admin);
            }
            switch (action) {
                case "--list" -> groupIds(admin).forEach(context.out()::println);
                case "--describe" -> {
                    for (String group : groups) {
                        describe(admin, group, context);
                    }
                }
                case "--reset-offsets" -> reset(admin, flags, groups.get(0), context);
                case "--delete" -> delete(admin, groups, context.out());
                default -> throw new IllegalStateException(action);
            }
        }
        return 0;
    }

    private static List<String> groupIds(Admin admin) throws InterruptedException {
        return AdminConnection.await(admin.listConsumerGroups()).stream().map(ConsumerGroupListing::groupId)
            .sorted().distinct().toList();
    }

    private static void checkResetFlags(ParsedFlags flags, List<String> groups) {
        if (groups.size() != 1) {
            throw new UsageException("--reset-offsets takes one --group");
        }
        if (flags.has("--topic") == flags.has("--all-topics")) {
            throw new UsageException("--reset-offsets needs either --topic or --all-topics");
        }
        List<String> targets = TARGETS.stream().filter(flags::has).toList();
        if (targets.size() != 1) {
            throw new UsageException("--reset-offsets needs exactly one of " + String.join(", ", TARGETS));
        }
        if (flags.has("--dry-run") && flags.has("--execute")) {
            throw new UsageException("only one of --dry-run, --execute may be given");
        }
    }

    // ---- describe

    private record Row(String topic, String partition, String current, String logEnd, String lag, String consumerId,
                       String host, String clientId) {
    }

    private static void describe(Admin admin, String group, ToolContext context) throws Exception {
        ConsumerGroupDescription description;
        try {
            description = AdminConnection.await(admin.describeConsumerGroups(List.of(group))).get(group);
        } catch (TributaryException e) {
            if (e.error() == Errors.GROUP_ID_NOT_FOUND) {
                throw unknownGroup(group);
            }
            throw e;
        }
        Map<TopicPartition, OffsetAndMetadata> committed =
            AdminConnection.await(admin.listConsumerGroupOffsets(group));
        Map<TopicPartition, MemberDescription> owners = new HashMap<>();
        List<MemberDescription> idle = new ArrayList<>();
        for (MemberDescription m : description.members()) {
            m.assignment().partitions().forEach(tp -> owners.put(tp, m));
            if (m.assignment().partitions().isEmpty()) {
                idle.add(m);
            }
        }
        Set<TopicPartition> partitions = new TreeSet<>(committed.keySet());
        partitions.addAll(owners.keySet());
        Map<TopicPartition, Long> ends = logEndOffsets(admin, partitions);

        String state = description.state();
        if (description.members().isEmpty()) {
            context.err().println();
            context.err().println("Consumer group '" + group + "' has no active members.");
        } else if (state.endsWith("Rebalance") || state.equals("Assigning") || state.equals("Reconciling")) {
            context.err().println();
            context.err().println("Warning: Consumer group '" + group + "' is rebalancing.");
        }
        List<Row> rows = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata c = committed.get(tp);
            Long end = ends.get(tp);
            MemberDescription m = owners.get(tp);
            rows.add(new Row(tp.topic(), Integer.toString(tp.partition()), c == null ? "-" : Long.toString(c.offset()),
                end == null ? "-" : Long.toString(end),
                c == null || end == null ? "-" : Long.toString(Math.max(0, end - c.offset())),
                m == null ? "-" : m.memberId(), m == null ? "-" : m.host(), m == null ? "-" : m.clientId()));
        }
        for (MemberDescription m : idle) {
            rows.add(new Row("-", "-", "-", "-", "-", m.memberId(), m.host(), m.clientId()));
        }
        printOffsets(group, rows, context.out());
    }

    private static Map<TopicPartition, Long> logEndOffsets(Admin admin, Set<TopicPartition> partitions)
            throws InterruptedException {
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (TopicPartition tp : partitions) {
            try {
                // one call per partition, so a deleted topic's offsets still print (with "-")
                ends.put(tp, AdminConnection.await(admin.listOffsets(Map.of(tp, OffsetSpec.latest()))).get(tp)
                    .offset());
            } catch (TributaryException e) {
                if (e.error() != Errors.UNKNOWN_TOPIC_OR_PARTITION) {
                    throw e;
                }
            }
        }
        return ends;
    }

    private static void printOffsets(String group, List<Row> rows, PrintStream out) {
        int groupWidth = Math.max(15, group.length());
        int topicWidth = 15;
        int idWidth = 15;
        int hostWidth = 15;
        for (Row r : rows) {
            topicWidth = Math.max(topicWidth, r.topic().length());
            idWidth = Math.max(idWidth, r.consumerId().length());
            hostWidth = Math.max(hostWidth, r.host().length());
        }
        String format = "%-" + groupWidth + "s %-" + topicWidth + "s %-10s %-15s %-15s %-15s %-" + idWidth + "s %-"
            + hostWidth + "s %s%n";
        out.println();
        out.printf(format, "GROUP", "TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG", "CONSUMER-ID",
            "HOST", "CLIENT-ID");
        for (Row r : rows) {
            out.printf(format, group, r.topic(), r.partition(), r.current(), r.logEnd(), r.lag(), r.consumerId(),
                r.host(), r.clientId());
        }
    }

    // ---- reset

    private static void reset(Admin admin, ParsedFlags flags, String group, ToolContext context) throws Exception {
        String state = "Dead";
        try {
            ConsumerGroupDescription d = AdminConnection.await(admin.describeConsumerGroups(List.of(group)))
                .get(group);
            state = d.state();
            if (!d.members().isEmpty() || !(state.equals("Empty") || state.equals("Dead"))) {
                throw inactiveOnly(group, state);
            }
        } catch (TributaryException e) {
            if (e.error() != Errors.GROUP_ID_NOT_FOUND) {
                throw e;
            }
            // a group that does not exist yet may be given offsets, as in Kafka
        }
        Map<TopicPartition, OffsetAndMetadata> committed =
            AdminConnection.await(admin.listConsumerGroupOffsets(group));
        Set<TopicPartition> partitions = flags.has("--all-topics") ? new TreeSet<>(committed.keySet())
            : partitionsOf(admin, flags.all("--topic"));
        Map<TopicPartition, Long> earliest = offsets(admin, partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> latest = offsets(admin, partitions, OffsetSpec.latest());

        Map<TopicPartition, Long> target = new TreeMap<>();
        for (TopicPartition tp : partitions) {
            long lo = earliest.get(tp);
            long hi = latest.get(tp);
            OffsetAndMetadata c = committed.get(tp);
            long wanted;
            if (flags.has("--to-earliest")) {
                wanted = lo;
            } else if (flags.has("--to-latest")) {
                wanted = hi;
            } else if (flags.has("--to-offset")) {
                wanted = flags.getLong("--to-offset", 0);
            } else if (flags.has("--to-current")) {
                wanted = c == null ? hi : c.offset();
            } else {
                wanted = (c == null ? hi : c.offset()) + flags.getLong("--shift-by", 0);
            }
            long clamped = Math.max(lo, Math.min(hi, wanted));
            if (clamped != wanted) {
                context.err().println("New offset (" + wanted + ") is " + (wanted < lo ? "lower than earliest"
                    : "higher than latest") + " offset for topic partition " + tp + ". Value will be set to "
                    + clamped);
            }
            target.put(tp, clamped);
        }
        boolean execute = flags.has("--execute");
        if (!execute && !flags.has("--dry-run")) {
            context.err().println("WARN: nothing is committed without --execute; this was a dry run (add "
                + "--dry-run to say so, --execute to reset).");
        }
        if (execute) {
            Map<TopicPartition, OffsetAndMetadata> commit = new LinkedHashMap<>();
            target.forEach((tp, o) -> commit.put(tp, new OffsetAndMetadata(o)));
            try {
                AdminConnection.await(admin.alterConsumerGroupOffsets(group, commit));
            } catch (TributaryException e) {
                if (e.error() == Errors.UNKNOWN_MEMBER_ID || e.error() == Errors.ILLEGAL_GENERATION
                        || e.error() == Errors.REBALANCE_IN_PROGRESS || e.error() == Errors.NON_EMPTY_GROUP) {
                    throw inactiveOnly(group, "active");
                }
                throw e;
            }
        }
        String format = "%-30s %-30s %-10s %-15s%n";
        context.out().println();
        context.out().printf(format, "GROUP", "TOPIC", "PARTITION", "NEW-OFFSET");
        target.forEach((tp, o) -> context.out().printf(format, group, tp.topic(), tp.partition(), o));
    }

    private static ToolException inactiveOnly(String group, String state) {
        return new ToolException("Assignments can only be reset if the group '" + group + "' is inactive, but the "
            + "current state is " + state + ". Stop the group's consumers first.");
    }

    /** The partitions named by {@code --topic t} (all of them) or {@code --topic t:0,2}. */
    private static Set<TopicPartition> partitionsOf(Admin admin, List<String> specs) throws InterruptedException {
        Set<TopicPartition> out = new TreeSet<>();
        for (String spec : specs) {
            int colon = spec.indexOf(':');
            String topic = colon < 0 ? spec : spec.substring(0, colon);
            Topics.requireLegalName(topic);
            TopicDescription d;
            try {
                d = AdminConnection.await(admin.describeTopics(List.of(topic))).get(topic);
            } catch (TributaryException e) {
                if (e.error() == Errors.UNKNOWN_TOPIC_OR_PARTITION) {
                    throw Topics.unknownTopic(topic);
                }
                throw e;
            }
            Set<Integer> existing = new TreeSet<>();
            d.partitions().stream().map(PartitionInfo::partition).forEach(existing::add);
            if (colon < 0) {
                existing.forEach(p -> out.add(new TopicPartition(topic, p)));
                continue;
            }
            for (String p : spec.substring(colon + 1).split(",")) {
                int partition;
                try {
                    partition = Integer.parseInt(p.trim());
                } catch (NumberFormatException e) {
                    throw new UsageException("--topic " + spec + ": " + p + " is not a partition number");
                }
                if (!existing.contains(partition)) {
                    throw new ToolException("Partition " + partition + " of topic '" + topic + "' does not exist "
                        + "(it has " + existing.size() + ").");
                }
                out.add(new TopicPartition(topic, partition));
            }
        }
        return out;
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, Set<TopicPartition> partitions, OffsetSpec spec)
            throws InterruptedException {
        Map<TopicPartition, OffsetSpec> specs = new LinkedHashMap<>();
        partitions.forEach(tp -> specs.put(tp, spec));
        Map<TopicPartition, Long> out = new HashMap<>();
        if (specs.isEmpty()) {
            return out;
        }
        Map<TopicPartition, ListOffsetsResultInfo> found = AdminConnection.await(admin.listOffsets(specs));
        found.forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    // ---- delete

    private static void delete(Admin admin, List<String> groups, PrintStream out) throws Exception {
        List<String> failures = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        for (String group : groups) {
            try {
                AdminConnection.await(admin.deleteConsumerGroups(List.of(group)));
                deleted.add(group);
            } catch (TributaryException e) {
                failures.add(switch (e.error()) {
                    case NON_EMPTY_GROUP -> "Consumer group '" + group + "' cannot be deleted: it has active members "
                        + "(stop its consumers first).";
                    case GROUP_ID_NOT_FOUND -> unknownGroup(group).getMessage();
                    default -> "Consumer group '" + group + "' could not be deleted: " + e.getMessage();
                });
            }
        }
        if (!deleted.isEmpty()) {
            out.println("Deletion of requested consumer groups ('" + String.join("', '", deleted)
                + "') was successful.");
        }
        if (!failures.isEmpty()) {
            throw new ToolException(String.join(" ", failures));
        }
    }

    private static ToolException unknownGroup(String group) {
        return new ToolException("Consumer group '" + group + "' does not exist.");
    }
}

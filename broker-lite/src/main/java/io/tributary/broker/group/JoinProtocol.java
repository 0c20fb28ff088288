package io.tributary.broker.group;

/** One (protocol name, metadata) pair of a JoinGroup; a member lists them in its order of preference. */
public record JoinProtocol(String name, byte[] metadata) {
}

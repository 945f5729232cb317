package com.shopchat.config;

import java.util.List;

/**
 * Running several nodes as one (issue 8): off by default, one node on its own. When on, this node joins the
 * Hazelcast cluster of the listed members (TCP/IP join, never multicast), and its event bus, staff sessions,
 * login throttle and change signals are shared with them; PostgreSQL stays the one source of truth.
 *
 * @param enabled join a cluster; false: a single node, nothing shared but PostgreSQL
 * @param name the cluster's name: members of another name never join this one (two shops on one network)
 * @param host the address this node binds for the cluster and gives the others (Hazelcast and the event bus)
 * @param port Hazelcast's port on {@code host}
 * @param busPort the clustered event bus's port on {@code host}; 0 picks a free one (the others learn it)
 * @param members the other nodes' Hazelcast addresses, {@code host:port}, this one may be among them
 */
public record ClusterSettings(boolean enabled, String name, String host, int port, int busPort, List<String> members) {
}

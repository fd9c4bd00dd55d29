/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.model;

/**
 * What crossed the wire on an IMAP connection: bytes each way and commands sent (tagged commands and
 * continuations such as IDLE's {@code DONE} are not counted twice; each tagged command counts once).
 *
 * @param bytesIn bytes received from the server, after TLS and decompression
 * @param bytesOut bytes sent to the server, after TLS and decompression
 * @param commands tagged commands sent, including LOGIN/AUTHENTICATE and LOGOUT
 * @since 0.1
 */
public record TrafficCounters(long bytesIn, long bytesOut, long commands) {

    /** Nothing. */
    public static final TrafficCounters ZERO = new TrafficCounters(0, 0, 0);

    /** @return the traffic of both */
    public TrafficCounters plus(TrafficCounters o) {
        return new TrafficCounters(bytesIn + o.bytesIn, bytesOut + o.bytesOut, commands + o.commands);
    }

    /** @return the traffic since {@code earlier}, a snapshot of the same counters */
    public TrafficCounters minus(TrafficCounters earlier) {
        return new TrafficCounters(bytesIn - earlier.bytesIn, bytesOut - earlier.bytesOut,
                commands - earlier.commands);
    }
}

/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.internal;

import java.util.concurrent.atomic.AtomicLong;

import io.tidemark.model.TrafficCounters;

/**
 * Counts what crosses one connection: application bytes each way (after TLS, before compression on the way
 * out and after decompression on the way in) and tagged commands.
 * <p>
 * Thread-safe: the reading thread, the writing thread and {@link #snapshot()} callers may run at once.
 */
final class TrafficMeter {

    private final AtomicLong bytesIn = new AtomicLong();
    private final AtomicLong bytesOut = new AtomicLong();
    private final AtomicLong commands = new AtomicLong();

    void in(long n) {
        bytesIn.addAndGet(n);
    }

    void out(long n) {
        bytesOut.addAndGet(n);
    }

    void command() {
        commands.incrementAndGet();
    }

    TrafficCounters snapshot() {
        return new TrafficCounters(bytesIn.get(), bytesOut.get(), commands.get());
    }
}

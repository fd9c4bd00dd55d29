/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.core.internal;

/**
 * Step boundaries of replay and incoming sync, for crash tests: a test hook may throw at any of them to
 * stop the engine there, as a crash would, and then check that the next run converges with nothing lost and
 * nothing applied twice (invariants I1 and I2).
 */
@FunctionalInterface
interface SyncHooks {

    /** No checkpoint does anything. */
    SyncHooks NONE = step -> {
    };

    /**
     * Called at a step boundary.
     *
     * @param step a stable name: {@code replay:before}, {@code replay:sent} (after the server acknowledged a
     *            change, before the store records it), {@code replay:recorded}, {@code flags:window},
     *            {@code new:downloaded} (a chunk of new messages downloaded, before its commit is handed to the
     *            writer thread, while the previous chunk may still be committing there), {@code new:window}
     *            (after that commit, on the writer thread), {@code finish}, {@code reset}
     */
    void checkpoint(String step);
}

/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.core.internal;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import org.eclipse.core.runtime.CoreException;

/**
 * Commits a mailbox's download windows behind the download: while one window commits on a writer thread, the
 * sync thread already receives the next one, so the network and the store work at the same time instead of
 * taking turns (an initial download is about as long as the longer of the two, not their sum).
 * <p>
 * At most one commit is in flight, and commits run in the order given, each in its own store transaction with
 * the cursor that covers it, so invariant I1 holds as before and memory stays bounded by two windows (I5). A
 * commit's failure is thrown by the next {@link #submit} or by {@link #drain}, as it was thrown by the commit:
 * a caller sees the same {@link CoreException} (or runtime exception of a test hook) as if it had committed
 * itself. Only the sync thread calls this class.
 */
final class WriteBehind {

    /** A commit: a store transaction and what follows it (counters, step hooks). */
    @FunctionalInterface
    interface Commit {
        void run() throws CoreException;
    }

    private final String threadName;
    private FutureTask<Void> inFlight;

    /** @param threadName the writer thread's name, seen in thread dumps (e.g. the account and mailbox) */
    WriteBehind(String threadName) {
        this.threadName = threadName;
    }

    /**
     * Waits for the commit in flight, then starts {@code commit} on a writer thread and returns.
     *
     * @throws CoreException the failure of the commit that was in flight; {@code commit} is then not started
     */
    void submit(Commit commit) throws CoreException {
        drain();
        FutureTask<Void> task = new FutureTask<>(() -> {
            commit.run();
            return null;
        });
        Thread writer = new Thread(task, threadName);
        writer.setDaemon(true);
        inFlight = task;
        writer.start();
    }

    /**
     * Waits until no commit is in flight. The wait is not interruptible: a commit is short (one window) and
     * the store must not be left with a transaction the caller no longer knows about; an interrupt that
     * arrives meanwhile is kept for the caller to see.
     *
     * @throws CoreException the failure of the commit that was in flight
     */
    void drain() throws CoreException {
        FutureTask<Void> task = inFlight;
        if (task == null) {
            return;
        }
        inFlight = null;
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    task.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw rethrow(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Drains after {@code failure} ended the work: the commit in flight still finishes (or fails) before the
     * failure goes up, and its own failure is attached to it as suppressed.
     */
    void drainAfter(Throwable failure) {
        try {
            drain();
        } catch (CoreException | RuntimeException | Error e) {
            if (e != failure) {
                failure.addSuppressed(e);
            }
        }
    }

    private static CoreException rethrow(Throwable cause) throws CoreException {
        if (cause instanceof CoreException ce) {
            throw ce;
        }
        if (cause instanceof RuntimeException re) {
            throw re;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        throw new IllegalStateException(cause);
    }
}

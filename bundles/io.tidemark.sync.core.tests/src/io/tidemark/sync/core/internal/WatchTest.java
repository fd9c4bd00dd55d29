/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;

import io.tidemark.model.MailboxName;
import io.tidemark.sync.api.AccountActivity;
import io.tidemark.sync.api.SyncRequest;
import io.tidemark.sync.api.SyncResult;
import io.tidemark.testing.CapabilityProfile;

/**
 * Push: with a watch running, a message another client appends shows up in the replica without any poll
 * (the watcher's only periodic sync is every 25 minutes), and a dropped IDLE connection is re-opened.
 */
class WatchTest extends EngineTestBase {

    @Override
    TestServer startServer() {
        // compressed: IDLE must work through DEFLATE too (the command's watch tests cover it uncompressed)
        return TestServer.dovecot(CapabilityProfile.FULL, true);
    }

    @Test
    void aMessageAppendedElsewhereArrivesByIdlePush() throws Exception {
        append("INBOX", 2);
        try (Watching w = new Watching()) {
            long t0 = System.nanoTime();
            append("INBOX", 1);
            assertTrue(w.until(() -> count() == 3, 10_000), "pushed message did not arrive: " + w.results);
            System.out.printf("IDLE push: new message in the replica after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        }
    }

    @Test
    void aDroppedIdleConnectionIsReopened() throws Exception {
        append("INBOX", 1);
        try (Watching w = new Watching()) {
            server.kick();
            assertTrue(w.until(() -> engine.activity(account.id()).phase() == AccountActivity.Phase.OFFLINE
                    || w.results.size() > 1, 10_000), "the drop was not noticed");
            assertTrue(w.until(() -> engine.activity(account.id()).phase() == AccountActivity.Phase.WATCHING, 15_000),
                    "not watching again after the drop: " + engine.activity(account.id()));
            other.close(); // the kick dropped it too
            other = server.other();
            append("INBOX", 1);
            assertTrue(w.until(() -> count() == 2, 10_000), "no push after reconnecting");
        }
    }

    long count() {
        try {
            return store.uids(ref("INBOX")).size();
        } catch (CoreException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A watch running in a thread until closed. */
    final class Watching implements AutoCloseable {
        final List<SyncResult> results = new CopyOnWriteArrayList<>();
        final NullProgressMonitor monitor = new NullProgressMonitor();
        final AtomicReference<IStatus> end = new AtomicReference<>();
        final Thread thread;

        Watching() throws InterruptedException {
            thread = new Thread(() -> end.set(engine.watch(SyncRequest.of(account, server.credentials()),
                    MailboxName.INBOX, results::add, monitor)), "watch");
            thread.start();
            assertTrue(until(() -> engine.activity(account.id()).phase() == AccountActivity.Phase.WATCHING, 10_000),
                    "watch did not start: " + engine.activity(account.id()));
        }

        boolean until(BooleanSupplier condition, long millis) throws InterruptedException {
            long end = System.currentTimeMillis() + millis;
            while (System.currentTimeMillis() < end) {
                if (condition.getAsBoolean()) {
                    return true;
                }
                Thread.sleep(20);
            }
            return condition.getAsBoolean();
        }

        @Override
        public void close() throws InterruptedException {
            monitor.setCanceled(true);
            thread.join(10_000);
            assertEquals(IStatus.OK, end.get().getSeverity(), String.valueOf(end.get()));
        }
    }
}

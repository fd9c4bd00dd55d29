/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.jpa.internal;

import static io.tidemark.store.jpa.internal.Samples.ACCOUNT;
import static io.tidemark.store.jpa.internal.Samples.INBOX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.CoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.tidemark.store.api.MailboxSyncState;
import io.tidemark.store.api.StoreError;
import io.tidemark.store.api.StoreStatus;

/**
 * The shared store: several workers (each its own store instance and connection pool, as separate processes
 * would have) on one PostgreSQL database.
 */
class SharedStoreTest {

    private final List<JpaMailStore> workers = new ArrayList<>();
    private StoreSettings settings;

    @AfterEach
    void close() throws Exception {
        for (JpaMailStore w : workers) {
            w.close();
        }
        if (settings != null) {
            String url = settings.jdbcUrl();
            TestStores.sql(TestStores.postgresServer(),
                    "DROP SCHEMA " + url.substring(url.indexOf("currentSchema=") + 14) + " CASCADE");
        }
    }

    private JpaMailStore worker() throws Exception {
        if (settings == null) {
            settings = TestStores.postgresSettings();
        }
        JpaMailStore w = new JpaMailStore(settings);
        w.open();
        workers.add(w);
        return w;
    }

    @Test
    void twoWorkersNeverHoldTheSameAccountAtOnce() throws Exception {
        JpaMailStore a = worker();
        JpaMailStore b = worker();
        a.write(tx -> {
            tx.putAccount(Samples.account(ACCOUNT));
            return null;
        });
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CyclicBarrier start = new CyclicBarrier(2);
            for (int round = 0; round < 60; round++) {
                // released after every round, so each round races for a free lease (no row: both insert)
                Future<Boolean> fa = pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return a.tryLease(ACCOUNT, "worker-a", Duration.ofHours(1));
                });
                Future<Boolean> fb = pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return b.tryLease(ACCOUNT, "worker-b", Duration.ofHours(1));
                });
                boolean ga = fa.get(60, TimeUnit.SECONDS);
                boolean gb = fb.get(60, TimeUnit.SECONDS);
                assertTrue(ga ^ gb, "round " + round + ": exactly one worker holds the account (a=" + ga + ", b=" + gb
                        + ")");
                assertFalse((ga ? b : a).tryLease(ACCOUNT, ga ? "worker-b" : "worker-a", Duration.ofHours(1)),
                        "the other worker still cannot take it");
                (ga ? a : b).releaseLease(ACCOUNT, ga ? "worker-a" : "worker-b");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anotherWorkerSeesATransactionOnlyOnceItCommits() throws Exception {
        JpaMailStore a = worker();
        JpaMailStore b = worker();
        a.write(tx -> {
            tx.putAccount(Samples.account(ACCOUNT));
            tx.putMailbox(Samples.mailbox(INBOX));
            tx.putSyncState(INBOX, MailboxSyncState.initial(3));
            return null;
        });
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch checked = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> writer = pool.submit(() -> a.write(tx -> {
                tx.putMessages(INBOX, Samples.messages(1, 100));
                written.countDown();
                try {
                    checked.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            assertTrue(written.await(30, TimeUnit.SECONDS));
            assertEquals(0, b.counts(INBOX).messages(), "not before the commit");
            assertTrue(b.message(INBOX, 1).isEmpty());
            checked.countDown();
            writer.get(30, TimeUnit.SECONDS);
            assertEquals(100, b.counts(INBOX).messages(), "all of it after the commit");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void connectionsPlanForeignKeyChecksWithTheTablesCurrentSize() throws Exception {
        // generic plans cached while a new store is empty would scan tm_message on every insert (see Database)
        JpaMailStore a = worker();
        try (java.sql.Connection c = a.openDatabase().connection(); java.sql.Statement s = c.createStatement();
                java.sql.ResultSet r = s.executeQuery("SHOW plan_cache_mode")) {
            r.next();
            assertEquals("force_custom_plan", r.getString(1));
        }
    }

    @Test
    void anUnreachableServerIsAnIoErrorThatNamesTheUrlButNoPassword() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/tidemark?password=url-secret";
        JpaMailStore store = new JpaMailStore(StoreSettings.url(url, "tidemark", "config-secret", 4));
        workers.add(store);
        CoreException e = assertThrows(CoreException.class, store::open);
        assertEquals(StoreError.IO, StoreStatus.errorOf(e), () -> e.getStatus().toString());
        String message = e.getStatus().getMessage();
        assertTrue(message.contains("127.0.0.1:" + port), message);
        assertFalse(message.contains("url-secret") || message.contains("config-secret"), message);
        assertFalse(store.toString().contains("secret"), store.toString());
        assertTrue(StoreStatus.find(e).orElseThrow().isRetryable());
    }
}

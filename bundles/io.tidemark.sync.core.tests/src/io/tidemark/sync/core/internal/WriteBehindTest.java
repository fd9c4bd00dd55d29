/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.Status;
import org.junit.jupiter.api.Test;

/** The writer thread behind a download: one commit in flight, in order, failures passed on as thrown. */
class WriteBehindTest {

    @Test
    void submitReturnsWhileTheCommitRunsAndTheNextSubmitWaitsForIt() throws Exception {
        WriteBehind w = new WriteBehind("test-writer");
        CountDownLatch release = new CountDownLatch(1);
        List<String> order = new CopyOnWriteArrayList<>();
        w.submit(() -> {
            await(release);
            order.add("first");
        });
        order.add("submitted"); // reached while the first commit is blocked
        AtomicBoolean secondSubmitted = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            try {
                w.submit(() -> order.add("second"));
                secondSubmitted.set(true);
                w.drain();
            } catch (CoreException e) {
                throw new AssertionError(e);
            }
        });
        caller.start();
        caller.join(300);
        assertFalse(secondSubmitted.get(), "a second commit waits for the first");
        release.countDown();
        caller.join(10_000);
        assertTrue(secondSubmitted.get());
        assertEquals(List.of("submitted", "first", "second"), order);
    }

    @Test
    void commitsRunOffTheCallersThreadUnderTheGivenName() throws Exception {
        WriteBehind w = new WriteBehind("tidemark-store-writer a/INBOX");
        Thread[] ran = new Thread[1];
        w.submit(() -> ran[0] = Thread.currentThread());
        w.drain();
        assertTrue(ran[0] != Thread.currentThread());
        assertEquals("tidemark-store-writer a/INBOX", ran[0].getName());
    }

    @Test
    void aFailedCommitIsThrownByTheNextSubmitWhichThenDoesNotRun() throws Exception {
        WriteBehind w = new WriteBehind("test-writer");
        CoreException failure = new CoreException(Status.error("disk full"));
        w.submit(() -> {
            throw failure;
        });
        AtomicBoolean ran = new AtomicBoolean();
        CoreException thrown = assertThrows(CoreException.class, () -> w.submit(() -> ran.set(true)));
        assertSame(failure, thrown);
        w.drain();
        assertFalse(ran.get(), "nothing commits after a failed commit");
    }

    @Test
    void runtimeFailuresAndErrorsComeBackAsThrown() throws Exception {
        WriteBehind w = new WriteBehind("test-writer");
        IllegalStateException bug = new IllegalStateException("bug");
        w.submit(() -> {
            throw bug;
        });
        assertSame(bug, assertThrows(IllegalStateException.class, w::drain));
        AssertionError error = new AssertionError("crash");
        w.submit(() -> {
            throw error;
        });
        assertSame(error, assertThrows(AssertionError.class, w::drain));
        w.drain(); // nothing in flight any more
    }

    @Test
    void drainAfterAFailureWaitsForTheCommitAndAttachesItsFailure() throws Exception {
        WriteBehind w = new WriteBehind("test-writer");
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        submitHeld(w, release, finished, new CoreException(Status.error("commit failed too")));
        CoreException download = new CoreException(Status.error("connection dropped"));
        releaseSoon(release);
        w.drainAfter(download);
        assertTrue(finished.get(), "the commit in flight finished before the failure goes up");
        assertEquals(1, download.getSuppressed().length);
        assertEquals("commit failed too", ((CoreException) download.getSuppressed()[0]).getStatus().getMessage());
    }

    @Test
    void anInterruptWhileDrainingWaitsForTheCommitAndIsKept() throws Exception {
        WriteBehind w = new WriteBehind("test-writer");
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        submitHeld(w, release, finished, null);
        Thread.currentThread().interrupt();
        releaseSoon(release);
        w.drain();
        assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
        assertTrue(finished.get(), "drain returned only after the commit");
    }

    /** Submits a commit that waits for {@code release}, then sets {@code finished} and throws {@code failure}. */
    private static void submitHeld(WriteBehind w, CountDownLatch release, AtomicBoolean finished,
            CoreException failure) throws CoreException {
        w.submit(() -> {
            await(release);
            finished.set(true);
            if (failure != null) {
                throw failure;
            }
        });
    }

    /** Opens {@code release} 200 ms from now, from another thread. */
    private static void releaseSoon(CountDownLatch release) {
        new Thread(() -> {
            sleep(200);
            release.countDown();
        }).start();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}

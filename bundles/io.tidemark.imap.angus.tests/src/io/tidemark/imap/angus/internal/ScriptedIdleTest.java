/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.tidemark.imap.api.IdleEnd;
import io.tidemark.imap.api.ImapSession;
import io.tidemark.imap.api.MessageSink;
import io.tidemark.imap.api.SelectOptions;
import io.tidemark.imap.api.ServerEvent;
import io.tidemark.imap.api.SessionOptions;
import io.tidemark.model.MailboxName;

/** IDLE: the listener, re-issue before the server's timeout, wake-up and cancellation from other threads. */
class ScriptedIdleTest {

    private static final Duration LONG = Duration.ofMinutes(10);

    private final AngusImapTransport transport = new AngusImapTransport();
    private final List<ServerEvent> events = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() {
        transport.deactivate();
    }

    private ImapSession openSelected(ScriptedImapServer server) throws CoreException {
        ImapSession s = transport.open(FakeSessions.account(server).build(), FakeSessions.Secrets.passwords("secret"),
                SessionOptions.DEFAULT.withEvents(events::add), null);
        s.select(MailboxName.INBOX, SelectOptions.PLAIN, MessageSink.NONE, null);
        return s;
    }

    private static void awaitLine(ScriptedImapServer server, String text, int count) throws InterruptedException {
        while (server.received().stream().filter(l -> l.endsWith(text)).count() < count) {
            Thread.sleep(5);
        }
    }

    @Test
    void idleEndsWhenTheListenerSaysStop() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.start("idle-listener")) {
            List<ServerEvent> seen = new ArrayList<>();
            try (ImapSession s = openSelected(server)) {
                IdleEnd end = s.idle(e -> {
                    seen.add(e);
                    return false;
                }, LONG, LONG, null);
                assertEquals(IdleEnd.LISTENER, end);
                assertTrue(s.isOpen());
            }
            server.verify();
            assertEquals(List.of(new ServerEvent.Exists(4)), seen);
            assertEquals(seen, events, "the session listener sees IDLE's events too");
        }
    }

    @Test
    void idleIsIssuedAgainBeforeTheReissueIntervalPasses() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.start("idle-reissue")) {
            try (ImapSession s = openSelected(server)) {
                long before = s.counters().commands();
                IdleEnd end = s.idle(e -> false, Duration.ofMillis(300), LONG, null);
                assertEquals(IdleEnd.LISTENER, end);
                assertEquals(2, s.counters().commands() - before, "two IDLE commands; DONE is no command");
            }
            server.verify();
            assertEquals(List.of(new ServerEvent.Expunge(2)), events);
        }
    }

    @Test
    void wakeUpFromAnotherThreadEndsIdleAndTheSessionGoesOn() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.start("idle-wakeup")) {
            try (ImapSession s = openSelected(server)) {
                CompletableFuture<IdleEnd> idle = CompletableFuture.supplyAsync(() -> {
                    try {
                        return s.idle(e -> true, LONG, LONG, null);
                    } catch (CoreException e) {
                        throw new IllegalStateException(e);
                    }
                });
                awaitLine(server, " IDLE", 1);
                s.wakeUp();
                assertEquals(IdleEnd.WOKEN, idle.get());
                s.noop(null);
            }
            server.verify();
        }
    }

    @Test
    void cancelingTheMonitorEndsIdleGracefully() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.start("idle-wakeup")) {
            try (ImapSession s = openSelected(server)) {
                NullProgressMonitor monitor = new NullProgressMonitor();
                CompletableFuture<IdleEnd> idle = CompletableFuture.supplyAsync(() -> {
                    try {
                        return s.idle(e -> true, LONG, LONG, monitor);
                    } catch (CoreException e) {
                        throw new IllegalStateException(e);
                    }
                });
                awaitLine(server, " IDLE", 1);
                monitor.setCanceled(true);
                assertEquals(IdleEnd.CANCELED, idle.get());
                s.noop(null);
            }
            server.verify();
        }
    }

    @Test
    void aWakeUpBeforeIdleReturnsAtOnceWithoutACommand() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.start("idle-wakeup")) {
            try (ImapSession s = openSelected(server)) {
                s.wakeUp();
                long before = s.counters().commands();
                assertEquals(IdleEnd.WOKEN, s.idle(e -> true, LONG, LONG, null));
                assertEquals(before, s.counters().commands());
                CompletableFuture<IdleEnd> idle = CompletableFuture.supplyAsync(() -> {
                    try {
                        return s.idle(e -> true, LONG, LONG, null);
                    } catch (CoreException e) {
                        throw new IllegalStateException(e);
                    }
                });
                awaitLine(server, " IDLE", 1);
                s.wakeUp();
                assertEquals(IdleEnd.WOKEN, idle.get());
                s.noop(null);
            }
            server.verify();
        }
    }

    @Test
    void idleEndsAtItsMaximumDuration() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.start("idle-wakeup")) {
            try (ImapSession s = openSelected(server)) {
                assertEquals(IdleEnd.TIMEOUT, s.idle(e -> true, LONG, Duration.ofMillis(300), null));
                s.noop(null);
            }
            server.verify();
        }
    }
}

/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;

import io.tidemark.imap.api.IdleEnd;
import io.tidemark.imap.api.ImapError;
import io.tidemark.imap.api.ImapStatus;
import io.tidemark.imap.api.MessageSink;
import io.tidemark.imap.api.SelectOptions;
import io.tidemark.imap.api.ServerEvent;
import io.tidemark.model.CodedStatus;
import io.tidemark.model.MailboxName;
import io.tidemark.sync.api.AccountActivity.Phase;
import io.tidemark.sync.api.SyncRequest;
import io.tidemark.sync.api.SyncResult;
import io.tidemark.sync.api.SyncService.SyncListener;
import io.tidemark.sync.api.SyncStatus;

/**
 * Push: a full sync, then IDLE on one mailbox over a connection of its own; every change the server pushes
 * schedules a quick sync of that mailbox (on the sync connection, so IDLE only ever waits), IDLE is re-issued
 * before the server's 30-minute limit, the whole account is synced again every re-issue period, and a dropped
 * connection is re-opened with exponential backoff. Authentication and TLS-trust failures end the watch:
 * retrying cannot fix them.
 */
final class Watcher {

    private final SyncEngine engine;
    private final SyncRequest request;
    private final MailboxName mailbox;
    private final SyncListener listener;

    Watcher(SyncEngine engine, SyncRequest request, MailboxName mailbox, SyncListener listener) {
        this.engine = engine;
        this.request = request;
        this.mailbox = mailbox;
        this.listener = listener == null ? r -> {
        } : listener;
    }

    IStatus run(IProgressMonitor monitor) {
        Duration backoff = Duration.ofSeconds(1);
        EngineSettings s = engine.settings();
        boolean fullSyncDue = true;
        while (!monitor.isCanceled()) {
            try {
                try (Connection idle = engine.openConnection(request, monitor)) {
                    // select the watched mailbox before the sync: a change that lands after the sync has read
                    // the mailbox is then reported to this session, at the latest when IDLE starts
                    idle.select(mailbox, SelectOptions.PLAIN.readOnlyCopy(), MessageSink.NONE, monitor);
                    if (fullSyncDue) {
                        listener.synced(engine.sync(request, monitor));
                        fullSyncDue = false;
                    }
                    engine.setActivity(request.account().id(), Phase.WATCHING, mailbox, null);
                    backoff = Duration.ofSeconds(1);
                    Instant fullSyncAt = Instant.now().plus(s.idleReissue());
                    while (!monitor.isCanceled()) {
                        AtomicBoolean changed = new AtomicBoolean();
                        IdleEnd end = idle.session().idle(e -> {
                            if (e instanceof ServerEvent.Exists || e instanceof ServerEvent.Expunge
                                    || e instanceof ServerEvent.Vanished || e instanceof ServerEvent.FlagsChanged) {
                                changed.set(true);
                                return false;
                            }
                            return true;
                        }, s.idleReissue(), s.idleReissue(), monitor);
                        if (end == IdleEnd.CANCELED || monitor.isCanceled()) {
                            break;
                        }
                        if (changed.get()) {
                            SyncResult r = engine.sync(request.onlyMailboxes(List.of(mailbox)).asQuick(), monitor);
                            listener.synced(r);
                            engine.setActivity(request.account().id(), Phase.WATCHING, mailbox, null);
                        }
                        if (Instant.now().isAfter(fullSyncAt)) {
                            listener.synced(engine.sync(request, monitor));
                            engine.setActivity(request.account().id(), Phase.WATCHING, mailbox, null);
                            fullSyncAt = Instant.now().plus(s.idleReissue());
                        }
                    }
                }
            } catch (org.eclipse.core.runtime.OperationCanceledException e) {
                break;
            } catch (CoreException e) {
                if (monitor.isCanceled()) {
                    break;
                }
                ImapError err = ImapStatus.errorOf(e);
                if (err == ImapError.AUTHENTICATION || err == ImapError.TLS_TRUST || err == ImapError.CONFIGURATION
                        || err == ImapError.CAPABILITY_MISSING) {
                    return e.getStatus();
                }
                if (!CodedStatus.isOffline(e.getStatus()) && !CodedStatus.isRetryable(e.getStatus())) {
                    SyncEngine.log(e.getStatus()); // e.g. one mailbox failed: keep watching
                }
                engine.setActivity(request.account().id(), Phase.OFFLINE, null, e.getStatus().getMessage());
                if (!sleep(backoff, monitor)) {
                    break;
                }
                backoff = backoff.multipliedBy(2).compareTo(s.maxBackoff()) > 0 ? s.maxBackoff() : backoff.multipliedBy(2);
                fullSyncDue = true;
            }
        }
        engine.setActivity(request.account().id(), Phase.IDLE, null, null);
        return new Status(IStatus.OK, SyncStatus.PLUGIN_ID, "Stopped watching " + mailbox + " of account '"
                + request.account().id() + "'");
    }

    /** @return false if canceled while sleeping */
    private static boolean sleep(Duration d, IProgressMonitor monitor) {
        long end = System.nanoTime() + d.toNanos();
        while (System.nanoTime() < end) {
            if (monitor.isCanceled()) {
                return false;
            }
            try {
                Thread.sleep(Math.min(100, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !monitor.isCanceled();
    }
}

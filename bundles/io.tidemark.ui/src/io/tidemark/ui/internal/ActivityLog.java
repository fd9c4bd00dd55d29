/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.core.runtime.IStatus;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import io.tidemark.model.AccountId;
import io.tidemark.model.MailboxName;
import io.tidemark.model.MailboxRef;
import io.tidemark.sync.api.SyncReport;
import io.tidemark.sync.api.SyncResult;
import io.tidemark.sync.api.SyncTopics;

/**
 * The history of syncs this session, for the Sync Activity view and the Mailboxes view's error decorations:
 * every mailbox report the engine posts ({@link SyncTopics#MAILBOX_SYNCED}), whoever started the sync, and
 * the account-level failures of the views' own sync jobs. Keeps the newest {@value #CAPACITY} entries.
 * <p>
 * Thread-safe; listeners are called on the thread that recorded the entry (an EventAdmin or job thread).
 */
@Component(service = { ActivityLog.class, EventHandler.class },
        property = EventConstants.EVENT_TOPIC + "=" + SyncTopics.MAILBOX_SYNCED)
public final class ActivityLog implements EventHandler {

    /** How many entries are kept. */
    static final int CAPACITY = 5000;

    /**
     * One line of history.
     *
     * @param time when the sync (or the attempt) ended
     * @param account the account
     * @param mailbox the mailbox, or null for an account-level entry
     * @param report the mailbox's report, or null for an account-level entry
     * @param result for an account-level entry of a sync that ran: its result, else null
     * @param status the outcome
     */
    record Entry(Instant time, AccountId account, MailboxName mailbox, SyncReport report, SyncResult result,
            IStatus status) {
    }

    private final Deque<Entry> entries = new ArrayDeque<>();
    private final Map<MailboxRef, SyncReport> lastReports = new HashMap<>();
    private final Map<AccountId, Entry> lastAccountFailure = new HashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /** For DS. */
    public ActivityLog() {
    }

    @Override
    public void handleEvent(Event event) {
        if (event.getProperty(SyncTopics.REPORT) instanceof SyncReport report) {
            record(report);
        }
    }

    /** Records a mailbox's report. */
    void record(SyncReport report) {
        MailboxRef ref = report.mailbox();
        add(new Entry(report.finished(), ref.account(), ref.name(), report, null, report.status()), ref, report);
    }

    /**
     * Records how a sync of the account ended as a whole: its result, or the failure that stopped it
     * (connect, login, store, cancel).
     */
    void recordAccount(AccountId account, IStatus status, SyncResult result) {
        add(new Entry(Instant.now(), account, null, null, result, status), null, null);
    }

    private void add(Entry e, MailboxRef ref, SyncReport report) {
        synchronized (entries) {
            entries.addFirst(e);
            while (entries.size() > CAPACITY) {
                entries.removeLast();
            }
            if (ref != null) {
                lastReports.put(ref, report);
            }
            if (e.mailbox() == null) {
                if (e.status().matches(IStatus.ERROR)) {
                    lastAccountFailure.put(e.account(), e);
                } else {
                    lastAccountFailure.remove(e.account());
                }
            }
        }
        for (Runnable l : listeners) {
            l.run();
        }
    }

    /** @return the entries, newest first */
    List<Entry> entries() {
        synchronized (entries) {
            return new ArrayList<>(entries);
        }
    }

    /** @return the last report of the mailbox this session */
    Optional<SyncReport> lastReport(MailboxRef mailbox) {
        synchronized (entries) {
            return Optional.ofNullable(lastReports.get(mailbox));
        }
    }

    /** @return the failure of the account's last sync, if it failed as a whole */
    Optional<Entry> lastAccountFailure(AccountId account) {
        synchronized (entries) {
            return Optional.ofNullable(lastAccountFailure.get(account));
        }
    }

    /** Forgets the history. */
    void clear() {
        synchronized (entries) {
            entries.clear();
        }
        for (Runnable l : listeners) {
            l.run();
        }
    }

    /** Calls {@code listener} after each change. */
    void addListener(Runnable listener) {
        listeners.add(listener);
    }

    /** Stops calling {@code listener}. */
    void removeListener(Runnable listener) {
        listeners.remove(listener);
    }
}

/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.preferences.IEclipsePreferences.IPreferenceChangeListener;
import org.eclipse.core.runtime.preferences.IEclipsePreferences.PreferenceChangeEvent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import io.tidemark.model.AccountConfig;
import io.tidemark.model.AccountId;
import io.tidemark.store.api.StoreDelta;
import io.tidemark.sync.api.SyncTopics;

/**
 * Background syncing as the preferences say: every account every {@link UiPreferences#SYNC_INTERVAL}
 * minutes, and each account's INBOX watched with IDLE when {@link UiPreferences#IDLE} is on. Re-plans when
 * the preferences or the accounts change (an account added by the wizard starts being watched at once).
 * <p>
 * Everything runs in jobs; a failing account shows in the views, never in a dialog. A watch that stopped on
 * its own (wrong password) is not restarted until the account's configuration or the preferences change.
 */
@Component(service = EventHandler.class, immediate = true,
        property = EventConstants.EVENT_TOPIC + "=" + SyncTopics.STORE_CHANGED)
public final class SyncScheduler implements EventHandler, IPreferenceChangeListener {

    /** The first background sync after start, in ms, unless the interval is shorter. */
    static final long FIRST_RUN_DELAY = 10_000;

    @Reference
    MailClient client;

    private final Map<AccountId, WatchJob> watchers = new HashMap<>();
    private Job planner;
    private Job timer;
    private int timerInterval = -1;
    private volatile boolean active;

    /** For DS. */
    public SyncScheduler() {
    }

    @Activate
    void activate() {
        active = true;
        planner = new Job("Planning Tidemark background syncs") {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                return plan();
            }
        };
        planner.setSystem(true);
        timer = new Job("Tidemark background sync") {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                return tick();
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == SyncScheduler.class;
            }
        };
        timer.setSystem(true);
        UiPreferences.node().addPreferenceChangeListener(this);
        replan();
    }

    @Deactivate
    void deactivate() {
        active = false;
        UiPreferences.node().removePreferenceChangeListener(this);
        planner.cancel();
        timer.cancel();
        synchronized (watchers) {
            watchers.values().forEach(Job::cancel);
            watchers.clear();
        }
    }

    @Override
    public void handleEvent(Event event) {
        if (event.getProperty(SyncTopics.DELTA) instanceof StoreDelta d && !d.accounts().isEmpty()) {
            replan();
        }
    }

    @Override
    public void preferenceChange(PreferenceChangeEvent event) {
        String key = event.getKey();
        if (UiPreferences.SYNC_INTERVAL.equals(key) || UiPreferences.IDLE.equals(key)
                || UiPreferences.BODY_MODE.equals(key) || UiPreferences.BODY_MAX_KB.equals(key)) {
            if (!UiPreferences.SYNC_INTERVAL.equals(key)) {
                restartWatchers();
            }
            replan();
        }
    }

    private void replan() {
        if (active) {
            planner.schedule(100); // coalesces bursts of account changes
        }
    }

    /** @return the accounts being watched now (for tests and the Properties dialog) */
    Set<AccountId> watched() {
        synchronized (watchers) {
            return watchers.entrySet().stream().filter(e -> e.getValue().getState() != Job.NONE)
                    .map(Map.Entry::getKey).collect(Collectors.toSet());
        }
    }

    private void restartWatchers() {
        synchronized (watchers) {
            watchers.values().forEach(Job::cancel);
            watchers.clear();
        }
    }

    private IStatus plan() {
        List<AccountConfig> accounts;
        try {
            accounts = client.store().accounts();
        } catch (CoreException e) {
            return Status.OK_STATUS; // the store's failure shows in the views; the next change re-plans
        }
        boolean idle = UiPreferences.idle();
        Map<AccountId, AccountConfig> byId = accounts.stream()
                .collect(Collectors.toMap(AccountConfig::id, a -> a, (a, b) -> a));
        synchronized (watchers) {
            var it = watchers.entrySet().iterator();
            while (it.hasNext()) {
                var e = it.next();
                AccountConfig now = byId.get(e.getKey());
                if (!idle || now == null || !now.equals(e.getValue().account())) {
                    e.getValue().cancel();
                    it.remove();
                }
            }
            if (idle && active) {
                for (AccountConfig a : accounts) {
                    // a watch that ended on its own stays in the map (state NONE) until its account changes
                    watchers.computeIfAbsent(a.id(), id -> {
                        WatchJob w = new WatchJob(client, a);
                        w.schedule();
                        return w;
                    });
                }
            }
        }
        int interval = UiPreferences.syncInterval();
        synchronized (this) {
            if (interval != timerInterval) {
                timer.cancel();
                timerInterval = interval;
                if (interval > 0 && active) {
                    timer.schedule(Math.min(FIRST_RUN_DELAY, interval * 60_000L));
                }
            }
        }
        return Status.OK_STATUS;
    }

    private IStatus tick() {
        try {
            for (AccountConfig a : client.store().accounts()) {
                client.syncAccount(a.id(), List.of(), SyncJob.Kind.FULL);
            }
        } catch (CoreException e) {
            // nothing to sync now; tried again at the next tick
        }
        int interval = UiPreferences.syncInterval();
        if (interval > 0 && active) {
            timer.schedule(interval * 60_000L);
        }
        return Status.OK_STATUS;
    }
}

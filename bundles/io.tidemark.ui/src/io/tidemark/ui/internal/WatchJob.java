/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.ui.progress.IProgressConstants;

import io.tidemark.model.AccountConfig;
import io.tidemark.model.MailboxName;
import io.tidemark.sync.api.SyncRequest;

/**
 * Watches an account's INBOX with IDLE ({@link io.tidemark.sync.api.SyncService#watch}) until canceled: the
 * engine syncs the account first, then once per push. Shown in the Progress view, where canceling it stops
 * watching. It holds no scheduling rule: the engine serializes its syncs with the account's other syncs.
 * <p>
 * When watching stops by itself (authentication or TLS failure) the reason goes to the {@link ActivityLog};
 * no dialog.
 */
final class WatchJob extends Job {

    private final MailClient client;
    private final AccountConfig account;
    private volatile IStatus stopped;

    WatchJob(MailClient client, AccountConfig account) {
        super("Watching " + account.id() + " INBOX for new mail (IDLE)");
        this.client = client;
        this.account = account;
        setPriority(DECORATE);
        setProperty(IProgressConstants.ICON_PROPERTY, Icons.SYNC);
        setProperty(IProgressConstants.NO_IMMEDIATE_ERROR_PROMPT_PROPERTY, Boolean.TRUE);
    }

    /** @return the configuration being watched */
    AccountConfig account() {
        return account;
    }

    /** @return why watching stopped on its own, or null while it runs or if it was canceled */
    IStatus stopped() {
        return stopped;
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        SyncRequest request = SyncRequest.of(account, client.credentials()).withBodyPolicy(UiPreferences.bodyPolicy());
        IStatus s = client.sync().watch(request, MailboxName.INBOX,
                result -> client.log().recordAccount(account.id(), result.status(), result), monitor);
        if (monitor.isCanceled()) {
            return Status.CANCEL_STATUS;
        }
        if (!s.isOK()) {
            stopped = s;
            client.log().recordAccount(account.id(), s, null);
        }
        return Status.OK_STATUS;
    }

    @Override
    public boolean belongsTo(Object family) {
        return family == WatchJob.class || family == client;
    }
}

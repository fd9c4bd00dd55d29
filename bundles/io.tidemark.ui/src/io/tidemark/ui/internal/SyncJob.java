/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.ui.progress.IProgressConstants;

import io.tidemark.model.AccountConfig;
import io.tidemark.model.AccountId;
import io.tidemark.model.MailboxName;
import io.tidemark.sync.api.SyncError;
import io.tidemark.sync.api.SyncRequest;
import io.tidemark.sync.api.SyncResult;
import io.tidemark.sync.api.SyncStatus;

/**
 * One sync of an account, as a job: shown in the Progress view, cancelable there (the engine aborts the
 * socket), one at a time per account ({@link AccountRule}).
 * <p>
 * A failed sync never opens a dialog: the job ends OK and the failure goes to the {@link ActivityLog}, where
 * the Sync Activity view and the Mailboxes view's decorations show it (the engine also reports the account's
 * phase: offline, authentication needed, error).
 */
final class SyncJob extends Job {

    /**
     * What the job does.
     */
    enum Kind {
        /** Replay local changes, then bring server changes in. */
        FULL,
        /** Only replay local changes. */
        REPLAY
    }

    private final MailClient client;
    private final AccountId account;
    private final List<MailboxName> mailboxes;
    private final Kind kind;
    private volatile SyncResult result;

    SyncJob(MailClient client, AccountId account, List<MailboxName> mailboxes, Kind kind) {
        super(name(account, mailboxes, kind));
        this.client = client;
        this.account = account;
        this.mailboxes = List.copyOf(mailboxes);
        this.kind = kind;
        setRule(new AccountRule(account));
        setPriority(LONG);
        setProperty(IProgressConstants.ICON_PROPERTY, Icons.SYNC);
        setProperty(IProgressConstants.NO_IMMEDIATE_ERROR_PROMPT_PROPERTY, Boolean.TRUE);
    }

    private static String name(AccountId account, List<MailboxName> mailboxes, Kind kind) {
        if (kind == Kind.REPLAY) {
            return "Sending local changes of " + account;
        }
        if (mailboxes.isEmpty()) {
            return "Syncing " + account;
        }
        return "Syncing " + account + ": "
                + mailboxes.stream().map(MailboxName::value).collect(Collectors.joining(", "));
    }

    /** @return whether this job, while waiting, makes another request of these mailboxes and kind redundant */
    boolean covers(List<MailboxName> others, Kind otherKind) {
        if (kind == Kind.REPLAY) {
            return otherKind == Kind.REPLAY;
        }
        // every full sync replays the journal first, so it covers a replay request too
        return mailboxes.isEmpty() || (!others.isEmpty() && mailboxes.containsAll(others));
    }

    /** @return the account */
    AccountId account() {
        return account;
    }

    /** @return the result once the job has synced successfully, else null */
    SyncResult result() {
        return result;
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        try {
            Optional<AccountConfig> config = client.store().account(account);
            if (config.isEmpty()) {
                return Status.OK_STATUS; // removed while the job waited
            }
            SyncRequest request = SyncRequest.of(config.get(), client.credentials())
                    .withBodyPolicy(UiPreferences.bodyPolicy());
            if (!mailboxes.isEmpty()) {
                request = request.onlyMailboxes(mailboxes);
            }
            if (kind == Kind.REPLAY) {
                request = request.replayOnly();
            }
            SyncResult r = client.sync().sync(request, monitor);
            result = r;
            client.log().recordAccount(account, r.status(), r);
            return Status.OK_STATUS;
        } catch (CoreException e) {
            IStatus s = e.getStatus();
            client.log().recordAccount(account, s, null);
            boolean canceled = monitor.isCanceled() || s.getSeverity() == IStatus.CANCEL
                    || (s instanceof SyncStatus ss && ss.error() == SyncError.CANCEL);
            return canceled ? Status.CANCEL_STATUS : Status.OK_STATUS;
        } catch (RuntimeException e) {
            // a bug: logged once, here at the job boundary, and shown in the history; never a dialog
            ILog.of(SyncJob.class).error("Sync of " + account + " failed unexpectedly", e);
            client.log().recordAccount(account, new SyncStatus(SyncError.INTERNAL, account, null, e.toString(), e),
                    null);
            return Status.OK_STATUS;
        }
    }

    @Override
    public boolean belongsTo(Object family) {
        return family == SyncJob.class || family == client || account.equals(family);
    }
}

/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.tidemark.imap.api.CredentialsProvider;
import io.tidemark.imap.api.ImapError;
import io.tidemark.imap.api.ImapStatus;
import io.tidemark.model.AccountId;
import io.tidemark.model.MailboxName;
import io.tidemark.store.api.MailStore;
import io.tidemark.sync.api.LocalChanges;
import io.tidemark.sync.api.SecretStore;
import io.tidemark.sync.api.SyncService;
import io.tidemark.sync.api.VerifyResult;

/**
 * The views' face of the engine: the store they read, the sync service and local changes they drive, the
 * secret store, and the jobs that run syncs and user actions off the UI thread.
 * <p>
 * It shares the engine's configuration PID, so a {@code store.target} set there (e.g.
 * {@code (store.kind=memory)}) makes the views read the same store the engine writes.
 * <p>
 * Thread-safe. Views find it through a service tracker ({@link ClientTracker}).
 */
@Component(service = MailClient.class, configurationPid = "io.tidemark.sync.core")
public final class MailClient {

    @Reference(name = "store", policyOption = ReferencePolicyOption.GREEDY)
    MailStore store;

    @Reference(name = "sync")
    SyncService sync;

    @Reference(name = "changes")
    LocalChanges changes;

    @Reference(name = "log")
    ActivityLog log;

    private volatile SecretStore secrets;
    private final Map<AccountId, VerifyResult> verified = new ConcurrentHashMap<>();

    /** For DS. */
    public MailClient() {
    }

    @Reference(name = "secrets", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindSecrets(SecretStore s) {
        secrets = s;
    }

    void unbindSecrets(SecretStore s) {
        if (secrets == s) {
            secrets = null;
        }
    }

    @Deactivate
    void deactivate() {
        Job.getJobManager().cancel(this);
    }

    /** @return the store the engine writes */
    MailStore store() {
        return store;
    }

    /** @return the sync engine */
    SyncService sync() {
        return sync;
    }

    /** @return where local changes go */
    LocalChanges changes() {
        return changes;
    }

    /** @return the sync history */
    ActivityLog log() {
        return log;
    }

    /** @return the secret store, if one is installed */
    Optional<SecretStore> secrets() {
        return Optional.ofNullable(secrets);
    }

    /** Remembers what a Test Connection or Properties found out about an account's server. */
    void rememberVerify(VerifyResult result) {
        verified.put(result.account(), result);
    }

    /** @return what the last Test Connection or Properties found out about the account's server this session */
    Optional<VerifyResult> verified(AccountId account) {
        return Optional.ofNullable(verified.get(account));
    }

    /**
     * @return credentials from the secret store; without one, every attempt fails with an authentication
     *         status that says why
     */
    CredentialsProvider credentials() {
        return (account, failed) -> {
            SecretStore s = secrets;
            if (s == null) {
                throw ImapStatus.exception(ImapError.AUTHENTICATION, account.id(), null,
                        "no secret store is installed (bundle io.tidemark.secrets), so the password cannot be read",
                        null);
            }
            return s.provider().credentials(account, failed);
        };
    }

    /**
     * Schedules a sync of the account unless an equal or wider one is already waiting.
     *
     * @param account the account
     * @param mailboxes the mailboxes, or empty for the account's folder selection
     * @param kind a full two-way sync, or only sending local changes
     * @return the job that will do it
     */
    SyncJob syncAccount(AccountId account, List<MailboxName> mailboxes, SyncJob.Kind kind) {
        for (Job j : Job.getJobManager().find(account)) {
            if (j instanceof SyncJob s && (s.getState() == Job.WAITING || s.getState() == Job.SLEEPING)
                    && s.covers(mailboxes, kind)) {
                return s;
            }
        }
        SyncJob job = new SyncJob(this, account, mailboxes, kind);
        job.schedule();
        return job;
    }

    /**
     * Runs a local change (mark read, delete, move, subscribe) in a job, then, if the preference says so,
     * sends the account's local changes to the server.
     *
     * @param name what the job is doing, for the Progress view
     * @param account the account changed
     * @param change the change; runs on the job's thread
     * @return the scheduled job
     */
    Job change(String name, AccountId account, LocalChange change) {
        Job job = new Job(name) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                try {
                    change.apply(changes, monitor);
                } catch (CoreException e) {
                    return e.getStatus();
                }
                if (UiPreferences.pushChanges()) {
                    syncAccount(account, List.of(), SyncJob.Kind.REPLAY);
                }
                return Status.OK_STATUS;
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == MailClient.this || family == LocalChange.class;
            }
        };
        job.schedule();
        return job;
    }

    /**
     * One local change, run off the UI thread.
     */
    @FunctionalInterface
    interface LocalChange {
        /** Applies the change through {@code changes}. */
        void apply(LocalChanges changes, IProgressMonitor monitor) throws CoreException;
    }
}

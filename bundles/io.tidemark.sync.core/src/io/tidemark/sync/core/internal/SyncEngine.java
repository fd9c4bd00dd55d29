/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.core.internal;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import io.tidemark.imap.api.CredentialsProvider;
import io.tidemark.imap.api.ImapError;
import io.tidemark.imap.api.ImapStatus;
import io.tidemark.imap.api.ImapTransport;
import io.tidemark.imap.api.ListRequest;
import io.tidemark.model.AccountConfig;
import io.tidemark.model.AccountId;
import io.tidemark.model.CodedStatus;
import io.tidemark.model.MailboxInfo;
import io.tidemark.model.MailboxName;
import io.tidemark.model.MailboxRef;
import io.tidemark.model.TrafficCounters;
import io.tidemark.store.api.MailStore;
import io.tidemark.store.api.StoreDelta;
import io.tidemark.store.api.StoreListener;
import io.tidemark.sync.api.AccountActivity;
import io.tidemark.sync.api.AccountActivity.Phase;
import io.tidemark.sync.api.Strategy;
import io.tidemark.sync.api.SyncError;
import io.tidemark.sync.api.SyncParticipant;
import io.tidemark.sync.api.SyncReport;
import io.tidemark.sync.api.SyncRequest;
import io.tidemark.sync.api.SyncResult;
import io.tidemark.sync.api.SyncService;
import io.tidemark.sync.api.SyncStatus;
import io.tidemark.sync.api.SyncTopics;
import io.tidemark.sync.api.VerifyResult;

/**
 * The sync engine: {@link SyncService} on a transport and a store, both chosen by
 * DS (greedy references: a higher-ranked transport or store replaces the default; {@code transport.target}
 * and {@code store.target} pin one through ConfigAdmin, PID {@code io.tidemark.sync.core}).
 */
@Component(service = SyncService.class, configurationPid = "io.tidemark.sync.core",
        property = "service.ranking:Integer=0")
public final class SyncEngine implements SyncService, StoreListener {

    /** Engine settings from ConfigAdmin. */
    public @interface Config {
        /** @return UIDs per window when downloading new messages */
        int newWindow() default 2000;

        /** @return UIDs per window of a plain flag scan */
        int flagWindow() default 10000;

        /** @return bytes per full-body window */
        long bodyWindowBytes() default 16L * 1024 * 1024;

        /** @return flag updates per transaction */
        int commitEvery() default 2000;

        /** @return newest UIDs rescanned in quick syncs without CONDSTORE */
        int quickFlagWindow() default 500;

        /** @return minutes between full flag scans in quick syncs without CONDSTORE */
        long fullFlagScanMinutes() default 10;

        /** @return minutes between IDLE re-issues */
        long idleReissueMinutes() default 25;

        /** @return longest backoff in seconds */
        long maxBackoffSeconds() default 300;

        /** @return how often a conflicting flag change is re-merged */
        int conflictRetries() default 3;

        /**
         * @return whether sessions use COMPRESS=DEFLATE when the server offers it: far fewer bytes on a real
         *         network, more CPU on both ends (on a loopback link a full initial download is slower with it)
         */
        boolean compress() default true;
    }

    /**
     * How long an account lease in a shared store lasts without renewal: a worker that dies mid-sync blocks
     * the account for at most this long. A running sync renews it every quarter of it.
     */
    private static final Duration LEASE = Duration.ofMinutes(2);

    @Reference(name = "transport", policyOption = ReferencePolicyOption.GREEDY)
    ImapTransport transport;

    @Reference(name = "store", policyOption = ReferencePolicyOption.GREEDY)
    MailStore store;

    private volatile EventAdmin eventAdmin;
    private final List<SyncParticipant> participants = new CopyOnWriteArrayList<>();
    private final Map<AccountId, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Map<AccountId, AccountActivity> activities = new ConcurrentHashMap<>();
    private final String owner = ManagementFactory.getRuntimeMXBean().getName();
    private EngineSettings settings = EngineSettings.DEFAULTS;
    private ScheduledExecutorService timer;
    /** Lease renewals, apart from the watchdog so that a slow store never delays an abort. */
    private ScheduledExecutorService leases;
    private volatile SyncHooks hooks = SyncHooks.NONE;
    private volatile java.util.function.Consumer<String> trace;
    private volatile boolean compress = true;

    /** For DS. */
    public SyncEngine() {
    }

    /** @return an engine outside OSGi (tests), activated */
    static SyncEngine create(ImapTransport transport, MailStore store, EngineSettings settings) {
        SyncEngine e = new SyncEngine();
        e.transport = transport;
        e.store = store;
        e.start(settings);
        return e;
    }

    @Activate
    void activate(Config c) {
        compress = c.compress();
        start(new EngineSettings(c.newWindow(), c.flagWindow(), c.bodyWindowBytes(), c.commitEvery(),
                c.quickFlagWindow(), Duration.ofMinutes(c.fullFlagScanMinutes()),
                Duration.ofMinutes(c.idleReissueMinutes()), Duration.ofSeconds(c.maxBackoffSeconds()),
                c.conflictRetries()));
    }

    private void start(EngineSettings s) {
        settings = s;
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tidemark-sync-watchdog");
            t.setDaemon(true);
            return t;
        });
        leases = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tidemark-sync-lease");
            t.setDaemon(true);
            return t;
        });
        store.addListener(this);
    }

    @Deactivate
    void deactivate() {
        store.removeListener(this);
        timer.shutdownNow();
        leases.shutdownNow();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setEventAdmin(EventAdmin ea) {
        eventAdmin = ea;
    }

    void unsetEventAdmin(EventAdmin ea) {
        if (eventAdmin == ea) {
            eventAdmin = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addParticipant(SyncParticipant p) {
        participants.add(p);
    }

    void removeParticipant(SyncParticipant p) {
        participants.remove(p);
    }

    /** Test hook: step boundaries where a crash can be simulated. */
    void setHooks(SyncHooks h) {
        hooks = h == null ? SyncHooks.NONE : h;
    }

    /** Test hook: receives the protocol trace of every connection the engine opens (credentials redacted). */
    void setCompress(boolean value) {
        compress = value;
    }

    void setTrace(java.util.function.Consumer<String> t) {
        trace = t;
    }

    EngineSettings settings() {
        return settings;
    }

    // ---------------------------------------------------------------- SyncService

    @Override
    public SyncResult sync(SyncRequest request, IProgressMonitor monitor) throws CoreException {
        AccountConfig account = request.account();
        SubMonitor sub = SubMonitor.convert(monitor, "Syncing " + account.id(), 100);
        ReentrantLock lock = locks.computeIfAbsent(account.id(), k -> new ReentrantLock());
        acquire(lock, account, sub);
        Instant t0 = Instant.now();
        boolean leased = false;
        ScheduledFuture<?> renewal = null;
        AtomicBoolean leaseLost = new AtomicBoolean();
        Connection first = null;
        try {
            setActivity(account.id(), Phase.SYNCING, null, null);
            // connect before anything is written: an account that cannot even log in is not stored
            first = Connection.open(transport, account, request.credentials(), timer, trace, compress, leaseLost::get,
                    sub.split(5));
            if (!store.account(account.id()).filter(account::equals).isPresent()) {
                store.write(tx -> {
                    tx.putAccount(account);
                    return null;
                });
            }
            leased = store.tryLease(account.id(), owner, LEASE);
            if (!leased) {
                throw SyncStatus.exception(SyncError.ACCOUNT_BUSY, account.id(), null,
                        "another worker is syncing this account (shared store lease; it expires "
                                + LEASE.toMinutes() + " minutes after that worker stops renewing it)",
                        null);
            }
            renewal = leases.scheduleWithFixedDelay(() -> {
                try {
                    if (!store.tryLease(account.id(), owner, LEASE)) {
                        leaseLost.set(true); // another worker took over: stop writing at once
                    }
                } catch (CoreException e) {
                    log(e.getStatus());
                    leaseLost.set(true);
                }
            }, LEASE.toMillis() / 4, LEASE.toMillis() / 4, TimeUnit.MILLISECONDS);
            TrafficCounters traffic = TrafficCounters.ZERO;
            AccountPass pass = null;
            List<SyncReport> reports = null;
            for (int attempt = 0; reports == null; attempt++) {
                Connection c = attempt == 0 ? first : Connection.open(transport, account, request.credentials(),
                        timer, trace, compress, leaseLost::get, sub.split(5));
                first = null;
                try (c) {
                    PassContext ctx = new PassContext(store, settings, hooks, request, c);
                    pass = new AccountPass(ctx, observer(account));
                    reports = pass.run(sub.split(90));
                } catch (CoreException e) {
                    // a connection that drops mid-pass (server restart, a UIDVALIDITY rebuild that makes Dovecot
                    // end the session) gets one fresh connection: the pass resumes from what was committed
                    if (attempt > 0 || sub.isCanceled() || !CodedStatus.isOffline(e.getStatus())) {
                        throw e;
                    }
                    log(new Status(IStatus.INFO, SyncStatus.PLUGIN_ID, "Account '" + account.id()
                            + "': connection lost during sync, reconnecting: " + e.getStatus().getMessage()));
                } finally {
                    traffic = traffic.plus(c.session().counters());
                }
            }
            Duration took = Duration.between(t0, Instant.now());
            IStatus status = AccountPass.combine(account.id(), pass.problems(), reports, took);
            setActivity(account.id(), status.matches(IStatus.ERROR) ? Phase.ERROR : Phase.IDLE, null,
                    status.matches(IStatus.ERROR) ? firstMessage(status) : null);
            return new SyncResult(account.id(), status, reports, traffic, took);
        } catch (CoreException e) {
            if (leaseLost.get()) {
                setActivity(account.id(), Phase.ERROR, null, "lost the account's lease");
                throw SyncStatus.exception(SyncError.ACCOUNT_BUSY, account.id(), null,
                        "the account's lease in the shared store could not be renewed; stopped so that two workers "
                                + "never sync it at once",
                        e);
            }
            throw failed(account, e, sub);
        } catch (OperationCanceledException e) {
            setActivity(account.id(), Phase.IDLE, null, null);
            throw SyncStatus.exception(SyncError.CANCEL, account.id(), null,
                    "sync canceled; every window committed so far is kept and the store is consistent", null);
        } catch (RuntimeException e) {
            setActivity(account.id(), Phase.ERROR, null, e.toString());
            throw SyncStatus.exception(SyncError.INTERNAL, account.id(), null, "internal error: " + e, e);
        } finally {
            if (first != null) {
                first.close();
            }
            if (renewal != null) {
                renewal.cancel(false);
            }
            if (leased) {
                try {
                    store.releaseLease(account.id(), owner);
                } catch (CoreException e) {
                    log(e.getStatus());
                }
            }
            lock.unlock();
        }
    }

    private AccountPass.Observer observer(AccountConfig account) {
        return new AccountPass.Observer() {
            @Override
            public void starting(MailboxRef mailbox) {
                setActivity(account.id(), Phase.SYNCING, mailbox.name(), null);
                for (SyncParticipant p : participants) {
                    safely(() -> p.mailboxStarting(mailbox));
                }
            }

            @Override
            public void synced(SyncReport report) {
                mailboxSynced(report);
            }
        };
    }

    private void acquire(ReentrantLock lock, AccountConfig account, IProgressMonitor monitor) throws CoreException {
        try {
            while (!lock.tryLock(100, TimeUnit.MILLISECONDS)) {
                if (monitor.isCanceled()) {
                    throw SyncStatus.exception(SyncError.CANCEL, account.id(), null,
                            "canceled while waiting for another sync of the account", null);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SyncStatus.exception(SyncError.CANCEL, account.id(), null, "interrupted", e);
        }
    }

    /** Maps a failure to the account's activity and, for a cancellation, to {@link SyncError#CANCEL}. */
    private CoreException failed(AccountConfig account, CoreException e, IProgressMonitor monitor) {
        ImapError err = ImapStatus.errorOf(e);
        if (monitor.isCanceled() || err == ImapError.CANCELED) {
            setActivity(account.id(), Phase.IDLE, null, null);
            return SyncStatus.exception(SyncError.CANCEL, account.id(), null,
                    "sync canceled; every window committed so far is kept and the store is consistent", e);
        }
        if (err == ImapError.AUTHENTICATION) {
            setActivity(account.id(), Phase.AUTHENTICATION_NEEDED, null, e.getStatus().getMessage());
        } else if (CodedStatus.isOffline(e.getStatus())) {
            setActivity(account.id(), Phase.OFFLINE, null, e.getStatus().getMessage());
        } else {
            setActivity(account.id(), Phase.ERROR, null, e.getStatus().getMessage());
        }
        return e;
    }

    private void mailboxSynced(SyncReport report) {
        for (SyncParticipant p : participants) {
            safely(() -> p.mailboxSynced(report));
        }
        Map<String, Object> props = new HashMap<>();
        props.put(SyncTopics.ACCOUNT, report.mailbox().account().value());
        props.put(SyncTopics.MAILBOX, report.mailbox().name().value());
        props.put(SyncTopics.REPORT, report);
        post(SyncTopics.MAILBOX_SYNCED, props);
    }

    @Override
    public VerifyResult verify(AccountConfig account, CredentialsProvider credentials, IProgressMonitor monitor)
            throws CoreException {
        Instant t0 = Instant.now();
        try (Connection c = Connection.open(transport, account, credentials, timer, trace, compress, monitor)) {
            var caps = c.session().capabilities();
            Strategy s = caps.qresync() ? Strategy.QRESYNC : caps.condstore() ? Strategy.CONDSTORE : Strategy.PLAIN;
            return new VerifyResult(account.id(), caps, s, Duration.between(t0, Instant.now()));
        }
    }

    @Override
    public List<MailboxInfo> folders(AccountConfig account, CredentialsProvider credentials, IProgressMonitor monitor)
            throws CoreException {
        SubMonitor sub = SubMonitor.convert(monitor, 3);
        try (Connection c = Connection.open(transport, account, credentials, timer, trace, compress, sub.split(1))) {
            List<MailboxInfo> all = c.session().list(new ListRequest("*", false, false), sub.split(1));
            boolean any = all.stream().anyMatch(MailboxInfo::subscribed);
            if (any) {
                return all;
            }
            List<MailboxName> subscribed = c.session().list(new ListRequest("*", true, false), sub.split(1)).stream()
                    .map(MailboxInfo::name).toList();
            List<MailboxInfo> out = new ArrayList<>();
            for (MailboxInfo i : all) {
                out.add(new MailboxInfo(i.name(), i.delimiter(), i.attributes(), subscribed.contains(i.name()),
                        i.status()));
            }
            return out;
        }
    }

    @Override
    public IStatus watch(SyncRequest request, MailboxName mailbox, SyncListener listener, IProgressMonitor monitor) {
        return new Watcher(this, request, mailbox, listener).run(monitor);
    }

    Connection openConnection(SyncRequest request, IProgressMonitor monitor) throws CoreException {
        return Connection.open(transport, request.account(), request.credentials(), timer, trace, compress, monitor);
    }

    @Override
    public AccountActivity activity(AccountId account) {
        return activities.getOrDefault(account, new AccountActivity(account, Phase.IDLE, null, null, Instant.EPOCH));
    }

    void setActivity(AccountId account, Phase phase, MailboxName mailbox, String reason) {
        AccountActivity now = new AccountActivity(account, phase, mailbox, reason, Instant.now());
        AccountActivity old = activities.put(account, now);
        if (old == null || old.phase() != phase || !java.util.Objects.equals(old.mailbox(), mailbox)) {
            Map<String, Object> props = new HashMap<>();
            props.put(SyncTopics.ACCOUNT, account.value());
            props.put(SyncTopics.ACTIVITY, now);
            post(SyncTopics.STATE, props);
        }
    }

    // ---------------------------------------------------------------- events

    @Override
    public void committed(StoreDelta delta) {
        Map<AccountId, Boolean> accounts = new HashMap<>();
        delta.accounts().forEach(a -> accounts.put(a, true));
        delta.mailboxes().forEach(m -> accounts.put(m.mailbox().account(), true));
        for (AccountId a : accounts.keySet()) {
            Map<String, Object> props = new HashMap<>();
            props.put(SyncTopics.ACCOUNT, a.value());
            props.put(SyncTopics.DELTA, delta);
            post(SyncTopics.STORE_CHANGED, props);
        }
    }

    private void post(String topic, Map<String, Object> props) {
        EventAdmin ea = eventAdmin;
        if (ea != null) {
            ea.postEvent(new Event(topic, props));
        }
    }

    private static String firstMessage(IStatus s) {
        for (IStatus c : s.getChildren()) {
            if (c.matches(IStatus.ERROR)) {
                return c.getMessage();
            }
        }
        return s.getMessage();
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log(new Status(IStatus.WARNING, SyncStatus.PLUGIN_ID, "A sync participant failed: " + e, e));
        }
    }

    static void log(IStatus status) {
        System.Logger.Level level = status.matches(IStatus.ERROR) ? System.Logger.Level.ERROR
                : status.matches(IStatus.WARNING) ? System.Logger.Level.WARNING : System.Logger.Level.INFO;
        LOG.log(level, status.getMessage(), status.getException());
    }

    private static final System.Logger LOG = System.getLogger("io.tidemark.sync");
}

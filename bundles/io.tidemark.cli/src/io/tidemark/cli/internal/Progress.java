/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.cli.internal;

import java.time.Duration;
import java.util.Hashtable;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.IProgressMonitor;
import org.osgi.framework.ServiceRegistration;

import io.tidemark.model.AccountId;
import io.tidemark.store.api.MailboxDelta;
import io.tidemark.model.MailboxRef;
import io.tidemark.store.api.MailStore;
import io.tidemark.store.api.StoreDelta;
import io.tidemark.store.api.StoreListener;
import io.tidemark.sync.api.SyncParticipant;
import io.tidemark.sync.api.SyncReport;

/**
 * Shows a running sync: on a terminal a bar redrawn in place with the share done, the messages downloaded so
 * far and the rate; otherwise plain {@code tidemark: progress ...} lines (at most one every two seconds) and a
 * {@code tidemark: synced ...} line per mailbox, easy to grep in logs. All of it goes to standard error, so
 * standard output keeps only results.
 * <p>
 * It is the progress monitor handed to the engine (its cancellation is how Ctrl-C stops a sync), a
 * {@link SyncParticipant} (mailbox starts and ends) and a {@link StoreListener} (messages committed).
 * <p>
 * Thread-safe: the engine, the store's notifier and the redraw timer call it concurrently.
 */
final class Progress implements IProgressMonitor, StoreListener, SyncParticipant, AutoCloseable {

    /** How progress is shown. */
    enum Mode {
        /** A bar redrawn in place (a terminal). */
        BAR,
        /** Greppable lines. */
        LINES,
        /** Nothing. */
        NONE
    }

    private final Environment env;
    private final Mode mode;
    private final AccountId account;
    private final long started = System.nanoTime();
    private volatile boolean canceled;
    private double total = -1;
    private double done;
    private String mailbox;
    private long added;
    private long firstAdded = -1;
    private String lastLine = "";
    private long lastLineAt;
    private boolean barShown;
    private ScheduledExecutorService timer;
    private ServiceRegistration<SyncParticipant> registration;
    private MailStore store;

    Progress(Environment env, Mode mode, AccountId account) {
        this.env = env;
        this.mode = mode;
        this.account = account;
    }

    /** Starts listening to the engine and the store, and the redraw timer. */
    Progress start(MailStore s) {
        if (mode == Mode.NONE) {
            return this;
        }
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("tidemark.cli.progress", account.value());
        registration = env.context().registerService(SyncParticipant.class, this, props);
        store = s;
        store.addListener(this);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tidemark-progress");
            t.setDaemon(true);
            return t;
        });
        long period = mode == Mode.BAR ? 200 : 1000;
        timer.scheduleAtFixedRate(this::render, mode == Mode.BAR ? 0 : period, period, TimeUnit.MILLISECONDS);
        return this;
    }

    // ---------------------------------------------------------------- IProgressMonitor

    @Override
    public synchronized void beginTask(String name, int totalWork) {
        if (total < 0) {
            total = totalWork <= 0 ? -1 : totalWork;
        }
    }

    @Override
    public void done() {
        // the command ends the display with close()
    }

    @Override
    public synchronized void internalWorked(double work) {
        done += work;
    }

    @Override
    public boolean isCanceled() {
        return canceled;
    }

    @Override
    public void setCanceled(boolean value) {
        canceled = value;
    }

    @Override
    public void setTaskName(String name) {
        // the bar shows the mailbox instead
    }

    @Override
    public void subTask(String name) {
        // as above
    }

    @Override
    public void worked(int work) {
        internalWorked(work);
    }

    // ---------------------------------------------------------------- engine and store

    @Override
    public synchronized void mailboxStarting(MailboxRef ref) {
        if (ref.account().equals(account)) {
            mailbox = ref.name().value();
        }
    }

    @Override
    public void mailboxSynced(SyncReport r) {
        if (!r.mailbox().account().equals(account) || mode != Mode.LINES) {
            return;
        }
        line(String.format(Locale.ROOT,
                "tidemark: synced account=%s mailbox=%s strategy=%s new=%d changed=%d vanished=%d moved=%d"
                        + " in=%d out=%d commands=%d ms=%d status=%s",
                account, quote(r.mailbox().name().value()), r.strategy(), r.added(), r.changed(), r.vanished(),
                r.moved(), r.traffic().bytesIn(), r.traffic().bytesOut(), r.traffic().commands(),
                r.duration().toMillis(), r.ok() ? "ok" : "failed"));
    }

    @Override
    public synchronized void committed(StoreDelta delta) {
        for (MailboxDelta d : delta.mailboxes()) {
            if (d.mailbox().account().equals(account) && !d.added().isEmpty()) {
                if (firstAdded < 0) {
                    firstAdded = System.nanoTime();
                }
                added += d.added().size();
                mailbox = d.mailbox().name().value();
            }
        }
    }

    // ---------------------------------------------------------------- rendering

    private void render() {
        try {
            String text;
            boolean worth;
            synchronized (this) {
                text = mode == Mode.BAR ? bar() : progressLine();
                worth = added > 0 || (total > 0 && done / total >= 0.01);
            }
            if (mode == Mode.BAR) {
                synchronized (env.err()) {
                    env.err().print("\r" + text + "\u001b[K");
                    env.err().flush();
                    barShown = true;
                }
            } else if (worth && !text.equals(lastLine) && System.nanoTime() - lastLineAt >= 2_000_000_000L) {
                lastLine = text;
                lastLineAt = System.nanoTime();
                line(text);
            }
        } catch (RuntimeException e) {
            // a display problem must never disturb the sync
        }
    }

    private String percent() {
        return total > 0 ? String.format(Locale.ROOT, "%3.0f%%", Math.min(100, 100 * done / total)) : " ?%";
    }

    private String rate() {
        if (firstAdded < 0) {
            return "";
        }
        double secs = Math.max(0.2, (System.nanoTime() - firstAdded) / 1e9);
        return String.format(Locale.ROOT, "%.0f/s", added / secs);
    }

    private String bar() {
        int width = Math.max(40, env.terminal().width()) - 1;
        String head = "sync " + account + (mailbox == null ? "" : " " + mailbox);
        String tail = " " + percent() + "  " + Format.count(added) + " new" + (rate().isEmpty() ? "" : "  " + rate())
                + "  " + Format.duration(Duration.ofNanos(System.nanoTime() - started));
        int barWidth = Math.max(10, Math.min(40, width - head.length() - tail.length() - 4));
        int filled = total > 0 ? (int) Math.round(barWidth * Math.min(1, done / total)) : 0;
        String s = Format.cut(head, Math.max(10, width - barWidth - tail.length() - 4)) + " ["
                + "#".repeat(filled) + ".".repeat(barWidth - filled) + "]" + tail;
        return s.length() > width ? s.substring(0, width) : s;
    }

    private String progressLine() {
        return "tidemark: progress account=" + account + (mailbox == null ? "" : " mailbox=" + quote(mailbox))
                + " done=" + percent().strip() + " new=" + added + (rate().isEmpty() ? "" : " rate=" + rate());
    }

    private void line(String text) {
        synchronized (env.err()) {
            clearBar();
            env.err().println(text);
            env.err().flush();
        }
    }

    private void clearBar() {
        if (barShown) {
            env.err().print("\r\u001b[K");
            barShown = false;
        }
    }

    /** Prints a message above the bar (the bar is redrawn at the next tick). */
    void message(String text) {
        if (mode != Mode.NONE) {
            line(text);
        }
    }

    private static String quote(String s) {
        return s.matches("[A-Za-z0-9._/@+-]+") ? s : "\"" + s.replace("\"", "\\\"") + "\"";
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // already gone with the framework
            }
        }
        if (store != null) {
            store.removeListener(this);
        }
        synchronized (env.err()) {
            clearBar();
            env.err().flush();
        }
    }
}

/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import io.tidemark.model.AccountConfig;
import io.tidemark.model.AccountId;
import io.tidemark.model.MailboxName;
import io.tidemark.model.MailboxRef;
import io.tidemark.store.api.MailStore;
import io.tidemark.testing.CapabilityProfile;
import io.tidemark.testing.DovecotServer;
import io.tidemark.testing.OtherClient;

/**
 * What the view tests against a real server share: a fresh Dovecot per test, an account of it in the store
 * the real engine writes (its password in the secret store), the three views in the Tidemark perspective, and
 * another client acting as a second device.
 */
abstract class DovecotTestBase {

    private static final AtomicInteger ACCOUNTS = new AtomicInteger();
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z",
            Locale.ENGLISH);

    static MailClient client;
    static MailStore store;
    static TestSecrets secrets;
    static MailboxesView mailboxes;
    static MessagesView messages;
    static SyncActivityView activity;

    DovecotServer dovecot;
    OtherClient other;
    AccountConfig account;

    @BeforeAll
    static void workbench() throws Exception {
        secrets = Services.secrets();
        client = Services.client();
        store = client.store();
        Prefs.quiet();
        Ui.openPerspective();
        mailboxes = Ui.view(MailboxesView.ID);
        activity = Ui.view(SyncActivityView.ID);
        messages = Ui.view(MessagesView.ID);
    }

    /** @return the capabilities the server offers */
    CapabilityProfile profile() {
        return CapabilityProfile.FULL;
    }

    @BeforeEach
    void server() {
        Prefs.quiet();
        messages.setOrder(io.tidemark.store.api.MessageOrder.DATE_DESC);
        dovecot = DovecotServer.start(profile());
        other = dovecot.otherClient();
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (account != null) {
            Job.getJobManager().cancel(account.id());
            AccountId id = account.id();
            Ui.waitUntil("the jobs of " + id + " ended", () -> Job.getJobManager().find(id).length == 0);
            store.write(tx -> {
                tx.removeAccount(id);
                return null;
            });
            secrets.delete(id);
        }
        other.close();
        dovecot.close();
    }

    /** Adds an account of the test's Dovecot, as the wizard would: its password saved, its configuration stored. */
    AccountConfig addAccount(String password) throws Exception {
        return addAccount("dovecot-" + ACCOUNTS.incrementAndGet(), password);
    }

    /** Adds an account of the test's Dovecot under that name. */
    AccountConfig addAccount(String id, String password) throws Exception {
        AccountConfig a = dovecot.account(id);
        secrets.save(a, password.toCharArray());
        store.write(tx -> {
            tx.putAccount(a);
            return null;
        });
        account = a;
        Ui.waitUntil("the Mailboxes view shows " + a.id(), () -> accountNode().isPresent());
        return a;
    }

    AccountConfig addAccount() throws Exception {
        return addAccount(dovecot.password());
    }

    Optional<AccountNode> accountNode() {
        return mailboxes.accounts().stream().filter(n -> n.id().equals(account.id())).findFirst();
    }

    Optional<FolderNode> folder(String name) {
        return accountNode().flatMap(a -> find(a.children(), MailboxName.of(name)));
    }

    private static Optional<FolderNode> find(List<FolderNode> nodes, MailboxName name) {
        for (FolderNode f : nodes) {
            if (f.ref().name().equals(name)) {
                return Optional.of(f);
            }
            Optional<FolderNode> c = find(f.children(), name);
            if (c.isPresent()) {
                return c;
            }
        }
        return Optional.empty();
    }

    MailboxRef ref(String name) {
        return new MailboxRef(account.id(), MailboxName.of(name));
    }

    /** Selects the node in the Mailboxes view and runs Sync Now there, as the context menu does; waits for it. */
    void syncNow(Object node) throws Exception {
        Ui.page().activate(mailboxes);
        mailboxes.viewer().setSelection(new StructuredSelection(node), true);
        Ui.pump();
        Ui.execute("io.tidemark.ui.syncNow");
        waitForSyncs();
    }

    /** Syncs the whole account through the Mailboxes view and waits until the view shows the result. */
    void syncAccount() throws Exception {
        syncNow(accountNode().orElseThrow());
    }

    /** Waits until the account's jobs ended and the views show what they left in the store. */
    void waitForSyncs() {
        AccountId id = account.id();
        Ui.waitUntil("the syncs of " + id + " ended", () -> Job.getJobManager().find(id).length == 0
                && Job.getJobManager().find(MailClient.LocalChange.class).length == 0);
        // the store's events may still be on their way: load once more, after the last commit
        mailboxes.refreshNow();
        messages.refresher().requestNow();
        Ui.waitUntil("the views caught up", () -> !mailboxes.refresher().busy() && !messages.refresher().busy());
        Ui.pump(); // runs the loads' hand-over to the UI thread
    }

    /** Shows a folder in the Messages view and waits until its rows in sight are filled. */
    void show(String mailbox) throws Exception {
        Ui.page().activate(messages);
        messages.show(ref(mailbox));
        Ui.waitUntil(mailbox + " shown", () -> ref(mailbox).equals(messages.mailbox()) && messages.pager() != null
                && messages.pager().mailbox().equals(ref(mailbox)) && messages.rowsInSightFilled());
    }

    /** @return the rows of the Messages view as shown, up to 100 */
    List<MessageRow> rows() {
        Ui.waitUntil("the Messages view is up to date", () -> !messages.refresher().busy());
        Table t = messages.viewer().getTable();
        int n = Math.min(100, t.getItemCount());
        for (int i = 0; i < n; i++) {
            t.getItem(i).getText(3); // asks SWT for the row, as painting would
        }
        Ui.waitUntil("the first " + n + " rows are loaded", () -> IntStream.range(0, n)
                .allMatch(i -> t.getItem(i).getData() instanceof MessageRow r && !r.isLoading()));
        List<MessageRow> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add((MessageRow) t.getItem(i).getData());
        }
        return out;
    }

    /** @return the Subject column as shown, up to 100 rows */
    List<String> subjects() {
        return column(3);
    }

    /** @return a column's texts as shown, up to 100 rows */
    List<String> column(int index) {
        Table t = messages.viewer().getTable();
        int n = rows().size();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(t.getItem(i).getText(index));
        }
        return out;
    }

    /** Selects rows of the Messages view as a click would (the selection service hears of it) and activates it. */
    void select(int... indices) {
        Ui.page().activate(messages);
        Table t = messages.viewer().getTable();
        t.setSelection(indices);
        Event e = new Event();
        e.item = t.getItem(indices[0]);
        t.notifyListeners(SWT.Selection, e);
        Ui.pump();
    }

    int indexOfSubject(String subject) {
        List<String> s = subjects();
        int i = s.indexOf(subject);
        assertTrue(i >= 0, subject + " not among " + s);
        return i;
    }

    /** @return a small RFC 5322 message */
    static byte[] message(String fromName, String subject, Instant date) {
        String from = fromName.toLowerCase(Locale.ROOT).replace(' ', '.') + "@example.org";
        String text = "From: " + fromName + " <" + from + ">\r\nTo: Alice <alice@example.org>\r\nSubject: " + subject
                + "\r\nDate: " + DATE.format(date.atOffset(ZoneOffset.UTC)) + "\r\nMessage-ID: <"
                + Long.toHexString(System.nanoTime()) + "." + ACCOUNTS.incrementAndGet()
                + "@tidemark.test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                + "Hello from " + fromName + ".\r\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Appends a message with that sender, subject and internal date through the other client. */
    long append(String mailbox, String fromName, String subject, Instant date, String... flags) {
        return other.append(mailbox, message(fromName, subject, date), date, flags);
    }
}

/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.TableColumn;
import org.junit.jupiter.api.Test;

import io.tidemark.model.SystemFlag;
import io.tidemark.store.api.MailboxCounts;
import io.tidemark.store.api.MessageOrder;
import io.tidemark.sync.api.AccountActivity.Phase;
import io.tidemark.sync.api.Strategy;
import io.tidemark.testing.MailboxSnapshot;

/**
 * The views on a folder synced from Dovecot by the real engine: counts and states in the Mailboxes view,
 * rows in the Messages view, another device's changes after Sync Now, and the message actions reaching the
 * server through the journal.
 */
class DovecotViewsTest extends DovecotTestBase {

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(3, ChronoUnit.DAYS);

    @Test
    void aFolderSyncedFromDovecotShowsWithCountsSpecialUseIconsAndSyncState() throws Exception {
        other.create("Projects/Tidemark");
        for (int i = 0; i < 5; i++) {
            if (i < 2) {
                append("INBOX", "Sender " + i, "Inbox message " + i, T0.plusSeconds(i), "\\Seen");
            } else {
                append("INBOX", "Sender " + i, "Inbox message " + i, T0.plusSeconds(i));
            }
        }
        for (int i = 0; i < 3; i++) {
            append("Projects/Tidemark", "Dev " + i, "Project note " + i, T0.plusSeconds(i));
        }
        addAccount();
        assertEquals(MailboxLabels.State.IDLE, MailboxLabels.state(accountNode().orElseThrow()));

        syncAccount();

        Ui.waitUntil("INBOX shows 5 messages, 3 unread", () -> folder("INBOX").map(FolderNode::counts)
                .filter(new MailboxCounts(5, 3)::equals).isPresent());
        FolderNode inbox = folder("INBOX").orElseThrow();
        String label = MailboxLabels.text(inbox).getString();
        assertTrue(label.startsWith("INBOX  5 (3 unread)"), label);
        assertEquals(Icons.INBOX, MailboxLabels.image(inbox));
        assertEquals(Icons.SENT, MailboxLabels.image(folder("Sent").orElseThrow()));
        assertEquals(Icons.TRASH, MailboxLabels.image(folder("Trash").orElseThrow()));
        FolderNode project = folder("Projects/Tidemark").orElseThrow();
        assertEquals("Tidemark", project.label());
        assertEquals(ref("Projects"), ((FolderNode) project.parent()).ref(), "nested under its parent");
        assertEquals(new MailboxCounts(3, 3), project.counts());
        assertEquals(Strategy.QRESYNC.name(), inbox.state().lastStrategy());

        AccountNode a = accountNode().orElseThrow();
        assertEquals(MailboxLabels.State.SYNCED, MailboxLabels.state(a));
        assertTrue(MailboxLabels.text(a).getString().contains("synced"), MailboxLabels.text(a).getString());
        // the tree widget itself shows it
        assertTrue(treeTexts().stream().anyMatch(t -> t.startsWith("INBOX  5 (3 unread)")), treeTexts().toString());

        show("INBOX");
        List<MessageRow> rows = rows();
        assertEquals(5, rows.size());
        assertEquals(List.of("Inbox message 4", "Inbox message 3", "Inbox message 2", "Inbox message 1",
                "Inbox message 0"), subjects(), "newest first");
        assertEquals(List.of("Sender 4", "Sender 3", "Sender 2", "Sender 1", "Sender 0"), column(2));
        assertEquals(List.of(true, true, true, false, false), rows.stream().map(MessageRow::unread).toList());
        assertTrue(messages.description().contains("5 messages, 3 unread"), messages.description());
    }

    @Test
    void aChangeByAnotherClientShowsAfterSyncNow() throws Exception {
        long first = append("INBOX", "Ann", "First", T0);
        long second = append("INBOX", "Bob", "Second", T0.plusSeconds(1));
        append("INBOX", "Cid", "Third", T0.plusSeconds(2));
        addAccount();
        syncAccount();
        show("INBOX");
        assertEquals(List.of("Third", "Second", "First"), subjects());

        other.addFlags("INBOX", List.of(first), "\\Seen");
        other.expunge("INBOX", List.of(second));
        append("INBOX", "Dee", "Fresh news", T0.plusSeconds(3));
        syncNow(folder("INBOX").orElseThrow());

        Ui.waitUntil("the Messages view shows the other device's changes",
                () -> subjects().equals(List.of("Fresh news", "Third", "First")));
        List<MessageRow> rows = rows();
        assertFalse(rows.get(2).unread(), "read on the other device");
        assertTrue(rows.get(0).unread());
        assertEquals(new MailboxCounts(3, 2), folder("INBOX").orElseThrow().counts());
    }

    @Test
    void markReadReachesTheServer() throws Exception {
        long uid = append("INBOX", "Ann", "Please read me", T0);
        append("INBOX", "Bob", "Leave me unread", T0.plusSeconds(1));
        addAccount();
        syncAccount();
        show("INBOX");
        int row = indexOfSubject("Please read me");
        assertTrue(rows().get(row).unread());

        select(row);
        Ui.execute(MessageFlagsHandler.MARK_READ);

        Ui.waitUntil("the server has \\Seen on UID " + uid,
                () -> other.snapshot("INBOX").flagsOf(uid).has(SystemFlag.SEEN));
        waitForSyncs();
        Ui.waitUntil("the row shows read and acknowledged", () -> {
            MessageRow r = rows().get(indexOfSubject("Please read me"));
            return !r.unread() && !r.pending();
        });
        MailboxSnapshot s = other.snapshot("INBOX");
        assertEquals(1, s.flags().values().stream().filter(f -> f.contains("\\Seen")).count(),
                "only the selected message was marked: " + s.flags());

        select(indexOfSubject("Please read me"));
        Ui.execute(MessageFlagsHandler.MARK_UNREAD);
        Ui.waitUntil("the server lost \\Seen on UID " + uid,
                () -> !other.snapshot("INBOX").flagsOf(uid).has(SystemFlag.SEEN));
        waitForSyncs();
        Ui.waitUntil("the row shows unread again", () -> rows().get(indexOfSubject("Please read me")).unread());
    }

    @Test
    void offlineAndUntrustedServersShowTheirStateWithTheReason() throws Exception {
        int closed;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        addAccount();
        var away = account.toBuilder().port(closed).build();
        store.write(tx -> {
            tx.putAccount(away);
            return null;
        });
        client.syncAccount(account.id(), List.of(), SyncJob.Kind.FULL);
        waitForSyncs();
        Ui.waitUntil("the account shows offline", () -> accountNode().map(MailboxLabels::state)
                .orElse(null) == MailboxLabels.State.OFFLINE);
        String offline = MailboxLabels.text(accountNode().orElseThrow()).getString();
        assertTrue(offline.contains("offline: ") && offline.length() > (account.id() + "  offline: ").length(),
                "with its reason: " + offline);
        assertEquals(new org.eclipse.jface.viewers.DecorationOverlayIcon(Icons.ACCOUNT, Icons.OVR_OFFLINE,
                org.eclipse.jface.viewers.IDecoration.BOTTOM_RIGHT), MailboxLabels.image(accountNode().orElseThrow()));

        try (var tls = io.tidemark.testing.DovecotServer.builder().tls(true).start()) {
            // a self-signed certificate and no pinned fingerprint: the transport refuses to trust it
            var untrusted = tls.tlsAccount(account.id().value()).toBuilder().pinnedCertificateSha256(null).build();
            secrets.save(untrusted, tls.password().toCharArray());
            store.write(tx -> {
                tx.putAccount(untrusted);
                return null;
            });
            client.syncAccount(account.id(), List.of(), SyncJob.Kind.FULL);
            waitForSyncs();
            Ui.waitUntil("the account shows the error", () -> accountNode().map(MailboxLabels::state)
                    .orElse(null) == MailboxLabels.State.ERROR);
            String error = MailboxLabels.text(accountNode().orElseThrow()).getString();
            assertTrue(error.contains("error: ") && error.toLowerCase(java.util.Locale.ROOT).contains("certificate"),
                    "with its reason: " + error);
            assertTrue(MailboxLabels.image(accountNode().orElseThrow()).equals(new org.eclipse.jface.viewers
                    .DecorationOverlayIcon(Icons.ACCOUNT, Icons.OVR_ERROR, org.eclipse.jface.viewers.IDecoration.BOTTOM_RIGHT)));
        }
    }

    @Test
    void aFlagWaitsAsPendingUntilTheServerAcknowledgesIt() throws Exception {
        Prefs.set(0, false, false); // local changes wait for the next sync
        long uid = append("INBOX", "Ann", "Flag me", T0);
        addAccount();
        syncAccount();
        show("INBOX");

        select(0);
        Ui.execute(MessageFlagsHandler.TOGGLE_FLAG);
        Ui.waitUntil("the row shows flagged and pending", () -> {
            MessageRow r = rows().get(0);
            return r.flagged() && r.pending();
        });
        assertTrue(messages.description().contains("waiting for the server: 1 flag change"),
                messages.description());
        Ui.waitUntil("the Mailboxes view shows the change to send", () -> folder("INBOX").orElseThrow().pending() == 1);
        assertTrue(MailboxLabels.text(folder("INBOX").orElseThrow()).getString().contains("1 change to send"));
        assertFalse(other.snapshot("INBOX").flagsOf(uid).has(SystemFlag.FLAGGED), "not sent yet");

        syncNow(folder("INBOX").orElseThrow());
        assertTrue(other.snapshot("INBOX").flagsOf(uid).has(SystemFlag.FLAGGED), "sent by Sync Now");
        Ui.waitUntil("the row is no longer pending", () -> {
            MessageRow r = rows().get(0);
            return r.flagged() && !r.pending();
        });
        assertFalse(messages.description().contains("waiting"), messages.description());
    }

    @Test
    void deleteAndMoveHideTheMessagesAtOnceAndReachTheServerAtTheNextSync() throws Exception {
        Prefs.set(0, false, false);
        long gone = append("INBOX", "Ann", "Delete me", T0);
        long moved = append("INBOX", "Bob", "Archive me", T0.plusSeconds(1));
        append("INBOX", "Cid", "Keep me", T0.plusSeconds(2));
        addAccount();
        syncAccount();
        show("INBOX");

        select(indexOfSubject("Delete me"));
        Ui.execute("org.eclipse.ui.edit.delete");
        Ui.waitUntil("the deleted row is gone", () -> !subjects().contains("Delete me"));
        select(indexOfSubject("Archive me"));
        Ui.execute("io.tidemark.ui.move", Map.of(MoveHandler.TARGET, "Archive"));
        Ui.waitUntil("the moved row is gone", () -> subjects().equals(List.of("Keep me")));
        Ui.waitUntil("both changes are counted as waiting",
                () -> messages.description().contains("waiting for the server: 1 deletion, 1 move"));
        assertEquals(3, other.snapshot("INBOX").exists(), "nothing sent yet");

        syncAccount();
        MailboxSnapshot inbox = other.snapshot("INBOX");
        assertEquals(1, inbox.exists());
        assertFalse(inbox.flags().containsKey(gone));
        assertFalse(inbox.flags().containsKey(moved));
        assertEquals(1, other.snapshot("Archive").exists(), "moved to Archive on the server");
        Ui.waitUntil("nothing is waiting any more", () -> !messages.description().contains("waiting"));
        show("Archive");
        assertEquals(List.of("Archive me"), subjects());
    }

    @Test
    void unsubscribeAndSubscribeReachTheServer() throws Exception {
        other.create("Lists");
        other.subscribe("Lists");
        addAccount();
        syncAccount();
        FolderNode lists = folder("Lists").orElseThrow();
        assertTrue(lists.subscribed());

        Ui.page().activate(mailboxes);
        mailboxes.viewer().setSelection(new org.eclipse.jface.viewers.StructuredSelection(lists), true);
        Ui.pump();
        Ui.execute(SubscribeHandler.UNSUBSCRIBE);
        Ui.waitUntil("the server has Lists unsubscribed", () -> !other.listSubscribed().contains("Lists"));
        waitForSyncs();
        syncAccount();
        Ui.waitUntil("the tree shows Lists unsubscribed", () -> !folder("Lists").orElseThrow().subscribed());
        assertTrue(MailboxLabels.text(folder("Lists").orElseThrow()).getString().contains("unsubscribed"));

        mailboxes.viewer().setSelection(new org.eclipse.jface.viewers.StructuredSelection(folder("Lists").orElseThrow()),
                true);
        Ui.pump();
        Ui.execute(SubscribeHandler.SUBSCRIBE);
        Ui.waitUntil("the server has Lists subscribed again", () -> other.listSubscribed().contains("Lists"));
    }

    @Test
    void propertiesShowTheStrategyLastUsedAndTheServersCapabilities() throws Exception {
        append("INBOX", "Ann", "Hello", T0);
        addAccount();
        syncAccount();
        PropertiesDialog d = new PropertiesDialog(Ui.window().getShell(), client, folder("INBOX").orElseThrow());
        d.setBlockOnOpen(false);
        d.open();
        try {
            Ui.waitUntil("the dialog shows the capabilities",
                    () -> d.rows().stream().anyMatch(r -> r.name().equals("Capabilities") && r.value().contains("QRESYNC")));
            assertTrue(d.rows().contains(new PropertiesDialog.Row("Strategy last used", "QRESYNC")), d.rows().toString());
            assertTrue(d.rows().contains(new PropertiesDialog.Row("Strategy the server allows", "QRESYNC")));
            assertTrue(d.rows().stream().anyMatch(r -> r.name().equals("HIGHESTMODSEQ") && !r.value().startsWith("none")));
        } finally {
            d.close();
        }
    }

    @Test
    void sortingByDateSenderAndSubjectReordersTheRows() throws Exception {
        append("INBOX", "Mia", "banana", T0);
        append("INBOX", "Zoe", "apple", T0.plusSeconds(60));
        append("INBOX", "Abe", "cherry", T0.plusSeconds(120));
        addAccount();
        syncAccount();
        show("INBOX");
        assertEquals(List.of("cherry", "apple", "banana"), subjects(), "newest first by default");

        click("Subject");
        Ui.waitUntil("sorted by subject", () -> messages.order() == MessageOrder.SUBJECT
                && subjects().equals(List.of("apple", "banana", "cherry")));
        click("From");
        Ui.waitUntil("sorted by sender", () -> messages.order() == MessageOrder.SENDER
                && column(2).equals(List.of("Abe", "Mia", "Zoe")));
        click("Date");
        Ui.waitUntil("newest first", () -> subjects().equals(List.of("cherry", "apple", "banana")));
        click("Date");
        Ui.waitUntil("oldest first", () -> messages.order() == MessageOrder.DATE_ASC
                && subjects().equals(List.of("banana", "apple", "cherry")));
        assertEquals(SWT.UP, messages.viewer().getTable().getSortDirection());
    }

    private void click(String column) {
        for (TableColumn c : messages.viewer().getTable().getColumns()) {
            if (c.getText().equals(column)) {
                c.notifyListeners(SWT.Selection, new Event());
                Ui.pump();
                return;
            }
        }
        throw new AssertionError("no column " + column);
    }

    @Test
    void aBackgroundSyncWithAWrongPasswordPopsNoDialogAndShowsAuthenticationNeeded() throws Exception {
        addAccount("not the password");
        long shells = Ui.otherShells();

        client.syncAccount(account.id(), List.of(), SyncJob.Kind.FULL);
        waitForSyncs();

        Ui.waitUntil("the account shows that it needs authentication", () -> accountNode()
                .map(MailboxLabels::state).orElse(null) == MailboxLabels.State.AUTHENTICATION_NEEDED);
        String label = MailboxLabels.text(accountNode().orElseThrow()).getString();
        assertTrue(label.contains("authentication needed"), label);
        assertEquals(shells, Ui.otherShells(), "no dialog");
        assertEquals(Phase.AUTHENTICATION_NEEDED, client.sync().activity(account.id()).phase());
        Ui.waitUntil("the Sync Activity view shows the failure", () -> activityRows().stream()
                .anyMatch(r -> r.contains(account.id().value()) && r.contains("failed:")));
    }

    @Test
    void syncActivityShowsEachMailboxWithStrategyCountsTrafficAndTheAccountTotal() throws Exception {
        for (int i = 0; i < 4; i++) {
            append("INBOX", "Ann", "Message " + i, T0.plusSeconds(i));
        }
        addAccount();
        syncAccount();
        Ui.waitUntil("the history shows INBOX", () -> activityRows().stream()
                .anyMatch(r -> r.startsWith(account.id().value() + "|INBOX|QRESYNC|4|")));
        String inbox = activityRows().stream().filter(r -> r.startsWith(account.id().value() + "|INBOX|"))
                .findFirst().orElseThrow();
        String[] cols = inbox.split("\\|");
        assertTrue(cols[8].endsWith("KB") || cols[8].endsWith(" B"), "bytes received: " + inbox);
        assertTrue(Long.parseLong(cols[10]) > 0, "commands: " + inbox);
        assertEquals("OK", cols[12], inbox);
        assertTrue(activityRows().stream().anyMatch(
                r -> r.startsWith(account.id().value() + "|(whole account)|") && r.contains("|OK, ")), activityRows().toString());
    }

    /** @return the Sync Activity rows as shown, columns from Account on joined by | */
    List<String> activityRows() {
        var t = activity.viewer().getTable();
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < t.getItemCount(); i++) {
            StringBuilder b = new StringBuilder();
            for (int c = 1; c < t.getColumnCount(); c++) {
                b.append(c > 1 ? "|" : "").append(t.getItem(i).getText(c));
            }
            out.add(b.toString());
        }
        return out;
    }

    private List<String> treeTexts() {
        List<String> out = new java.util.ArrayList<>();
        for (var item : mailboxes.viewer().getTree().getItems()) {
            collect(item, out);
        }
        return out;
    }

    private static void collect(org.eclipse.swt.widgets.TreeItem item, List<String> out) {
        out.add(item.getText());
        for (var c : item.getItems()) {
            collect(c, out);
        }
    }
}

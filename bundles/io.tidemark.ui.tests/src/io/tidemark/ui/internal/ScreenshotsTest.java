/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.tidemark.model.AccountConfig;
import io.tidemark.model.AccountId;
import io.tidemark.model.Security;
import io.tidemark.store.api.MailboxCounts;
import io.tidemark.testing.MessageFactory;

/**
 * Takes the screenshots of the README: each view with real data synced from Dovecot, under Xvfb. They are
 * written to {@code target/screenshots}, and also to the folder named by the system property
 * {@code tidemark.screenshots} when it is set (the committed {@code docs/screenshots}).
 */
class ScreenshotsTest extends DovecotTestBase {

    /** The generated mail's seed (its names and subjects include CJK, Cyrillic and accents). */
    private static final long SEED = Long.getLong("tidemark.screenshots.seed", 7);

    private final List<AccountId> extra = new ArrayList<>();

    @Test
    void eachViewWithRealData() throws Exception {
        MessageFactory mail = new MessageFactory(SEED);
        Instant now = Instant.now();
        List<Long> inbox = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            MessageFactory.Message m = mail.next();
            Instant date = now.minusSeconds(3600L * 7 * (60 - i));
            String[] flags = i < 48 ? (i % 9 == 0 ? new String[] { "\\Seen", "\\Answered" } : new String[] { "\\Seen" })
                    : new String[0];
            inbox.add(other.append("INBOX", m.bytes(), date, flags));
        }
        other.addFlags("INBOX", List.of(inbox.get(51), inbox.get(40)), "\\Flagged");
        for (String folder : List.of("Projects/Tidemark", "Projects/Website", "Lists/eclipse-dev")) {
            other.create(folder);
            other.subscribe(folder);
        }
        fill(mail, "Projects/Tidemark", 14, now, 3);
        fill(mail, "Projects/Website", 5, now, 0);
        fill(mail, "Lists/eclipse-dev", 37, now, 9);
        fill(mail, "Sent", 12, now, 0);
        fill(mail, "Archive", 120, now, 0);
        fill(mail, "Trash", 4, now, 0);
        fill(mail, "Drafts", 1, now, 0);

        client.log().clear();
        account = addAccount("work", dovecot.password());
        syncAccount();
        // another device reads, flags and deletes meanwhile; the next sync brings it
        other.addFlags("INBOX", inbox.subList(48, 50), "\\Seen");
        other.expunge("INBOX", List.of(inbox.get(3)));
        syncAccount();

        AccountConfig locked = dovecot.account("family").toBuilder().user(dovecot.user()).build();
        secrets.save(locked, "an old password".toCharArray());
        store.write(tx -> {
            tx.putAccount(locked);
            return null;
        });
        extra.add(locked.id());
        int closed;
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        AccountConfig away = AccountConfig.builder(AccountId.of("old-server")).host("127.0.0.1").port(closed)
                .security(Security.NONE).allowInsecure(true).user("alice").build();
        secrets.save(away, "x".toCharArray());
        store.write(tx -> {
            tx.putAccount(away);
            return null;
        });
        extra.add(away.id());
        client.syncAccount(locked.id(), List.of(), SyncJob.Kind.FULL);
        client.syncAccount(away.id(), List.of(), SyncJob.Kind.FULL);
        for (AccountId id : extra) {
            Ui.waitUntil("the sync of " + id + " ended", () -> Job.getJobManager().find(id).length == 0);
        }
        waitForSyncs();
        Ui.waitUntil("INBOX counted", () -> folder("INBOX").map(FolderNode::counts)
                .filter(c -> c.messages() == 59).isPresent());
        mailboxes.viewer().expandAll();

        show("INBOX");
        Prefs.set(0, false, false); // these two wait for the next sync: they show as pending
        select(1);
        Ui.execute(MessageFlagsHandler.MARK_READ);
        select(4);
        Ui.execute(MessageFlagsHandler.TOGGLE_FLAG);
        Ui.waitUntil("two rows pending", () -> rows().stream().filter(MessageRow::pending).count() == 2);
        waitForSyncs();
        select(6);
        mailboxes.viewer().setSelection(new org.eclipse.jface.viewers.StructuredSelection(folder("INBOX").orElseThrow()));
        Ui.page().activate(messages);
        Ui.pump(500);

        List<Path> shots = new ArrayList<>();
        shots.add(Ui.screenshot(Ui.window().getShell(), out("workbench.png")));
        shots.add(Ui.screenshot(folderOf(mailboxes.viewer().getControl()), out("mailboxes.png")));
        shots.add(Ui.screenshot(folderOf(messages.viewer().getControl()), out("messages.png")));
        Ui.page().activate(activity);
        // maximized, so that both syncs and the failed accounts fit in the picture
        var ref = Ui.page().getReference(activity);
        Ui.page().setPartState(ref, org.eclipse.ui.IWorkbenchPage.STATE_MAXIMIZED);
        Ui.pump(500);
        try {
            shots.add(Ui.screenshot(folderOf(activity.viewer().getControl()), out("sync-activity.png")));
        } finally {
            Ui.page().setPartState(ref, org.eclipse.ui.IWorkbenchPage.STATE_RESTORED);
            Ui.pump(300);
        }

        AddAccountWizard wizard = new AddAccountWizard();
        WizardDialog d = new WizardDialog(Ui.window().getShell(), wizard);
        d.setBlockOnOpen(false);
        d.open();
        try {
            wizard.page().fill("127.0.0.1", dovecot.port(), Security.NONE, dovecot.user(), "not-my-password");
            wizard.page().setName("home");
            wizard.page().testButton().notifyListeners(SWT.Selection, new Event());
            Ui.waitUntil("the test ended", () -> !wizard.page().testing()
                    && wizard.page().testResult().startsWith("Wrong user name or password"));
            Ui.pump(300);
            shots.add(Ui.screenshotClientArea(d.getShell(), out("add-account.png")));
        } finally {
            d.close();
        }

        String target = System.getProperty("tidemark.screenshots");
        for (Path p : shots) {
            assertTrue(Files.size(p) > 5_000, p + " holds a picture");
            if (target != null && !target.isBlank()) {
                Path dir = Path.of(target);
                Files.createDirectories(dir);
                Files.copy(p, dir.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        // 12 unread, 2 read on the other device, 1 read here (pending)
        assertEquals(new MailboxCounts(59, 9), folder("INBOX").orElseThrow().counts());
    }

    @AfterEach
    void removeOtherAccounts() throws Exception {
        for (AccountId id : extra) {
            Ui.waitUntil("the jobs of " + id + " ended", () -> Job.getJobManager().find(id).length == 0);
            store.write(tx -> {
                tx.removeAccount(id);
                return null;
            });
            secrets.delete(id);
        }
        Prefs.quiet();
    }

    private void fill(MessageFactory mail, String folder, int n, Instant now, int unread) {
        for (int i = 0; i < n; i++) {
            MessageFactory.Message m = mail.next();
            other.append(folder, m.bytes(), now.minusSeconds(86_400L * (n - i)),
                    i >= n - unread ? new String[0] : new String[] { "\\Seen" });
        }
    }

    private static Path out(String name) {
        return Path.of("target", "screenshots", name);
    }

    /** @return the view's tab folder, so the picture shows the view's tab and tool bar too */
    private static Control folderOf(Control c) {
        Control k = c;
        while (k != null && !(k instanceof CTabFolder)) {
            k = k.getParent();
        }
        return k == null ? c : k;
    }
}

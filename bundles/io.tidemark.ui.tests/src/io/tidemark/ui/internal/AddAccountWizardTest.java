/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.tidemark.model.AccountId;
import io.tidemark.model.MailboxName;
import io.tidemark.model.MailboxRef;
import io.tidemark.model.Security;
import io.tidemark.testing.CapabilityProfile;
import io.tidemark.testing.DovecotServer;

/**
 * The Add Account wizard against a real Dovecot: Test Connection runs {@code SyncService.verify} in a job and
 * shows the outcome inline, a wrong password clearly; Finish keeps the password in the secret store and the
 * account in the store, and the first sync follows.
 */
class AddAccountWizardTest {

    private static DovecotServer dovecot;
    private static final List<AccountId> added = new ArrayList<>();
    private WizardDialog dialog;
    private AddAccountWizard wizard;

    @BeforeAll
    static void server() throws Exception {
        Services.secrets();
        Prefs.quiet();
        Ui.openPerspective();
        dovecot = DovecotServer.start(CapabilityProfile.FULL);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AccountId id : added) {
            Job.getJobManager().cancel(id);
            Ui.waitUntil("the jobs of " + id + " ended", () -> Job.getJobManager().find(id).length == 0);
            Services.store().write(tx -> {
                tx.removeAccount(id);
                return null;
            });
            Services.secrets().delete(id);
        }
        dovecot.close();
    }

    @BeforeEach
    void open() {
        wizard = new AddAccountWizard();
        dialog = new WizardDialog(Ui.window().getShell(), wizard);
        dialog.setBlockOnOpen(false);
        dialog.open();
        Ui.pump();
    }

    @AfterEach
    void close() {
        if (dialog.getShell() != null && !dialog.getShell().isDisposed()) {
            dialog.close();
        }
        Ui.pump();
    }

    private AccountPage page() {
        return wizard.page();
    }

    private void test() {
        page().testButton().notifyListeners(SWT.Selection, new Event());
        Ui.waitUntil("Test Connection finished", () -> !page().testing());
    }

    @Test
    void testConnectionReportsAWrongPasswordClearlyAndInline() {
        page().fill("127.0.0.1", dovecot.port(), Security.NONE, dovecot.user(), "no-such-password");
        long shells = Ui.otherShells();

        test();

        String result = page().testResult();
        assertTrue(result.startsWith("Wrong user name or password: the server rejected the login."), result);
        assertFalse(result.contains("no-such-password"), "never the password: " + result);
        assertEquals(shells, Ui.otherShells(), "shown in the page, no dialog");
    }

    @Test
    void testConnectionWithTheRightPasswordShowsWhatTheServerAllows() {
        page().fill("127.0.0.1", dovecot.port(), Security.NONE, dovecot.user(), dovecot.password());

        test();

        String result = page().testResult();
        assertTrue(result.startsWith("Connected and logged in"), result);
        assertTrue(result.contains("allows QRESYNC sync"), result);
        assertNotNull(page().lastTest());
    }

    @Test
    void testConnectionNamesAServerThatDoesNotAnswer() throws Exception {
        int closed;
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        page().fill("127.0.0.1", closed, Security.NONE, dovecot.user(), dovecot.password());
        test();
        assertTrue(page().testResult().startsWith("Nothing answers on that server and port."), page().testResult());
    }

    @Test
    void plainTextIsRefusedForAServerElsewhere() {
        page().fill("mail.example.com", 143, Security.NONE, "bob", "secret");
        assertTrue(page().getErrorMessage().contains("only allowed for a server on this machine"),
                page().getErrorMessage());
        assertFalse(page().isPageComplete());
        page().fill("mail.example.com", 993, Security.TLS, "bob", "secret");
        assertEquals(null, page().getErrorMessage());
        assertTrue(page().isPageComplete());
    }

    @Test
    void finishKeepsThePasswordInTheSecretStoreAndTheAccountInTheStoreThenSyncs() throws Exception {
        page().fill("127.0.0.1", dovecot.port(), Security.NONE, dovecot.user(), dovecot.password());
        page().setName("wizard-added");
        AccountId id = AccountId.of("wizard-added");
        added.add(id);

        press("&Finish");

        Ui.waitUntil("the wizard closed", () -> dialog.getShell() == null || dialog.getShell().isDisposed());
        assertEquals(dovecot.password(), Services.secrets().secretOf(id), "the password went to the secret store");
        var stored = Services.store().account(id).orElseThrow();
        assertEquals(dovecot.port(), stored.port());
        assertEquals(Security.NONE, stored.security());
        MailboxRef inbox = new MailboxRef(id, MailboxName.INBOX);
        Ui.waitUntil("the first sync stored INBOX", () -> {
            try {
                return Services.store().syncState(inbox).map(s -> s.lastSync() != null).orElse(false);
            } catch (org.eclipse.core.runtime.CoreException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private void press(String label) {
        Button b = find(dialog.getShell(), label);
        assertNotNull(b, "no button " + label);
        assertTrue(b.isEnabled(), label + " is enabled");
        b.notifyListeners(SWT.Selection, new Event());
        Ui.pump();
    }

    private static Button find(Composite c, String label) {
        for (Control k : c.getChildren()) {
            if (k instanceof Button b && label.equals(b.getText())) {
                return b;
            }
            if (k instanceof Composite cc) {
                Button b = find(cc, label);
                if (b != null) {
                    return b;
                }
            }
        }
        return null;
    }
}

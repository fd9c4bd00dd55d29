/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.junit.jupiter.api.Test;

import io.tidemark.model.BodyPolicy;
import io.tidemark.store.api.MailboxCounts;
import io.tidemark.store.api.MessageOrder;
import io.tidemark.store.api.MessageRecord;
import io.tidemark.sync.api.AccountActivity.Phase;

/**
 * The preference page and what the background scheduler does with it: IDLE on watches the INBOX (another
 * device's message arrives without Sync Now) and off stops it, the interval syncs every account by itself,
 * and the body policy decides what is downloaded.
 */
class PreferencesTest extends DovecotTestBase {

    @Test
    void thePreferencePageStoresTheIntervalIdleAndBodyPolicy() {
        PreferenceDialog d = PreferencesUtil.createPreferenceDialogOn(Ui.window().getShell(),
                TidemarkPreferencePage.ID, new String[] { TidemarkPreferencePage.ID }, null);
        d.setBlockOnOpen(false);
        d.open();
        try {
            Ui.pump();
            var shell = d.getShell();
            List<Text> texts = Widgets.all(shell, Text.class).stream().filter(Text::isVisible)
                    .filter(t -> (t.getStyle() & org.eclipse.swt.SWT.SEARCH) == 0).toList();
            texts.get(0).setText("7");
            Widgets.click(Widgets.button(shell, "Watch each INBOX"), false);
            Widgets.click(Widgets.button(shell, "Full messages up to the size below"));
            texts.get(1).setText("512");
            Widgets.click(Widgets.button(shell, "Apply and Close"));
        } finally {
            if (d.getShell() != null && !d.getShell().isDisposed()) {
                d.close();
            }
        }
        assertEquals(7, UiPreferences.syncInterval());
        assertFalse(UiPreferences.idle());
        assertEquals(BodyPolicy.upTo(512 * 1024), UiPreferences.bodyPolicy());
    }

    @Test
    void idleOnBringsAnotherDevicesMessageWithoutSyncNowAndOffStopsWatching() throws Exception {
        append("INBOX", "Ann", "Before", Instant.now().minusSeconds(60));
        addAccount();
        syncAccount();

        Prefs.set(0, true, true);
        Ui.waitUntil("the account is watched", () -> client.sync().activity(account.id()).phase() == Phase.WATCHING);
        Ui.waitUntil("the Mailboxes view says so", () -> MailboxLabels.text(accountNode().orElseThrow()).getString()
                .contains("watching for new mail"));
        append("INBOX", "Bob", "Pushed by IDLE", Instant.now());
        Ui.waitUntil("the pushed message arrived without Sync Now",
                () -> folder("INBOX").map(FolderNode::counts).filter(new MailboxCounts(2, 2)::equals).isPresent());
        show("INBOX");
        assertEquals("Pushed by IDLE", subjects().get(0));

        Prefs.set(0, false, true);
        Ui.waitUntil("watching stopped", () -> Job.getJobManager().find(WatchJob.class).length == 0
                && client.sync().activity(account.id()).phase() != Phase.WATCHING);
    }

    @Test
    void theIntervalSyncsEveryAccountByItself() throws Exception {
        append("INBOX", "Ann", "Found by the timer", Instant.now());
        addAccount();
        assertTrue(folder("INBOX").isEmpty(), "not synced yet");

        Prefs.set(1, false, true); // the first run comes after at most SyncScheduler.FIRST_RUN_DELAY
        Ui.waitUntil("the background sync brought INBOX", () -> folder("INBOX").map(FolderNode::counts)
                .filter(new MailboxCounts(1, 1)::equals).isPresent());
        Prefs.quiet();
    }

    @Test
    void theBodyPolicyDecidesWhetherWholeMessagesAreDownloaded() throws Exception {
        append("INBOX", "Ann", "Headers only", Instant.now().minusSeconds(10));
        addAccount();
        syncAccount();
        MessageRecord first = store.page(ref("INBOX"), MessageOrder.DATE_DESC, 0, 1).get(0);
        assertFalse(store.content(ref("INBOX"), first.uid()).map(c -> c.hasBody()).orElse(false));

        UiPreferences.node().put(UiPreferences.BODY_MODE, "full");
        try {
            append("INBOX", "Bob", "Whole message", Instant.now());
            syncAccount();
            MessageRecord second = store.page(ref("INBOX"), MessageOrder.DATE_DESC, 0, 1).get(0);
            assertNotEquals(first.uid(), second.uid());
            assertTrue(store.content(ref("INBOX"), second.uid()).orElseThrow().hasBody(), "downloaded in full");
        } finally {
            UiPreferences.node().put(UiPreferences.BODY_MODE, "headers");
        }
    }
}

/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IViewPart;
import org.junit.jupiter.api.Test;

import io.tidemark.model.AccountId;
import io.tidemark.model.MailboxName;
import io.tidemark.testing.MessageFactory;

/**
 * Syncs run as jobs: shown in the Progress view, canceled from there (the store keeps what was committed and
 * the next sync resumes), and one at a time per account.
 */
class SyncJobsTest extends DovecotTestBase {

    private static final int BIG = 30_000;

    @Test
    void aSyncShowsInTheProgressViewAndCancelingItStopsItKeepingWhatWasCommitted() throws Exception {
        dovecot.maildirWriter().write("INBOX", BIG, new MessageFactory(11, MessageFactory.SizeProfile.SMALL));
        addAccount();
        IViewPart progress = Ui.view(TidemarkPerspective.PROGRESS_VIEW);

        SyncJob job = client.syncAccount(account.id(), List.of(), SyncJob.Kind.FULL);
        assertFalse(job.isSystem(), "a sync is shown in the Progress view");
        Ui.waitUntil("the first window is committed", () -> count() > 0);
        Ui.waitUntil(() -> "the Mailboxes view shows the sync running: " + accountNode().map(a -> MailboxLabels
                .text(a).getString() + " / " + a.activity()).orElse("no node") + " count " + count(), () -> accountNode()
                .map(MailboxLabels::state).orElse(null) == MailboxLabels.State.SYNCING
                && MailboxLabels.text(accountNode().orElseThrow()).getString().contains("  syncing "));
        Ui.waitUntil("the Progress view lists the sync", () -> texts(progress).stream()
                .anyMatch(t -> t.contains("Syncing " + account.id())));

        job.cancel(); // what the Progress view's stop button does
        Ui.waitUntil("the job ended", () -> job.getState() == Job.NONE);
        assertEquals(IStatus.CANCEL, job.getResult().getSeverity());
        long kept = count();
        assertTrue(kept > 0 && kept < BIG, "kept the committed windows only: " + kept);
        Ui.waitUntil("the history says canceled", () -> client.log().entries().stream()
                .anyMatch(e -> e.account().equals(account.id()) && e.mailbox() == null
                        && SyncActivityView.result(e).equals("canceled")));

        syncAccount();
        assertEquals(BIG, count(), "the next sync resumed and finished");
    }

    private long count() {
        try {
            return store.mailbox(ref("INBOX")).isPresent() ? store.counts(ref("INBOX")).messages() : 0;
        } catch (org.eclipse.core.runtime.CoreException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the labels of the workbench window the view is in (the Progress view's rows are labels) */
    private static List<String> texts(IViewPart view) {
        Composite c = view.getSite().getShell();
        List<String> out = new java.util.ArrayList<>();
        for (Control k : Widgets.all(c, Control.class)) {
            if (k instanceof Label l) {
                out.add(l.getText());
            }
        }
        return out;
    }

    @Test
    void syncsOfOneAccountRunOneAtATimeAndOfTwoAccountsInParallel() throws Exception {
        other.create("Other");
        for (int i = 0; i < 20; i++) {
            append("INBOX", "Ann", "Inbox " + i, Instant.now().minusSeconds(100 - i));
            append("Other", "Bob", "Other " + i, Instant.now().minusSeconds(100 - i));
        }
        addAccount();
        AccountId id = account.id();
        SyncJob a = client.syncAccount(id, List.of(MailboxName.INBOX), SyncJob.Kind.FULL);
        SyncJob b = client.syncAccount(id, List.of(MailboxName.of("Other")), SyncJob.Kind.FULL);
        assertTrue(a != b, "a sync of other mailboxes is its own job");
        int bothRunning = 0;
        int samples = 0;
        while (a.getState() != Job.NONE || b.getState() != Job.NONE) {
            // the job manager keeps the second waiting on the account's rule while the first runs
            if (a.getState() == Job.RUNNING && b.getState() == Job.RUNNING) {
                bothRunning++;
            }
            samples++;
            Ui.pump();
        }
        waitForSyncs();
        assertEquals(0, bothRunning, "syncs of one account never overlap (" + samples + " samples)");
        assertTrue(a.result() != null && b.result() != null, "both ran");
        assertEquals(List.of(MailboxName.INBOX), a.result().reports().stream().map(r -> r.mailbox().name()).toList());
        assertTrue(new AccountRule(id).isConflicting(new AccountRule(id)));
        assertFalse(new AccountRule(id).isConflicting(new AccountRule(AccountId.of("someone-else"))),
                "different accounts run in parallel");
    }

    @Test
    void aWaitingSyncCoversALaterRequestForTheSameMailboxes() throws Exception {
        addAccount();
        SyncJob whole;
        // hold the account's rule, as a running sync would, so that the next one waits
        AccountRule held = new AccountRule(account.id());
        Job.getJobManager().beginRule(held, null);
        try {
            whole = client.syncAccount(account.id(), List.of(), SyncJob.Kind.FULL);
            assertTrue(whole == client.syncAccount(account.id(), List.of(MailboxName.INBOX), SyncJob.Kind.FULL),
                    "a waiting whole-account sync covers a sync of INBOX");
            assertTrue(whole == client.syncAccount(account.id(), List.of(), SyncJob.Kind.REPLAY),
                    "and sending local changes");
        } finally {
            Job.getJobManager().endRule(held);
        }
        waitForSyncs();
        assertEquals(IStatus.OK, whole.getResult().getSeverity());
        assertTrue(whole.result() != null && whole.result().status().isOK(), "it synced");
    }
}

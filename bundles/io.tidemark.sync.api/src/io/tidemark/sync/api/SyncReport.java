/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;

import io.tidemark.model.MailboxRef;
import io.tidemark.model.TrafficCounters;

/**
 * What the sync of one mailbox did and cost.
 *
 * @param mailbox the mailbox
 * @param strategy how server changes were found
 * @param added messages new in the replica (downloaded)
 * @param changed messages whose flags or keywords changed
 * @param vanished messages removed because the server expunged them
 * @param moved messages relinked from another mailbox (or epoch) without downloading them again
 * @param replayed local changes the server acknowledged
 * @param uidValidityReset whether the mailbox moved to a new UIDVALIDITY epoch
 * @param traffic bytes and commands this mailbox's sync cost
 * @param duration wall time
 * @param finished when it ended
 * @param status OK, or what went wrong (coded)
 * @since 0.1
 */
public record SyncReport(MailboxRef mailbox, Strategy strategy, long added, long changed, long vanished, long moved,
        long replayed, boolean uidValidityReset, TrafficCounters traffic, Duration duration, Instant finished,
        IStatus status) {

    /** Validates and fills defaults. */
    public SyncReport {
        Objects.requireNonNull(mailbox, "mailbox");
        traffic = traffic == null ? TrafficCounters.ZERO : traffic;
        duration = duration == null ? Duration.ZERO : duration;
        finished = finished == null ? Instant.now() : finished;
        status = status == null ? Status.OK_STATUS : status;
    }

    /** @return whether the mailbox synced without error */
    public boolean ok() {
        return status.getSeverity() < IStatus.ERROR && status.getSeverity() != IStatus.CANCEL;
    }
}

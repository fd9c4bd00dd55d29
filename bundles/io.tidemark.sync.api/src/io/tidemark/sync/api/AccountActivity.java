/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.api;

import java.time.Instant;

import io.tidemark.model.AccountId;
import io.tidemark.model.MailboxName;

/**
 * What the engine is doing with an account now, for status lines and view decorations.
 *
 * @param account the account
 * @param phase the current phase
 * @param mailbox the mailbox being synced, or null
 * @param reason for OFFLINE, AUTHENTICATION_NEEDED and ERROR: why, else null
 * @param since when the phase began
 * @since 0.1
 */
public record AccountActivity(AccountId account, Phase phase, MailboxName mailbox, String reason, Instant since) {

    /**
     * The phases of an account.
     *
     * @since 0.1
     */
    public enum Phase {
        /** Nothing running; the last sync, if any, succeeded. */
        IDLE,
        /** A sync is running. */
        SYNCING,
        /** Connected and waiting for pushes (IDLE/NOTIFY). */
        WATCHING,
        /** The server could not be reached at the last attempt. */
        OFFLINE,
        /** The server rejected the credentials; the user must act. */
        AUTHENTICATION_NEEDED,
        /** The last sync failed for another reason. */
        ERROR
    }
}

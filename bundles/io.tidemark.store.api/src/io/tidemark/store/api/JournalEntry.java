/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.api;

import java.time.Instant;
import java.util.Objects;

import io.tidemark.model.Flags;
import io.tidemark.model.MailboxName;
import io.tidemark.model.MailboxRef;
import io.tidemark.model.UidSet;

/**
 * One local change not yet acknowledged by the server (invariant I2: written in the transaction that
 * changes the replica; removed only in the transaction that records the server's acknowledgement).
 * Entries of an account replay in ascending {@link #id()}, the order the user acted.
 *
 * @param id the store-assigned sequence number, ascending in creation order; 0 before
 *            {@link StoreTransaction#appendJournal}
 * @param mailbox the mailbox the change applies to
 * @param uidValidity the UIDVALIDITY the UIDs belong to (0 for mailbox-level operations)
 * @param operation what to do
 * @param uids the messages (empty for APPEND and mailbox-level operations)
 * @param flagsToAdd for FLAGS: flags and keywords to add
 * @param flagsToRemove for FLAGS: flags and keywords to remove
 * @param target for MOVE: the target mailbox; for RENAME_MAILBOX: the new name
 * @param message for APPEND: the RFC 5322 message (not copied)
 * @param appendFlags for APPEND: the flags to give it
 * @param internalDate for APPEND: the internal date, or null
 * @param created when the user acted
 * @param attempts how many replays failed with a retryable error
 * @param notBefore no replay before this time (backoff), or null
 * @param state pending or waiting for the user
 * @param lastError the last failure's message, or null
 * @since 0.1
 */
public record JournalEntry(long id, MailboxRef mailbox, long uidValidity, JournalOperation operation, UidSet uids,
        Flags flagsToAdd, Flags flagsToRemove, MailboxName target, byte[] message, Flags appendFlags,
        Instant internalDate, Instant created, int attempts, Instant notBefore, State state, String lastError) {

    /**
     * Whether an entry still replays on its own.
     *
     * @since 0.1
     */
    public enum State {
        /** Replayed at the next sync. */
        PENDING,
        /**
         * Being sent, or sent without the acknowledgement being recorded (a crash or a dropped connection in
         * between): the next replay first checks whether the server already applied it (an APPEND is looked up
         * by Message-ID) so that it is applied exactly once.
         */
        IN_FLIGHT,
        /**
         * Cannot be replayed as recorded (e.g. its UIDs could not be remapped after a UIDVALIDITY reset); kept
         * until the user retries or discards it.
         */
        NEEDS_USER
    }

    /** Validates and normalizes. */
    public JournalEntry {
        Objects.requireNonNull(mailbox, "mailbox");
        Objects.requireNonNull(operation, "operation");
        uids = uids == null ? UidSet.empty() : uids;
        flagsToAdd = flagsToAdd == null ? Flags.EMPTY : flagsToAdd;
        flagsToRemove = flagsToRemove == null ? Flags.EMPTY : flagsToRemove;
        appendFlags = appendFlags == null ? Flags.EMPTY : appendFlags;
        created = created == null ? Instant.now() : created;
        state = state == null ? State.PENDING : state;
        switch (operation) {
            case FLAGS, DELETE, MOVE -> {
                if (uids.isEmpty() || uidValidity < 1) {
                    throw new IllegalArgumentException(operation + " needs UIDs and their UIDVALIDITY");
                }
            }
            case APPEND -> {
                if (message == null || message.length == 0) {
                    throw new IllegalArgumentException("APPEND needs a message");
                }
            }
            default -> {
                // mailbox-level operations carry no UIDs
            }
        }
        if ((operation == JournalOperation.MOVE || operation == JournalOperation.RENAME_MAILBOX) && target == null) {
            throw new IllegalArgumentException(operation + " needs a target");
        }
    }

    /** @return a new pending FLAGS entry */
    public static JournalEntry flags(MailboxRef mailbox, long uidValidity, UidSet uids, Flags add, Flags remove) {
        return new JournalEntry(0, mailbox, uidValidity, JournalOperation.FLAGS, uids, add, remove, null, null, null,
                null, null, 0, null, null, null);
    }

    /** @return a new pending DELETE entry */
    public static JournalEntry delete(MailboxRef mailbox, long uidValidity, UidSet uids) {
        return new JournalEntry(0, mailbox, uidValidity, JournalOperation.DELETE, uids, null, null, null, null, null,
                null, null, 0, null, null, null);
    }

    /** @return a new pending MOVE entry */
    public static JournalEntry move(MailboxRef mailbox, long uidValidity, UidSet uids, MailboxName target) {
        return new JournalEntry(0, mailbox, uidValidity, JournalOperation.MOVE, uids, null, null, target, null, null,
                null, null, 0, null, null, null);
    }

    /** @return a new pending APPEND entry */
    public static JournalEntry append(MailboxRef mailbox, byte[] message, Flags flags, Instant internalDate) {
        return new JournalEntry(0, mailbox, 0, JournalOperation.APPEND, null, null, null, null, message, flags,
                internalDate, null, 0, null, null, null);
    }

    /** @return a new pending mailbox-level entry (CREATE, DELETE, SUBSCRIBE, UNSUBSCRIBE; RENAME with target) */
    public static JournalEntry mailboxOperation(MailboxRef mailbox, JournalOperation op, MailboxName target) {
        return new JournalEntry(0, mailbox, 0, op, null, null, null, target, null, null, null, null, 0, null, null,
                null);
    }

    /** @return a copy with the store-assigned id */
    public JournalEntry withId(long newId) {
        return new JournalEntry(newId, mailbox, uidValidity, operation, uids, flagsToAdd, flagsToRemove, target,
                message, appendFlags, internalDate, created, attempts, notBefore, state, lastError);
    }

    /** @return a copy remapped to other UIDs in another epoch */
    public JournalEntry remapped(long newUidValidity, UidSet newUids) {
        return new JournalEntry(id, mailbox, newUidValidity, operation, newUids, flagsToAdd, flagsToRemove, target,
                message, appendFlags, internalDate, created, attempts, notBefore, state, lastError);
    }

    /** @return a copy recording a retryable failure and when to try again */
    public JournalEntry failedAttempt(String error, Instant retryAt) {
        return new JournalEntry(id, mailbox, uidValidity, operation, uids, flagsToAdd, flagsToRemove, target, message,
                appendFlags, internalDate, created, attempts + 1, retryAt, state, error);
    }

    /** @return a copy in another state, with the reason */
    public JournalEntry withState(State newState, String reason) {
        return new JournalEntry(id, mailbox, uidValidity, operation, uids, flagsToAdd, flagsToRemove, target, message,
                appendFlags, internalDate, created, attempts, notBefore, newState, reason);
    }

    @Override
    public String toString() {
        return "JournalEntry[" + id + " " + operation + " " + mailbox + " uids=" + uids
                + (operation == JournalOperation.FLAGS ? " +" + flagsToAdd + " -" + flagsToRemove : "")
                + (target != null ? " -> " + target : "") + " " + state + "]";
    }
}

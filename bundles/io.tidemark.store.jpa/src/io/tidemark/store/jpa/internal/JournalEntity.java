/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import io.tidemark.model.AccountId;
import io.tidemark.model.MailboxName;
import io.tidemark.model.MailboxRef;
import io.tidemark.store.api.JournalEntry;
import io.tidemark.store.api.JournalOperation;

/**
 * One local change awaiting the server (row of {@code tm_journal}). The mailbox is named, not referenced by
 * id: entries outlive a removed mailbox (a pending DELETE_MAILBOX, a MOVE out of it).
 */
@Entity
@Table(name = "tm_journal")
public class JournalEntity {

    /*
     * One sequence value per entry (allocationSize 1): with blocks of ids, two workers sharing a database would
     * interleave their blocks and break "greater than every id assigned before".
     */
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "tm_journal_seq")
    @SequenceGenerator(name = "tm_journal_seq", sequenceName = "tm_journal_seq", allocationSize = 1)
    @Column(name = "id")
    private long id;

    @Column(name = "account_id")
    private String accountId;

    @Column(name = "mailbox_name")
    private String mailboxName;

    @Column(name = "uid_validity")
    private long uidValidity;

    @Column(name = "operation")
    private String operation;

    @Column(name = "uids")
    private byte[] uids;

    @Column(name = "flags_add")
    private String flagsAdd;

    @Column(name = "flags_remove")
    private String flagsRemove;

    @Column(name = "target")
    private String target;

    @Column(name = "message")
    private byte[] message;

    @Column(name = "append_flags")
    private String appendFlags;

    @Column(name = "internal_date")
    private Long internalDate;

    @Column(name = "created")
    private long created;

    @Column(name = "attempts")
    private int attempts;

    @Column(name = "not_before")
    private Long notBefore;

    @Column(name = "state")
    private String state;

    @Column(name = "last_error")
    private String lastError;

    /** For JPA. */
    public JournalEntity() {
    }

    long id() {
        return id;
    }

    String accountId() {
        return accountId;
    }

    /** Sets every column but the id from the entry. */
    void set(JournalEntry e) {
        accountId = e.mailbox().account().value();
        mailboxName = e.mailbox().name().value();
        uidValidity = e.uidValidity();
        operation = e.operation().name();
        uids = Codec.uidSet(e.uids());
        flagsAdd = Codec.atoms(e.flagsToAdd());
        flagsRemove = Codec.atoms(e.flagsToRemove());
        target = e.target() == null ? null : e.target().value();
        message = e.message();
        appendFlags = Codec.atoms(e.appendFlags());
        internalDate = Codec.nanos(e.internalDate());
        created = Codec.nanos(e.created());
        attempts = e.attempts();
        notBefore = Codec.nanos(e.notBefore());
        state = e.state().name();
        lastError = Codec.text(e.lastError());
    }

    JournalEntry toModel() {
        return new JournalEntry(id, new MailboxRef(AccountId.of(accountId), MailboxName.of(mailboxName)),
                uidValidity, JournalOperation.valueOf(operation), Codec.uidSet(uids), Codec.fromAtoms(flagsAdd),
                Codec.fromAtoms(flagsRemove), target == null ? null : MailboxName.of(target), message,
                Codec.fromAtoms(appendFlags), Codec.instant(internalDate), Codec.instant(created), attempts,
                Codec.instant(notBefore), JournalEntry.State.valueOf(state), lastError);
    }
}

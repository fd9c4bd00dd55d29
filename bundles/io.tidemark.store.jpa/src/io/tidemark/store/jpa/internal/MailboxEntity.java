/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.jpa.internal;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

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
import io.tidemark.store.api.MailboxRecord;
import io.tidemark.store.api.MailboxSyncState;

/**
 * A mailbox and its sync state (row of {@code tm_mailbox}). The surrogate id keeps messages, content and the
 * sync state attached through a rename; the sync state columns are null until the first sync.
 */
@Entity
@Table(name = "tm_mailbox")
public class MailboxEntity {

    // SEQUENCE, not IDENTITY: IDENTITY fails on H2 2.x with EclipseLink 5.0.0 (BUILD-NOTES)
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "tm_mailbox_seq")
    @SequenceGenerator(name = "tm_mailbox_seq", sequenceName = "tm_mailbox_seq", allocationSize = 1)
    @Column(name = "id")
    private long id;

    @Column(name = "account_id")
    private String accountId;

    @Column(name = "name")
    private String name;

    @Column(name = "delimiter")
    private int delimiter;

    @Column(name = "attributes")
    private String attributes;

    @Column(name = "subscribed")
    private boolean subscribed;

    @Column(name = "synced")
    private boolean synced;

    @Column(name = "uid_validity")
    private Long uidValidity;

    @Column(name = "uid_next")
    private Long uidNext;

    @Column(name = "highest_modseq")
    private Long highestModSeq;

    @Column(name = "last_seen_uid")
    private Long lastSeenUid;

    @Column(name = "exists_count")
    private Long existsCount;

    @Column(name = "last_sync")
    private Long lastSync;

    @Column(name = "last_strategy")
    private String lastStrategy;

    @Column(name = "last_flag_scan")
    private Long lastFlagScan;

    /** For JPA. */
    public MailboxEntity() {
    }

    MailboxEntity(MailboxRef ref) {
        accountId = ref.account().value();
        name = ref.name().value();
    }

    long id() {
        return id;
    }

    MailboxRef ref() {
        return new MailboxRef(AccountId.of(accountId), MailboxName.of(name));
    }

    void rename(MailboxName to) {
        name = to.value();
    }

    void set(MailboxRecord r) {
        delimiter = r.delimiter();
        // LIST attributes are atoms: they hold no space
        attributes = r.attributes().isEmpty() ? null : String.join(" ", new TreeSet<>(r.attributes()));
        subscribed = r.subscribed();
        synced = r.synced();
    }

    MailboxRecord toRecord() {
        Set<String> attrs = attributes == null || attributes.isEmpty() ? Set.of()
                : Set.copyOf(Arrays.asList(attributes.split(" ")));
        return new MailboxRecord(ref(), (char) delimiter, attrs, subscribed, synced);
    }

    boolean hasSyncState() {
        return uidValidity != null;
    }

    Long uidValidity() {
        return uidValidity;
    }

    MailboxSyncState syncState() {
        if (uidValidity == null) {
            return null;
        }
        return new MailboxSyncState(uidValidity, uidNext, highestModSeq, lastSeenUid, existsCount,
                Codec.instant(lastSync), lastStrategy, Codec.instant(lastFlagScan));
    }

    void setSyncState(MailboxSyncState s) {
        uidValidity = s.uidValidity();
        uidNext = s.uidNext();
        highestModSeq = s.highestModSeq();
        lastSeenUid = s.lastSeenUid();
        existsCount = s.exists();
        lastSync = Codec.nanos(s.lastSync());
        lastStrategy = s.lastStrategy();
        lastFlagScan = Codec.nanos(s.lastFlagScan());
    }
}

/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.PrimaryKeyJoinColumn;
import jakarta.persistence.SecondaryTable;
import jakarta.persistence.Table;

import io.tidemark.store.api.MessageRecord;

/**
 * One message of a replica: a row of {@code tm_message} and its row of {@code tm_message_flags}. Single messages
 * are read through this entity; writes, and windows of messages, go through {@link MessageRows} as JDBC batches on
 * the same connection and transaction.
 */
@Entity
@Table(name = "tm_message")
@SecondaryTable(name = "tm_message_flags", pkJoinColumns = {
        @PrimaryKeyJoinColumn(name = "mailbox_id", referencedColumnName = "mailbox_id"),
        @PrimaryKeyJoinColumn(name = "uid", referencedColumnName = "uid") })
@IdClass(MessageKey.class)
public class MessageEntity {

    @Id
    @Column(name = "mailbox_id")
    private long mailboxId;

    @Id
    @Column(name = "uid")
    private long uid;

    @Column(name = "sys_flags", table = "tm_message_flags")
    private int sysFlags;

    @Column(name = "keywords", table = "tm_message_flags")
    private String keywords;

    @Column(name = "modseq", table = "tm_message_flags")
    private long modSeq;

    @Column(name = "size")
    private long size;

    @Column(name = "internal_date")
    private Long internalDate;

    @Column(name = "message_id")
    private String messageId;

    @Column(name = "email_id")
    private String emailId;

    @Column(name = "envelope")
    private byte[] envelope;

    @Column(name = "hidden")
    private boolean hidden;

    @Column(name = "sort_date")
    private long sortDate;

    @Column(name = "sort_sender")
    private String sortSender;

    @Column(name = "sort_subject")
    private String sortSubject;

    /** For JPA. */
    public MessageEntity() {
    }

    MessageEntity(long mailboxId, MessageRecord m) {
        this.mailboxId = mailboxId;
        set(m);
    }

    long mailboxId() {
        return mailboxId;
    }

    /** Sets every column from the record (the UID too). */
    void set(MessageRecord m) {
        uid = m.uid();
        sysFlags = Codec.systemBits(m.flags());
        keywords = Codec.text(Codec.keywords(m.flags()));
        modSeq = m.modSeq();
        size = m.size();
        internalDate = Codec.nanos(m.internalDate());
        messageId = Codec.text(m.messageId());
        emailId = Codec.text(m.emailId());
        envelope = Codec.envelope(m.envelope());
        hidden = m.hidden();
        sortDate = Codec.sortDate(m.internalDate(), m.envelope());
        sortSender = Codec.sortSender(m.envelope());
        sortSubject = Codec.sortSubject(m.envelope());
    }

    MessageRecord toRecord() {
        return new MessageRecord(uid, Codec.flags(sysFlags, keywords), modSeq, size, Codec.instant(internalDate),
                messageId, emailId, Codec.envelope(envelope), hidden);
    }
}

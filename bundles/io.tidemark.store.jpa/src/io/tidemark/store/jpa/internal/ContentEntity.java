/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.tidemark.store.api.MessageContent;

/**
 * What the replica holds of a message's content (row of {@code tm_content}); removed with its message by the
 * database's cascade, and renumbered with it by {@code ON UPDATE CASCADE}.
 */
@Entity
@Table(name = "tm_content")
@IdClass(MessageKey.class)
public class ContentEntity {

    @Id
    @Column(name = "mailbox_id")
    private long mailboxId;

    @Id
    @Column(name = "uid")
    private long uid;

    @Column(name = "body_structure")
    private String bodyStructure;

    // byte[] without @Lob: bound with setBytes, which both H2's BLOB and PostgreSQL's BYTEA accept
    @Column(name = "header")
    private byte[] header;

    @Column(name = "body")
    private byte[] body;

    /** For JPA. */
    public ContentEntity() {
    }

    ContentEntity(long mailboxId, long uid) {
        this.mailboxId = mailboxId;
        this.uid = uid;
    }

    void set(MessageContent c) {
        bodyStructure = Codec.text(c.bodyStructure());
        header = c.header();
        body = c.body();
    }

    MessageContent toModel() {
        return new MessageContent(bodyStructure, header, body);
    }
}

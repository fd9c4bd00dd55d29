/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.jpa.internal;

import java.io.Serializable;

/** The primary key of a message and of its content: mailbox id and UID. */
public class MessageKey implements Serializable {

    private static final long serialVersionUID = 1L;

    private long mailboxId;
    private long uid;

    /** For JPA. */
    public MessageKey() {
    }

    MessageKey(long mailboxId, long uid) {
        this.mailboxId = mailboxId;
        this.uid = uid;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageKey k && k.mailboxId == mailboxId && k.uid == uid;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(mailboxId) * 31 + Long.hashCode(uid);
    }
}

/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import io.tidemark.model.MailboxRef;
import io.tidemark.model.SystemFlag;
import io.tidemark.store.api.MessageRecord;

/**
 * One row of the Messages view: the message at a position of the list, or a stand-in while its page loads.
 *
 * @param mailbox the mailbox
 * @param index the row, from 0
 * @param message the message, or null while it loads
 * @param pending whether a local change to it waits for the server's acknowledgement
 */
record MessageRow(MailboxRef mailbox, int index, MessageRecord message, boolean pending) {

    /** @return a stand-in for a row whose page is loading */
    static MessageRow loading(MailboxRef mailbox, int index) {
        return new MessageRow(mailbox, index, null, false);
    }

    /** @return whether the row is a stand-in */
    boolean isLoading() {
        return message == null;
    }

    /** @return whether the message is unread */
    boolean unread() {
        return message != null && !message.flags().has(SystemFlag.SEEN);
    }

    /** @return whether the message is flagged */
    boolean flagged() {
        return message != null && message.flags().has(SystemFlag.FLAGGED);
    }
}

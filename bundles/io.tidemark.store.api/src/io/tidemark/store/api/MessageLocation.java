/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.api;

import io.tidemark.model.MailboxRef;

/**
 * Where a message lives in the replica: the answer to "which message has this EMAILID / Message-ID".
 *
 * @param mailbox the mailbox
 * @param message the message
 * @since 0.1
 */
public record MessageLocation(MailboxRef mailbox, MessageRecord message) {
}

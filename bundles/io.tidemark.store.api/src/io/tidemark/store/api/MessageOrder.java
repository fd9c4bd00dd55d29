/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.api;

/**
 * Sort orders for a page of messages. Ties break by UID, descending.
 *
 * @since 0.1
 */
public enum MessageOrder {
    /** Newest first by INTERNALDATE (falling back to the envelope date). */
    DATE_DESC,
    /** Oldest first. */
    DATE_ASC,
    /** By the first From address's display name, A-Z. */
    SENDER,
    /** By subject, A-Z. */
    SUBJECT,
    /** Highest UID first. */
    UID_DESC
}

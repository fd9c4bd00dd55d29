/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.api;

/**
 * What a LIST asks for.
 *
 * @param pattern the mailbox pattern ({@code *} for all, {@code %} for one level)
 * @param subscribedOnly only subscribed mailboxes (LIST (SUBSCRIBED) or LSUB)
 * @param withStatus also return MESSAGES, UIDNEXT, UIDVALIDITY, UNSEEN and HIGHESTMODSEQ per mailbox via
 *            LIST-STATUS when the server offers it; ignored otherwise
 * @since 0.1
 */
public record ListRequest(String pattern, boolean subscribedOnly, boolean withStatus) {

    /** Every mailbox, no status. */
    public static final ListRequest ALL = new ListRequest("*", false, false);

    /** Every mailbox with LIST-STATUS counters where offered. */
    public static final ListRequest ALL_WITH_STATUS = new ListRequest("*", false, true);
}

/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.api;

/**
 * How a mailbox is selected.
 *
 * @param readOnly EXAMINE instead of SELECT
 * @param condstore add {@code (CONDSTORE)} so that the server reports HIGHESTMODSEQ and MODSEQs
 * @param qresync if not null, add {@code (QRESYNC (...))}: the server reports VANISHED (EARLIER) and changed
 *            FLAGS since {@link QresyncParams#modSeq()} in the SELECT's response (needs QRESYNC enabled)
 * @since 0.1
 */
public record SelectOptions(boolean readOnly, boolean condstore, QresyncParams qresync) {

    /** A plain read-write SELECT. */
    public static final SelectOptions PLAIN = new SelectOptions(false, false, null);

    /** A read-write SELECT with CONDSTORE. */
    public static final SelectOptions CONDSTORE = new SelectOptions(false, true, null);

    /** @return a read-write SELECT with QRESYNC parameters */
    public static SelectOptions qresync(QresyncParams params) {
        return new SelectOptions(false, false, params);
    }

    /** @return these options as EXAMINE */
    public SelectOptions readOnlyCopy() {
        return new SelectOptions(true, condstore, qresync);
    }
}

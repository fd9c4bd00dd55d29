/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.api;

/**
 * EventAdmin topics and property names the engine posts (asynchronously, after commit).
 *
 * @since 0.1
 */
public final class SyncTopics {

    /** Store changes, one event per committed transaction: properties {@link #ACCOUNT}, {@link #DELTA}. */
    public static final String STORE_CHANGED = "io/tidemark/store/CHANGED";

    /** An account's {@link AccountActivity} changed: properties {@link #ACCOUNT}, {@link #ACTIVITY}. */
    public static final String STATE = "io/tidemark/sync/STATE";

    /** Progress of a running sync: {@link #ACCOUNT}, {@link #MAILBOX}, {@link #DONE}, {@link #TOTAL}. */
    public static final String PROGRESS = "io/tidemark/sync/PROGRESS";

    /** A mailbox finished syncing: {@link #ACCOUNT}, {@link #MAILBOX}, {@link #REPORT}. */
    public static final String MAILBOX_SYNCED = "io/tidemark/sync/MAILBOX";

    /** Property: the account id as a String. */
    public static final String ACCOUNT = "account";

    /** Property: the mailbox name as a String. */
    public static final String MAILBOX = "mailbox";

    /** Property: the {@code io.tidemark.store.api.StoreDelta}. */
    public static final String DELTA = "delta";

    /** Property: the {@link AccountActivity}. */
    public static final String ACTIVITY = "activity";

    /** Property: the {@link SyncReport}. */
    public static final String REPORT = "report";

    /** Property: work done so far (Long). */
    public static final String DONE = "done";

    /** Property: total work, or -1 if unknown (Long). */
    public static final String TOTAL = "total";

    private SyncTopics() {
    }
}

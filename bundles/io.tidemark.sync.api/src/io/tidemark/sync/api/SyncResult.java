/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.api;

import java.time.Duration;
import java.util.List;

import org.eclipse.core.runtime.IStatus;

import io.tidemark.model.AccountId;
import io.tidemark.model.TrafficCounters;

/**
 * The outcome of one {@link SyncService#sync} call.
 *
 * @param account the account
 * @param status a multi-status with one child per mailbox that did not end OK; OK if all did
 * @param reports one report per mailbox, in sync order (INBOX first)
 * @param traffic the total of all connections (including LIST and login)
 * @param duration wall time
 * @since 0.1
 */
public record SyncResult(AccountId account, IStatus status, List<SyncReport> reports, TrafficCounters traffic,
        Duration duration) {

    /** Copies. */
    public SyncResult {
        reports = List.copyOf(reports);
    }
}

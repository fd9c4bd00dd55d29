/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.core.internal;

import java.time.Duration;

/**
 * The engine's tunables, from ConfigAdmin (PID {@code io.tidemark.sync.core}) or the defaults.
 *
 * @param newWindow UIDs per window when downloading new messages (headers and structure)
 * @param flagWindow UIDs per window of a plain flag scan
 * @param bodyWindowBytes the most message bytes one full-body window may download
 * @param commitEvery flag updates applied per store transaction
 * @param quickFlagWindow in quick (push-triggered) syncs without CONDSTORE: how many of the newest UIDs have
 *            their flags rescanned
 * @param fullFlagScanInterval in quick syncs without CONDSTORE: how often every flag is rescanned anyway
 * @param idleReissue how often IDLE is ended and re-issued (RFC 2177: servers may drop it after 30 minutes)
 * @param maxBackoff the longest wait between reconnect attempts of a watch, and between replays of a change
 *            that failed with a retryable error
 * @param conflictRetries how often a conflicting flag change is re-merged and re-stored
 * @since 0.1
 */
record EngineSettings(int newWindow, int flagWindow, long bodyWindowBytes, int commitEvery, int quickFlagWindow,
        Duration fullFlagScanInterval, Duration idleReissue, Duration maxBackoff, int conflictRetries) {

    static final EngineSettings DEFAULTS = new EngineSettings(2000, 10000, 16L * 1024 * 1024, 2000, 500,
            Duration.ofMinutes(10), Duration.ofMinutes(25), Duration.ofMinutes(5), 3);

    EngineSettings {
        if (newWindow < 1 || flagWindow < 1 || bodyWindowBytes < 1 || commitEvery < 1 || quickFlagWindow < 1
                || conflictRetries < 0) {
            throw new IllegalArgumentException("Engine settings must be positive");
        }
    }
}

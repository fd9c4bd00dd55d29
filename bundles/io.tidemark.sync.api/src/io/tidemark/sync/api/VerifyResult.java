/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.api;

import java.time.Duration;

import io.tidemark.imap.api.Capabilities;
import io.tidemark.model.AccountId;

/**
 * What {@link SyncService#verify} found: the account can log in, and this is what its server offers.
 *
 * @param account the account
 * @param capabilities the capabilities after login (and what was enabled)
 * @param strategy the strategy sync would use on this server
 * @param duration how long connecting and logging in took
 * @since 0.1
 */
public record VerifyResult(AccountId account, Capabilities capabilities, Strategy strategy, Duration duration) {
}

/*
 * SPDX-License-Identifier: EPL-2.0
 */
/**
 * The sync engine's API: {@link io.tidemark.sync.api.SyncService} syncs and watches accounts,
 * {@link io.tidemark.sync.api.LocalChanges} records what the user does locally,
 * {@link io.tidemark.sync.api.SyncParticipant} and the {@link io.tidemark.sync.api.SyncTopics EventAdmin topics}
 * let other bundles follow along.
 *
 * @since 0.1
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package io.tidemark.sync.api;

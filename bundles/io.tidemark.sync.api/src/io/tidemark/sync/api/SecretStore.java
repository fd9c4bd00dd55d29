/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.api;

import org.eclipse.core.runtime.CoreException;
import org.osgi.annotation.versioning.ProviderType;

import io.tidemark.imap.api.CredentialsProvider;
import io.tidemark.model.AccountConfig;
import io.tidemark.model.AccountId;

/**
 * Where account secrets (passwords, OAuth tokens) are kept between runs: Equinox secure storage in the
 * default implementation. Never the store, a configuration file or a log. The command line and the views
 * share it, so an account added in one works in the other.
 * <p>
 * Thread-safe. Methods do local I/O (the secure storage file) and may block on a keyring.
 *
 * @since 0.1
 */
@ProviderType
public interface SecretStore {

    /** Saves (or replaces) the secret of an account. The array is not kept; the caller may clear it. */
    void save(AccountConfig account, char[] secret) throws CoreException;

    /** @return whether a secret is saved for the account */
    boolean has(AccountId account);

    /** Forgets the account's secret; does nothing if none is saved. */
    void delete(AccountId account) throws CoreException;

    /**
     * @return a provider handing out the saved secret; it fails with an authentication status naming the
     *         account when none is saved, or when the server rejected the saved one
     */
    CredentialsProvider provider();
}

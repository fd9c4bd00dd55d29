/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.api;

import org.eclipse.core.runtime.CoreException;
import org.osgi.annotation.versioning.ConsumerType;

import io.tidemark.model.AccountConfig;

/**
 * Supplies the secret for an account at the moment a transport authenticates: from Equinox secure
 * storage, an environment variable, a password command, or a prompt. Implemented by the application (the
 * command line, the UI, tests).
 * <p>
 * Called on the thread that opens the session; may block (a prompt). Must not log the secret.
 *
 * @since 0.1
 */
@ConsumerType
@FunctionalInterface
public interface CredentialsProvider {

    /**
     * @param account the account being opened
     * @param previousAttemptFailed true if the server rejected the credentials this provider gave last time
     *            for this session (the provider should not hand out the same stale secret twice, e.g. ask
     *            again or fail)
     * @return the credentials to authenticate with
     * @throws CoreException with an {@link ImapError#AUTHENTICATION} status if no secret can be had
     */
    Credentials credentials(AccountConfig account, boolean previousAttemptFailed) throws CoreException;
}

/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.api;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.osgi.annotation.versioning.ProviderType;

import io.tidemark.model.AccountConfig;

/**
 * Opens IMAP sessions: the transport SPI. The default implementation ({@code transport.kind=angus},
 * {@code service.ranking=0}) runs on Jakarta Mail / Eclipse Angus Mail; another bundle replaces it by
 * registering this service with a higher ranking, and an administrator pins one with the consumer's
 * {@code transport.target} property.
 * <p>
 * Thread-safe: any number of threads may open sessions at once.
 *
 * @since 0.1
 */
@ProviderType
public interface ImapTransport {

    /** The service property naming the implementation, e.g. {@code angus}. */
    String KIND = "transport.kind";

    /**
     * Connects, secures the connection as the account says (TLS with certificate and host-name
     * verification unless a fingerprint is pinned; plain only with {@code allowInsecure}), authenticates
     * with the provider's credentials, re-reads CAPABILITY, and ENABLEs CONDSTORE and QRESYNC when offered
     * and asked for.
     * <p>
     * Blocks for at most the connect timeout plus the read timeout per round trip.
     *
     * @param account the account
     * @param credentials supplies the secret; called at most twice (a second time after a rejected one)
     * @param options listener, trace and extension choices
     * @param monitor progress and cancellation
     * @return an open, authenticated session; the caller must close it
     * @throws CoreException with an {@link ImapStatus}: {@link ImapError#UNKNOWN_HOST},
     *             {@link ImapError#CONNECTION_REFUSED}, {@link ImapError#TIMEOUT}, {@link ImapError#TLS_TRUST},
     *             {@link ImapError#AUTHENTICATION}, {@link ImapError#CONFIGURATION}, ...
     */
    ImapSession open(AccountConfig account, CredentialsProvider credentials, SessionOptions options,
            IProgressMonitor monitor) throws CoreException;
}

/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.internal;

import java.security.KeyStore;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import io.tidemark.imap.api.CredentialsProvider;
import io.tidemark.imap.api.ImapSession;
import io.tidemark.imap.api.ImapTransport;
import io.tidemark.imap.api.SessionOptions;
import io.tidemark.model.AccountConfig;

/**
 * The default transport: IMAP on Eclipse Angus Mail's protocol engine ({@code transport.kind=angus},
 * ranking 0). Thread-safe: any number of threads may open sessions at once.
 * <p>
 * Owns one small scheduler thread shared by its sessions: it bounds writes (Java sockets have no write
 * timeout), lets cancellation of a monitor reach a blocked socket, and runs IDLE's clock.
 */
@Component(service = ImapTransport.class, property = { ImapTransport.KIND + "=angus", "service.ranking:Integer=0" })
public final class AngusImapTransport implements ImapTransport {

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ScheduledThreadPoolExecutor scheduler;
    private final SessionOpener opener;

    /** Creates the transport with the JDK's default trust store. */
    public AngusImapTransport() {
        this(null);
    }

    /**
     * Creates the transport with other trust anchors (tests of host-name verification).
     *
     * @param trustStore the trust anchors, or null for the JDK default
     */
    public AngusImapTransport(KeyStore trustStore) {
        scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "tidemark-imap-watch-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        opener = new SessionOpener(new TlsContexts(trustStore), scheduler);
    }

    @Override
    public ImapSession open(AccountConfig account, CredentialsProvider credentials, SessionOptions options,
            IProgressMonitor monitor) throws CoreException {
        return opener.open(account, credentials, options == null ? SessionOptions.DEFAULT : options, monitor);
    }

    /** Stops the scheduler; sessions still open lose their write and cancellation watch. */
    @Deactivate
    public void deactivate() {
        scheduler.shutdownNow();
    }

    @Override
    public String toString() {
        return "AngusImapTransport";
    }
}

/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Properties;

import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.protocol.FetchItem;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.eclipse.angus.mail.util.MailLogger;

/**
 * Angus's IMAP protocol engine, used directly (without Store and Folder): it connects through the session's
 * {@link MeteredSocketFactory}, reads the greeting, and does CAPABILITY, STARTTLS, LOGIN and AUTHENTICATE
 * PLAIN. Everything after that goes through {@link #readResponse()}, which returns one response at a time
 * so that results stream to the caller:
 * <ul>
 * <li>FETCH responses come back as {@link WireFetchResponse} (decoded by Angus, raw bytes kept when
 * {@link #captureRaw(boolean)} is on); one Angus cannot parse becomes a {@link MalformedResponseException}
 * carrying the line, after the whole response was read;</li>
 * <li>every other response comes back as a {@link WireResponse} for this bundle's parsers.</li>
 * </ul>
 * Commands are written by {@link CommandWriter} to {@link #wireOut()}, with tags of its own. Not
 * thread-safe except where noted; one session thread uses it (plus IDLE's DONE, under the session's write
 * lock).
 */
final class WireProtocol extends IMAPProtocol {

    /** Set after authentication: from then on quoted strings and literals are decoded as UTF-8. */
    private volatile boolean utf8Responses;
    /** Whether FETCH responses keep a copy of their raw bytes (for ENVELOPE and BODYSTRUCTURE). */
    private volatile boolean captureRaw;

    /**
     * Connects and reads the greeting (and the capabilities, by CAPABILITY if the greeting had none).
     *
     * @param host the server host
     * @param port the server port
     * @param props the Angus properties, holding the session's socket factories and timeouts
     * @param logger Angus's logger (its protocol trace is separate from the session trace)
     */
    WireProtocol(String host, int port, Properties props, MailLogger logger) throws IOException, ProtocolException {
        super("imap", host, port, props, false, logger);
    }

    /**
     * Reads responses from a stream (no connection): for tests of the parsing path.
     *
     * @param in the server's bytes
     */
    WireProtocol(java.io.InputStream in) throws IOException {
        super(in, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), new Properties(), false);
    }

    /**
     * Takes the capabilities from a {@code [CAPABILITY ...]} response code of a response this bundle read
     * (the OK of its own LOGIN or AUTHENTICATE).
     */
    void takeCapabilities(Response r) {
        setCapabilities(r);
    }

    /**
     * Why: before authentication Angus must keep writing 8-bit user names and passwords as literals, which
     * it does only while this is false; afterwards nothing of Angus writes, and responses decode as UTF-8.
     */
    @Override
    public boolean supportsUtf8() {
        return utf8Responses;
    }

    void utf8Responses(boolean on) {
        utf8Responses = on;
    }

    void captureRaw(boolean on) {
        captureRaw = on;
    }

    @Override
    public FetchItem[] getFetchItems() {
        // Static: Angus reads the greeting from the super constructor, before instance fields are set.
        return ExtensionFetchItems.ALL;
    }

    @Override
    public Response readResponse() throws IOException, ProtocolException {
        IMAPResponse base = new IMAPResponse(this);
        WireResponse r = new WireResponse(base);
        if (!r.keyEquals("FETCH")) {
            return r;
        }
        byte[] raw = captureRaw ? r.rawCopy() : null;
        try {
            return new WireFetchResponse(r, ExtensionFetchItems.ALL, this, raw);
        } catch (ProtocolException | RuntimeException e) {
            // Angus read the whole response before parsing it, so the stream is still in step.
            throw new MalformedResponseException(raw != null ? WireResponse.shown(raw, raw.length) : r.shown(),
                    String.valueOf(e.getMessage()));
        }
    }

    /** @return the stream commands are written to (buffered; flush after each command) */
    OutputStream wireOut() {
        return getOutputStream();
    }

    /** Keeps Angus's own java.util.logging trace (if someone enables it) away from credentials. */
    void quiet(boolean on) {
        if (on) {
            suspendTracing();
        } else {
            resumeTracing();
        }
    }

    /** Closes the connection without LOGOUT. */
    void drop() {
        disconnect();
    }
}

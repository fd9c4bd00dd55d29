/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.internal;

import java.io.IOException;

import org.eclipse.angus.mail.iap.Protocol;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.imap.protocol.FetchItem;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;

/**
 * A FETCH response decoded by Angus (UID, FLAGS, MODSEQ, RFC822.SIZE, INTERNALDATE, BODY[...] sections and
 * the OBJECTID items registered in {@link ExtensionFetchItems}), plus, when the command asked for ENVELOPE or
 * BODYSTRUCTURE, a copy of its raw bytes taken before Angus parsed them (Angus unescapes quoted strings in
 * place). Those two items are read from the raw bytes by {@link EnvelopeParser} and kept as text.
 */
final class WireFetchResponse extends FetchResponse {

    private final byte[] raw;

    /**
     * @param r the response as Angus read it
     * @param items the extension items to decode
     * @param p the protocol (for Angus's settings)
     * @param raw a copy of the raw bytes, or null
     */
    WireFetchResponse(IMAPResponse r, FetchItem[] items, Protocol p, byte[] raw)
            throws IOException, ProtocolException {
        super(r, items, p);
        this.raw = raw;
    }

    /** @return the response, shortened and printable, for an error message */
    String shown() {
        return WireResponse.shown(buffer, size);
    }

    /** @return the raw bytes of the response (without CRLF), or null if they were not kept */
    byte[] raw() {
        return raw;
    }
}

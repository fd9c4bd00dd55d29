/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.angus.mail.iap.ByteArray;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FLAGS;
import org.eclipse.angus.mail.imap.protocol.INTERNALDATE;
import org.eclipse.angus.mail.imap.protocol.Item;
import org.eclipse.angus.mail.imap.protocol.MODSEQ;
import org.eclipse.angus.mail.imap.protocol.RFC822SIZE;
import org.eclipse.angus.mail.imap.protocol.UID;

import io.tidemark.imap.api.FetchedMessage;
import io.tidemark.model.Envelope;
import io.tidemark.model.Flags;

/**
 * Turns a FETCH response into a {@link FetchedMessage}: the items Angus decoded (UID, FLAGS, MODSEQ,
 * RFC822.SIZE, INTERNALDATE, BODY[...] sections, EMAILID/THREADID) are taken from it; ENVELOPE and the raw
 * BODYSTRUCTURE text are read from the raw bytes when they were kept.
 */
final class FetchDecoder {

    private FetchDecoder() {
    }

    static FetchedMessage decode(WireFetchResponse fr) {
        long uid = -1;
        Flags flags = null;
        long modSeq = -1;
        long size = -1;
        Instant internalDate = null;
        byte[] headerFields = null;
        byte[] header = null;
        byte[] body = null;
        for (int i = 0; i < fr.getItemCount(); i++) {
            Item item = fr.getItem(i);
            if (item instanceof UID u) {
                uid = u.uid;
            } else if (item instanceof FLAGS f) {
                flags = flags(f);
            } else if (item instanceof MODSEQ m) {
                modSeq = m.modseq;
            } else if (item instanceof RFC822SIZE s) {
                size = s.size;
            } else if (item instanceof INTERNALDATE d) {
                internalDate = d.getDate() == null ? null : d.getDate().toInstant();
            } else if (item instanceof BODY b) {
                byte[] data = bytes(b.getByteArray());
                String section = b.getSection() == null ? "" : b.getSection().trim().toUpperCase(Locale.ROOT);
                if (section.isEmpty()) {
                    body = data;
                } else if (section.equals("HEADER")) {
                    header = data;
                } else if (section.startsWith("HEADER.FIELDS")) {
                    headerFields = data;
                }
            }
        }
        String emailId = null;
        String threadId = null;
        Map<String, Object> ext = fr.getExtensionItems();
        if (ext != null) {
            emailId = (String) ext.get(ExtensionFetchItems.EMAILID);
            threadId = (String) ext.get(ExtensionFetchItems.THREADID);
        }
        Envelope envelope = null;
        String bodyStructure = null;
        byte[] raw = fr.raw();
        if (raw != null) {
            RawItems items = RawItems.scan(raw);
            envelope = items.envelope();
            bodyStructure = items.bodyStructure();
        }
        return new FetchedMessage(fr.getNumber(), uid, flags, modSeq, size, internalDate, envelope, bodyStructure,
                emailId, threadId, headerFields, header, body);
    }

    /** @return the UID item of a FETCH response, or -1 */
    static long uidOf(WireFetchResponse fr) {
        UID u = fr.getItem(UID.class);
        return u == null ? -1 : u.uid;
    }

    private static byte[] bytes(ByteArray ba) {
        return ba == null ? null : ba.getNewBytes();
    }

    /** Angus's FLAGS (a {@code jakarta.mail.Flags}) as the model's flags; {@code \Recent} is dropped. */
    static Flags flags(jakarta.mail.Flags f) {
        List<String> atoms = new ArrayList<>();
        for (jakarta.mail.Flags.Flag sf : f.getSystemFlags()) {
            if (sf == jakarta.mail.Flags.Flag.SEEN) {
                atoms.add("\\Seen");
            } else if (sf == jakarta.mail.Flags.Flag.ANSWERED) {
                atoms.add("\\Answered");
            } else if (sf == jakarta.mail.Flags.Flag.FLAGGED) {
                atoms.add("\\Flagged");
            } else if (sf == jakarta.mail.Flags.Flag.DELETED) {
                atoms.add("\\Deleted");
            } else if (sf == jakarta.mail.Flags.Flag.DRAFT) {
                atoms.add("\\Draft");
            }
        }
        for (String k : f.getUserFlags()) {
            atoms.add(k);
        }
        return Flags.of(atoms);
    }

    /** ENVELOPE and BODYSTRUCTURE located in the raw bytes of a FETCH response. */
    record RawItems(Envelope envelope, String bodyStructure) {

        static RawItems scan(byte[] raw) {
            Lexer lx = new Lexer(raw, 0, raw.length);
            lx.expect('*');
            lx.number();
            if (!lx.acceptWord("FETCH")) {
                throw lx.error("not a FETCH response");
            }
            lx.expect('(');
            Envelope envelope = null;
            String bodyStructure = null;
            while (!lx.accept(')')) {
                if (lx.atEnd()) {
                    throw lx.error("unterminated FETCH");
                }
                String name = lx.fetchItemName().toUpperCase(Locale.ROOT);
                if (name.equals("ENVELOPE")) {
                    envelope = EnvelopeParser.parse(lx);
                } else if (name.equals("BODYSTRUCTURE")) {
                    bodyStructure = lx.rawValue();
                } else {
                    lx.skipValue();
                }
            }
            return new RawItems(envelope, bodyStructure);
        }
    }
}

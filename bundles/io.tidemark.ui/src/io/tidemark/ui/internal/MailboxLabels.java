/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.jface.preference.JFacePreferences;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.resource.LocalResourceManager;
import org.eclipse.jface.viewers.DecorationOverlayIcon;
import org.eclipse.jface.viewers.IDecoration;
import org.eclipse.jface.viewers.StyledCellLabelProvider;
import org.eclipse.jface.viewers.StyledString;
import org.eclipse.jface.viewers.StyledString.Styler;
import org.eclipse.jface.viewers.ViewerCell;

import io.tidemark.model.AccountConfig;
import io.tidemark.model.CodedStatus;
import io.tidemark.sync.api.AccountActivity;
import io.tidemark.sync.api.AccountActivity.Phase;

/**
 * Labels of the Mailboxes view: names with counts and the sync state as text decorations, special-use icons
 * with a sync-state overlay, and tool tips with the details (reason of a failure, last strategy).
 */
final class MailboxLabels extends StyledCellLabelProvider {

    private static final Styler ERROR = StyledString.createColorRegistryStyler(JFacePreferences.ERROR_COLOR, null);

    /** What an account's sync state looks like. */
    enum State {
        /** Nothing synced yet this session, nothing wrong. */
        IDLE(null),
        /** The last sync succeeded. */
        SYNCED(Icons.OVR_OK),
        /** A sync runs now. */
        SYNCING(Icons.OVR_SYNCING),
        /** Connected and waiting for pushes. */
        WATCHING(Icons.OVR_OK),
        /** The server is out of reach. */
        OFFLINE(Icons.OVR_OFFLINE),
        /** The server refused the credentials, or none could be had. */
        AUTHENTICATION_NEEDED(Icons.OVR_AUTH),
        /** The last sync failed. */
        ERROR(Icons.OVR_ERROR);

        final ImageDescriptor overlay;

        State(ImageDescriptor overlay) {
            this.overlay = overlay;
        }
    }

    private final LocalResourceManager resources;

    MailboxLabels(LocalResourceManager resources) {
        this.resources = resources;
    }

    @Override
    public void update(ViewerCell cell) {
        Object e = cell.getElement();
        StyledString s = text(e);
        cell.setText(s.getString());
        cell.setStyleRanges(s.getStyleRanges());
        cell.setImage(resources.create(image(e)));
        boolean bold = e instanceof FolderNode f && f.counts() != null && f.counts().unseen() > 0;
        cell.setFont(bold ? JFaceResources.getFontRegistry().getBold(JFaceResources.DEFAULT_FONT) : null);
        super.update(cell);
    }

    /** @return the account's state as the view shows it */
    static State state(AccountNode a) {
        AccountActivity act = a.activity();
        Phase phase = act == null ? Phase.IDLE : act.phase();
        return switch (phase) {
            case SYNCING -> State.SYNCING;
            case WATCHING -> State.WATCHING;
            case OFFLINE -> State.OFFLINE;
            case AUTHENTICATION_NEEDED -> State.AUTHENTICATION_NEEDED;
            case ERROR -> State.ERROR;
            case IDLE -> {
                if (a.failure() != null && a.failure().status().matches(IStatus.ERROR)) {
                    yield State.ERROR;
                }
                yield act != null && act.since().getEpochSecond() > 0 ? State.SYNCED : State.IDLE;
            }
        };
    }

    /** @return the reason the account is not synced, without the account's name (the node shows it), or null */
    static String reason(AccountNode a) {
        AccountActivity act = a.activity();
        String r = null;
        if (act != null && act.reason() != null) {
            r = act.reason();
        } else if (a.failure() != null && a.failure().status().matches(IStatus.ERROR)) {
            r = Format.problem(a.failure().status());
        }
        String prefix = CodedStatus.where(a.id(), null);
        return r != null && r.startsWith(prefix) ? r.substring(prefix.length()) : r;
    }

    /** @return whether the server lists the folder only as a parent of others (no messages of its own) */
    static boolean container(FolderNode f) {
        return f.record() != null && f.record().attributes().stream()
                .anyMatch(x -> x.equalsIgnoreCase("\\Noselect") || x.equalsIgnoreCase("\\NonExistent"));
    }

    /** @return the label of a node, with its decorations */
    static StyledString text(Object e) {
        if (e instanceof AccountNode a) {
            AccountConfig c = a.config();
            StyledString s = new StyledString(c.id().value());
            State st = state(a);
            String why = reason(a);
            switch (st) {
                case SYNCING -> s.append("  syncing"
                        + (a.activity().mailbox() != null ? " " + a.activity().mailbox().value() : "") + "...",
                        StyledString.DECORATIONS_STYLER);
                case WATCHING -> s.append("  up to date, watching for new mail", StyledString.DECORATIONS_STYLER);
                case SYNCED -> s.append("  synced " + Format.time(a.activity().since()), StyledString.DECORATIONS_STYLER);
                case OFFLINE -> s.append("  offline" + (why == null ? "" : ": " + why), ERROR);
                case AUTHENTICATION_NEEDED -> s.append("  authentication needed" + (why == null ? "" : ": " + why),
                        ERROR);
                case ERROR -> s.append("  error" + (why == null ? "" : ": " + why), ERROR);
                case IDLE -> {
                    // not synced this session and nothing wrong: no decoration
                }
            }
            if (a.pending() > 0) {
                s.append("  " + a.pending() + (a.pending() == 1 ? " change" : " changes") + " to send",
                        StyledString.COUNTER_STYLER);
            }
            return s;
        }
        if (e instanceof FolderNode f) {
            StyledString s = new StyledString(f.label());
            if (f.record() == null || container(f)) {
                return s;
            }
            if (f.counts() != null) {
                s.append("  " + Format.count(f.counts().messages()), StyledString.COUNTER_STYLER);
                if (f.counts().unseen() > 0) {
                    s.append(" (" + Format.count(f.counts().unseen()) + " unread)", StyledString.COUNTER_STYLER);
                }
            } else if (!f.record().synced()) {
                s.append("  not synced", StyledString.QUALIFIER_STYLER);
            }
            if (!f.subscribed() && !f.ref().name().isInbox()) {
                s.append("  unsubscribed", StyledString.QUALIFIER_STYLER);
            }
            if (f.syncing()) {
                s.append("  syncing...", StyledString.DECORATIONS_STYLER);
            }
            if (f.pending() > 0) {
                s.append("  " + f.pending() + (f.pending() == 1 ? " change" : " changes") + " to send",
                        StyledString.DECORATIONS_STYLER);
            }
            if (f.lastReport() != null && !f.lastReport().ok()) {
                s.append("  error: " + Format.problem(f.lastReport().status()), ERROR);
            }
            return s;
        }
        return new StyledString(String.valueOf(e));
    }

    /** @return the icon of a node, with its state overlay */
    static ImageDescriptor image(Object e) {
        if (e instanceof AccountNode a) {
            ImageDescriptor overlay = state(a).overlay;
            return overlay == null ? Icons.ACCOUNT : overlay(Icons.ACCOUNT, overlay);
        }
        if (e instanceof FolderNode f) {
            var base = Icons.folder(f.record() == null ? java.util.Optional.empty() : f.record().specialUse(),
                    f.ref().name().isInbox(), f.record() == null || f.record().synced() || container(f));
            if (f.syncing()) {
                return overlay(base, Icons.OVR_SYNCING);
            }
            if (f.lastReport() != null && !f.lastReport().ok()) {
                return overlay(base, Icons.OVR_ERROR);
            }
            if (f.pending() > 0) {
                return overlay(base, Icons.OVR_PENDING);
            }
            return base;
        }
        return Icons.FOLDER;
    }

    private static ImageDescriptor overlay(ImageDescriptor base, ImageDescriptor overlay) {
        return new DecorationOverlayIcon(base, overlay, IDecoration.BOTTOM_RIGHT);
    }

    @Override
    public String getToolTipText(Object e) {
        if (e instanceof AccountNode a) {
            AccountConfig c = a.config();
            StringBuilder b = new StringBuilder(c.user() + " on " + c.host() + ":" + c.port() + " (" + c.security()
                    + ")\nFolders: " + c.folders().mode().name().toLowerCase() + ", content: " + c.bodyPolicy());
            String why = reason(a);
            b.append("\nState: ").append(state(a).name().toLowerCase().replace('_', ' '));
            if (why != null) {
                b.append("\n").append(why);
            }
            return b.toString();
        }
        if (e instanceof FolderNode f) {
            StringBuilder b = new StringBuilder(f.ref().name().value());
            if (f.counts() != null) {
                b.append("\n").append(Format.count(f.counts().messages())).append(" messages, ")
                        .append(Format.count(f.counts().unseen())).append(" unread");
            }
            if (f.state() != null && f.state().lastSync() != null) {
                b.append("\nLast synced ").append(Format.time(f.state().lastSync()));
                if (f.state().lastStrategy() != null) {
                    b.append(" (").append(f.state().lastStrategy()).append(")");
                }
            }
            if (f.pending() > 0) {
                b.append("\n").append(f.pending()).append(" local changes not yet on the server");
            }
            if (f.lastReport() != null && !f.lastReport().ok()) {
                b.append("\n").append(Format.problem(f.lastReport().status()));
            }
            if (f.record() != null && !f.record().attributes().isEmpty()) {
                b.append("\n").append(String.join(" ", f.record().attributes()));
            }
            return b.toString();
        }
        return null;
    }
}

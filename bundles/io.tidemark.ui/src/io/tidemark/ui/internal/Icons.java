/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import java.util.Optional;

import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.jface.resource.ResourceLocator;

import io.tidemark.model.SpecialUse;

/**
 * The bundle's icons ({@code icons/*.png}, with {@code @2x} variants that JFace picks on high-DPI screens).
 * Descriptors only: each view creates its images through its own {@code LocalResourceManager}.
 */
final class Icons {

    static final ImageDescriptor ACCOUNT = get("account");
    static final ImageDescriptor FOLDER = get("folder");
    static final ImageDescriptor FOLDER_UNSYNCED = get("folder_unsynced");
    static final ImageDescriptor INBOX = get("inbox");
    static final ImageDescriptor SENT = get("sent");
    static final ImageDescriptor DRAFTS = get("drafts");
    static final ImageDescriptor TRASH = get("trash");
    static final ImageDescriptor JUNK = get("junk");
    static final ImageDescriptor ARCHIVE = get("archive");
    static final ImageDescriptor ALL = get("all");
    static final ImageDescriptor FLAGGED_FOLDER = get("flagged_folder");
    static final ImageDescriptor UNREAD = get("unread");
    static final ImageDescriptor FLAG = get("flag");
    static final ImageDescriptor PENDING = get("pending");
    static final ImageDescriptor ANSWERED = get("answered");
    static final ImageDescriptor SYNC = get("sync");
    static final ImageDescriptor CLEAR = get("clear");
    static final ImageDescriptor OVR_SYNCING = get("ovr_syncing");
    static final ImageDescriptor OVR_ERROR = get("ovr_error");
    static final ImageDescriptor OVR_OFFLINE = get("ovr_offline");
    static final ImageDescriptor OVR_AUTH = get("ovr_auth");
    static final ImageDescriptor OVR_OK = get("ovr_ok");
    static final ImageDescriptor OVR_PENDING = get("ovr_pending");

    private Icons() {
    }

    private static ImageDescriptor get(String name) {
        Optional<ImageDescriptor> d = ResourceLocator.imageDescriptorFromBundle(Icons.class, "icons/" + name + ".png");
        return d.orElseGet(ImageDescriptor::getMissingImageDescriptor);
    }

    /** @return the icon of a folder of this special use, or the plain folder */
    static ImageDescriptor folder(Optional<SpecialUse> use, boolean inbox, boolean synced) {
        if (inbox) {
            return INBOX;
        }
        if (use.isEmpty()) {
            return synced ? FOLDER : FOLDER_UNSYNCED;
        }
        return switch (use.get()) {
            case SENT -> SENT;
            case DRAFTS -> DRAFTS;
            case TRASH -> TRASH;
            case JUNK -> JUNK;
            case ARCHIVE -> ARCHIVE;
            case ALL -> ALL;
            case FLAGGED -> FLAGGED_FOLDER;
        };
    }
}

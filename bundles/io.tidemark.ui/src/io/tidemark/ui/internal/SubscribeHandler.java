/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.handlers.HandlerUtil;

/**
 * Subscribe and Unsubscribe on the selected folders of the Mailboxes view: recorded locally at once, sent to
 * the server at the next sync.
 */
public final class SubscribeHandler extends ClientHandler {

    /** Command ids. */
    static final String SUBSCRIBE = "io.tidemark.ui.subscribe";
    static final String UNSUBSCRIBE = "io.tidemark.ui.unsubscribe";

    /** For the handlers extension point. */
    public SubscribeHandler() {
    }

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        boolean subscribe = SUBSCRIBE.equals(event.getCommand().getId());
        if (!(HandlerUtil.getCurrentSelection(event) instanceof IStructuredSelection s)) {
            return null;
        }
        MailClient c = requireClient();
        for (Object o : s) {
            if (o instanceof FolderNode f && f.record() != null && f.subscribed() != subscribe) {
                c.change((subscribe ? "Subscribing to " : "Unsubscribing from ") + f.ref().name().value(),
                        f.ref().account(), (changes, monitor) -> changes.subscribe(f.ref(), subscribe));
            }
        }
        return null;
    }
}

/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.ui.handlers.HandlerUtil;

/**
 * A command handler that works through the {@link MailClient}, found with its own service tracker (opened on
 * first use, closed when the workbench disposes the handler).
 */
abstract class ClientHandler extends AbstractHandler {

    private ClientTracker tracker;

    /** @return the client, or null if the engine, store or local changes service is not available */
    protected final synchronized MailClient client() {
        if (tracker == null) {
            tracker = new ClientTracker(null, null);
        }
        return tracker.get();
    }

    /** @return the client @throws ExecutionException saying the engine is missing */
    protected final MailClient requireClient() throws ExecutionException {
        MailClient c = client();
        if (c == null) {
            throw new ExecutionException("The Tidemark sync engine, store or local changes service is not available");
        }
        return c;
    }

    /**
     * @return the Messages view's selection when that view is the active part and something is selected, else
     *         null (the command then does nothing)
     */
    protected static MessagesView.Target messagesSelection(ExecutionEvent event) {
        return HandlerUtil.getActivePart(event) instanceof MessagesView view ? view.target() : null;
    }

    @Override
    public synchronized void dispose() {
        if (tracker != null) {
            tracker.close();
            tracker = null;
        }
        super.dispose();
    }
}

/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.Status;
import org.eclipse.jface.wizard.Wizard;
import org.eclipse.ui.INewWizard;
import org.eclipse.ui.IWorkbench;
import org.eclipse.jface.viewers.IStructuredSelection;

import io.tidemark.model.AccountConfig;
import io.tidemark.sync.api.SecretStore;

/**
 * Adds an IMAP account: the password goes to the {@link SecretStore}, the configuration to the store, then
 * a first sync starts in the background. Finishing runs in a forked context, so the UI stays live while the
 * secure storage and the store are written.
 */
public final class AddAccountWizard extends Wizard implements INewWizard {

    private final ClientTracker tracker = new ClientTracker(null, null);
    private AccountPage page;
    private AccountConfig added;

    /** For the wizards extension point and the Add Account command. */
    public AddAccountWizard() {
        setWindowTitle("Add Account");
        setNeedsProgressMonitor(true);
    }

    @Override
    public void init(IWorkbench workbench, IStructuredSelection selection) {
        // nothing to take from the selection
    }

    @Override
    public void addPages() {
        page = new AccountPage(tracker);
        addPage(page);
    }

    @Override
    public boolean performFinish() {
        AccountConfig config;
        try {
            config = page.config();
        } catch (IllegalArgumentException e) {
            page.setErrorMessage(e.getMessage());
            return false;
        }
        MailClient c = tracker.get();
        if (c == null) {
            page.setErrorMessage("The Tidemark sync engine is not available");
            return false;
        }
        SecretStore secrets = c.secrets().orElse(null);
        if (secrets == null) {
            page.setErrorMessage("No secret store is installed (bundle io.tidemark.secrets), so the password "
                    + "cannot be kept");
            return false;
        }
        char[] secret = page.password();
        try {
            getContainer().run(true, false, monitor -> {
                try {
                    if (c.store().account(config.id()).isPresent()) {
                        throw new CoreException(Status.error("An account named " + config.id() + " exists already"));
                    }
                    // the secret first: the account's first sync (and watch) may start as soon as it is stored
                    secrets.save(config, secret);
                    c.store().write(tx -> {
                        tx.putAccount(config);
                        return null;
                    });
                } catch (CoreException e) {
                    throw new InvocationTargetException(e);
                } finally {
                    Arrays.fill(secret, '\0');
                }
            });
        } catch (InvocationTargetException e) {
            Throwable t = e.getCause();
            page.setErrorMessage(t instanceof CoreException ce ? Format.problem(ce.getStatus()) : String.valueOf(t));
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        added = config;
        c.syncAccount(config.id(), List.of(), SyncJob.Kind.FULL);
        return true;
    }

    /** @return the page, for tests */
    AccountPage page() {
        return page;
    }

    /** @return the account added by Finish, or null */
    AccountConfig added() {
        return added;
    }

    @Override
    public void dispose() {
        tracker.close();
        super.dispose();
    }
}

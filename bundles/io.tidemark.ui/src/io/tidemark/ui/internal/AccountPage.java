/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.resource.LocalResourceManager;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.progress.IProgressConstants;

import io.tidemark.imap.api.Credentials;
import io.tidemark.imap.api.CredentialsProvider;
import io.tidemark.imap.api.ImapError;
import io.tidemark.imap.api.ImapStatus;
import io.tidemark.model.AccountConfig;
import io.tidemark.model.AccountId;
import io.tidemark.model.CodedStatus;
import io.tidemark.model.FolderSelection;
import io.tidemark.model.Security;
import io.tidemark.sync.api.VerifyResult;

/**
 * The Add Account wizard's page: server, security, user, password, and Test Connection, which logs in with
 * {@link io.tidemark.sync.api.SyncService#verify} in a job and shows the outcome below the button (never in
 * a dialog), naming a wrong password as such.
 */
final class AccountPage extends WizardPage {

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1", "[::1]");
    private static final Security[] SECURITY = { Security.TLS, Security.STARTTLS, Security.NONE };

    private final ClientTracker tracker;
    private LocalResourceManager resources;
    private Text name;
    private Text host;
    private Combo security;
    private Text port;
    private Text user;
    private Text password;
    private Text fingerprint;
    private Combo folders;
    private Button test;
    private Label testIcon;
    private Label testResult;
    private boolean nameEdited;
    private boolean portEdited;
    private boolean updating;
    private volatile Job testJob;
    private VerifyResult lastTest;

    AccountPage(ClientTracker tracker) {
        super("account");
        this.tracker = tracker;
        setTitle("IMAP Account");
        setDescription("Where your mail is. The password is kept in the secure storage, never in the store.");
    }

    @Override
    public void createControl(Composite parent) {
        resources = new LocalResourceManager(JFaceResources.getResources(), parent);
        Composite c = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(c);
        host = text(c, "&Server:", SWT.BORDER, "imap.example.com");
        security = new Combo(withLabel(c, "S&ecurity:"), SWT.READ_ONLY);
        security.setItems("TLS (IMAPS)", "STARTTLS", "None: plain text (a server on this machine only)");
        security.select(0);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(security);
        port = text(c, "&Port:", SWT.BORDER, null);
        port.setText(Integer.toString(Security.TLS.defaultPort()));
        user = text(c, "&User:", SWT.BORDER, "alice@example.com");
        password = text(c, "Pass&word:", SWT.BORDER | SWT.PASSWORD, null);
        name = text(c, "Account &name:", SWT.BORDER, "work");
        folders = new Combo(withLabel(c, "&Folders:"), SWT.READ_ONLY);
        folders.setItems("INBOX and subscribed folders", "All folders");
        folders.select(0);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(folders);
        fingerprint = text(c, "&Certificate SHA-256:", SWT.BORDER, "only for a self-signed certificate (optional)");

        test = new Button(c, SWT.PUSH);
        test.setText("&Test Connection");
        GridDataFactory.swtDefaults().span(2, 1).applyTo(test);
        test.addListener(SWT.Selection, e -> {
            if (testJob != null) {
                testJob.cancel();
            } else {
                testConnection();
            }
        });
        Composite result = new Composite(c, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(result);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, true).applyTo(result);
        testIcon = new Label(result, SWT.NONE);
        GridDataFactory.swtDefaults().align(SWT.BEGINNING, SWT.BEGINNING).hint(16, 16).applyTo(testIcon);
        testResult = new Label(result, SWT.WRAP);
        // room for the verdict and the server's words: the page never grows or jumps when a test ends
        GC gc = new GC(testResult);
        int lines = 4 * gc.getFontMetrics().getHeight();
        gc.dispose();
        GridDataFactory.fillDefaults().grab(true, false).hint(420, lines).applyTo(testResult);

        host.addListener(SWT.Modify, e -> changed());
        user.addListener(SWT.Modify, e -> changed());
        password.addListener(SWT.Modify, e -> changed());
        fingerprint.addListener(SWT.Modify, e -> changed());
        folders.addListener(SWT.Selection, e -> changed());
        name.addListener(SWT.Modify, e -> {
            if (!updating) {
                nameEdited = true;
            }
            changed();
        });
        port.addListener(SWT.Modify, e -> {
            if (!updating) {
                portEdited = true;
            }
            changed();
        });
        security.addListener(SWT.Selection, e -> {
            if (!portEdited) {
                set(port, Integer.toString(selectedSecurity().defaultPort()));
            }
            changed();
        });
        Dialog.applyDialogFont(c);
        setControl(c);
        setPageComplete(false);
    }

    private Composite withLabel(Composite c, String label) {
        new Label(c, SWT.NONE).setText(label);
        return c;
    }

    private Text text(Composite c, String label, int style, String hint) {
        Text t = new Text(withLabel(c, label), style);
        if (hint != null) {
            t.setMessage(hint);
        }
        GridDataFactory.fillDefaults().grab(true, false).hint(320, SWT.DEFAULT).applyTo(t);
        return t;
    }

    private void set(Text t, String value) {
        updating = true;
        try {
            t.setText(value);
        } finally {
            updating = false;
        }
    }

    private Security selectedSecurity() {
        return SECURITY[Math.max(0, security.getSelectionIndex())];
    }

    private void changed() {
        if (updating) {
            return; // a field this method fills: the outer call finishes the job
        }
        if (!nameEdited && !user.getText().isBlank() && !host.getText().isBlank()) {
            String derived = (user.getText().trim() + "@" + host.getText().trim())
                    .replaceAll("[^A-Za-z0-9._@+\\-]", "_");
            if (!derived.equals(name.getText())) {
                set(name, derived);
            }
        }
        lastTest = null;
        String problem = problem();
        setErrorMessage(problem);
        setPageComplete(problem == null && !password.getText().isEmpty());
    }

    /** @return what is wrong with the fields, or null */
    private String problem() {
        if (host.getText().isBlank()) {
            return "Enter the server's host name";
        }
        if (user.getText().isBlank()) {
            return "Enter the user name";
        }
        try {
            config();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        return null;
    }

    /**
     * @return the account the fields describe
     * @throws IllegalArgumentException naming the field that is wrong
     */
    AccountConfig config() {
        int p;
        try {
            p = Integer.parseInt(port.getText().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The port must be a number from 1 to 65535");
        }
        String h = host.getText().trim();
        Security sec = selectedSecurity();
        boolean loopback = LOOPBACK.contains(h.toLowerCase(Locale.ROOT));
        if (sec == Security.NONE && !loopback) {
            throw new IllegalArgumentException(
                    "Plain text sends the password unprotected: only allowed for a server on this machine (127.0.0.1)");
        }
        String id = name.getText().trim();
        if (id.isEmpty()) {
            throw new IllegalArgumentException("Enter a name for the account");
        }
        String fp = fingerprint.getText().trim();
        return AccountConfig.builder(AccountId.of(id)).host(h).port(p).security(sec).user(user.getText().trim())
                .allowInsecure(sec == Security.NONE && loopback).pinnedCertificateSha256(fp.isEmpty() ? null : fp)
                .folders(folders.getSelectionIndex() == 1 ? FolderSelection.ALL : FolderSelection.SUBSCRIBED)
                .connectTimeout(Duration.ofSeconds(20)).build();
    }

    /** @return a copy of the typed password; the caller clears it */
    char[] password() {
        return password.getTextChars();
    }

    /** Runs Test Connection: a login in a job; the outcome shows below the button. UI thread. */
    void testConnection() {
        AccountConfig cfg;
        try {
            cfg = config();
        } catch (IllegalArgumentException e) {
            showResult(false, e.getMessage());
            return;
        }
        MailClient c = tracker.get();
        if (c == null) {
            showResult(false, "The Tidemark sync engine is not available, so the connection cannot be tested.");
            return;
        }
        char[] secret = password.getTextChars();
        CredentialsProvider credentials = (account, previousFailed) -> {
            if (previousFailed) {
                throw ImapStatus.exception(ImapError.AUTHENTICATION, account.id(), null,
                        "the server rejected the password typed in the wizard", null);
            }
            return Credentials.password(account.user(), secret);
        };
        showResult(true, "Connecting to " + cfg.host() + ":" + cfg.port() + "...");
        testIcon.setImage(resources.create(Icons.OVR_SYNCING));
        test.setText("S&top Test");
        var display = getShell().getDisplay();
        Job job = new Job("Testing the connection to " + cfg.host()) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                try {
                    VerifyResult r = c.sync().verify(cfg, credentials, monitor);
                    c.rememberVerify(r);
                    display.asyncExec(() -> tested(r, null));
                } catch (CoreException e) {
                    IStatus s = monitor.isCanceled() ? Status.CANCEL_STATUS : e.getStatus();
                    display.asyncExec(() -> tested(null, s));
                } finally {
                    Arrays.fill(secret, '\0');
                }
                return Status.OK_STATUS;
            }
        };
        job.setProperty(IProgressConstants.NO_IMMEDIATE_ERROR_PROMPT_PROPERTY, Boolean.TRUE);
        testJob = job;
        job.schedule();
    }

    private void tested(VerifyResult r, IStatus failure) {
        testJob = null;
        if (test.isDisposed()) {
            return;
        }
        test.setText("&Test Connection");
        if (r != null) {
            lastTest = r;
            showResult(true, "Connected and logged in (" + Format.duration(r.duration()) + "). The server allows "
                    + r.strategy() + " sync.\nCapabilities: " + r.capabilities());
        } else {
            showResult(false, explain(failure));
        }
        getShell().layout(true, true);
    }

    /** @return what a failed test means, in words, followed by the server's or transport's message */
    static String explain(IStatus s) {
        if (s.getSeverity() == IStatus.CANCEL) {
            return "Test stopped.";
        }
        ImapError e = CodedStatus.find(s).filter(ImapStatus.class::isInstance).map(x -> ((ImapStatus) x).error())
                .orElse(null);
        String why = e == null ? "The test failed." : switch (e) {
            case AUTHENTICATION -> "Wrong user name or password: the server rejected the login.";
            case UNKNOWN_HOST -> "Unknown server: the host name does not resolve.";
            case CONNECTION_REFUSED -> "Nothing answers on that server and port.";
            case TIMEOUT -> "The server did not answer in time.";
            case TLS_TRUST -> "The server's certificate is not trusted. If it is yours and self-signed, enter its "
                    + "SHA-256 fingerprint.";
            case TLS_HANDSHAKE -> "The TLS handshake failed: check the security setting and the port.";
            case CONFIGURATION -> "The settings cannot work.";
            case CANCELED -> "Test stopped.";
            default -> "The server did not accept the connection.";
        };
        return why + "\n" + Format.problem(s);
    }

    private void showResult(boolean ok, String text) {
        testIcon.setImage(resources.create(ok ? Icons.OVR_OK : Icons.OVR_ERROR));
        testResult.setText(text);
        testResult.setForeground(ok ? null : testResult.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        testResult.getParent().layout(true);
    }

    // ------------------------------------------------------------------ for tests

    /** Fills the fields as a user would; UI thread. */
    void fill(String h, int p, Security sec, String u, String pw) {
        host.setText(h);
        security.select(Arrays.asList(SECURITY).indexOf(sec));
        security.notifyListeners(SWT.Selection, null);
        port.setText(Integer.toString(p));
        user.setText(u);
        password.setText(pw);
    }

    /** Types an account name, as a user would; UI thread. */
    void setName(String value) {
        name.setText(value);
    }

    /** @return the text below Test Connection */
    String testResult() {
        return testResult.getText();
    }

    /** @return whether a test runs */
    boolean testing() {
        return testJob != null;
    }

    /** @return the last successful test's result, if the fields did not change since */
    VerifyResult lastTest() {
        return lastTest;
    }

    /** @return the Test Connection button */
    Button testButton() {
        return test;
    }

    @Override
    public void dispose() {
        Job j = testJob;
        if (j != null) {
            j.cancel();
        }
        super.dispose();
    }
}

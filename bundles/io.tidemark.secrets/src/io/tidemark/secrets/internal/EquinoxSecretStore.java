/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.secrets.internal;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import javax.crypto.spec.PBEKeySpec;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.StorageException;
import org.eclipse.equinox.security.storage.provider.IProviderHints;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

import io.tidemark.imap.api.Credentials;
import io.tidemark.imap.api.CredentialsProvider;
import io.tidemark.imap.api.ImapError;
import io.tidemark.imap.api.ImapStatus;
import io.tidemark.model.AccountConfig;
import io.tidemark.model.AccountId;
import io.tidemark.sync.api.SecretStore;

/**
 * {@link SecretStore} on Equinox secure storage, in a storage file of its own in Tidemark's configuration
 * folder ({@value #STORAGE_FILE}), encrypted (AES-256, Equinox's default cipher) with a random master password
 * kept beside it in {@value #KEY_FILE}, readable by its owner only (mode 0600).
 * <p>
 * <b>Why a master-password file.</b> Equinox secure storage asks a password provider for its master password:
 * on Windows and macOS the operating system's, on a Linux desktop a keyring fragment, otherwise a dialog. A
 * headless Linux machine (a server running {@code tidemark watch}, CI) has neither keyring nor dialog, so the
 * storage is opened with {@link IProviderHints#DEFAULT_PASSWORD} read from the key file: the mechanism behind
 * Eclipse's {@code -eclipse.password FILE} option, scoped to this storage file so that the default secure
 * storage of an Eclipse IDE (and its providers) is left alone. The protection equals that of an SSH private
 * key without passphrase: the file system's permissions. Both files stay out of the replica store and of
 * configuration files; secrets never appear in messages, logs or {@link #toString()}.
 * <p>
 * Configuration (PID {@value #PID}): {@code folder}; empty means the system property {@code tidemark.config},
 * else {@code $XDG_CONFIG_HOME/tidemark}, else {@code ~/.config/tidemark}, so that the command line and the
 * views share the secrets of one user.
 * <p>
 * Thread-safe: every method is synchronized on the instance. Methods read or write the storage file.
 */
@Component(service = SecretStore.class, configurationPid = EquinoxSecretStore.PID,
        property = { "secrets.kind=equinox", "service.ranking:Integer=0" })
@Designate(ocd = SecretStoreConfig.class)
public final class EquinoxSecretStore implements SecretStore {

    /** The configuration PID. */
    public static final String PID = "io.tidemark.secrets";

    /** The plug-in id of statuses this bundle reports. */
    static final String PLUGIN_ID = "io.tidemark.secrets";

    /** The encrypted storage file, in the configuration folder. */
    static final String STORAGE_FILE = "secure-storage";

    /** The master password file, in the configuration folder. */
    static final String KEY_FILE = "secure-storage.key";

    private static final String ACCOUNTS_NODE = "/io.tidemark/accounts";
    private static final String SECRET_KEY = "secret";

    private Path folder;
    private ISecurePreferences root;

    /** For DS. */
    public EquinoxSecretStore() {
    }

    /** Outside DS (tests): secrets in {@code folder}. */
    EquinoxSecretStore(Path folder) {
        this.folder = folder.toAbsolutePath();
    }

    @Activate
    void activate(SecretStoreConfig config) {
        String f = config.folder() == null ? "" : config.folder().trim();
        folder = (f.isEmpty() ? defaultFolder(System.getProperty("tidemark.config"), System.getenv()) : Path.of(f))
                .toAbsolutePath();
    }

    /**
     * @return {@code property} if set, else {@code $XDG_CONFIG_HOME/tidemark}, else {@code ~/.config/tidemark}
     */
    static Path defaultFolder(String property, Map<String, String> env) {
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "tidemark");
        }
        return Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".config", "tidemark");
    }

    /** @return the folder holding the storage and key files */
    synchronized Path folder() {
        return folder;
    }

    @Override
    public synchronized void save(AccountConfig account, char[] secret) throws CoreException {
        if (secret == null || secret.length == 0) {
            throw error("cannot save an empty secret for account '" + account.id() + "'", null);
        }
        String value = new String(secret);
        try {
            ISecurePreferences node = storage(true).node(nodePath(account.id()));
            node.put(SECRET_KEY, value, true);
            node.put("user", account.user(), false);
            root.flush();
            KeyFile.restrict(folder.resolve(STORAGE_FILE));
        } catch (StorageException | IOException e) {
            throw error("cannot save the secret of account '" + account.id() + "' in " + storageFile() + ": "
                    + reason(e), null);
        } finally {
            value = null;
        }
    }

    @Override
    public synchronized boolean has(AccountId account) {
        try {
            ISecurePreferences s = storage(false);
            if (s == null || !s.nodeExists(nodePath(account))) {
                return false;
            }
            return Arrays.asList(s.node(nodePath(account)).keys()).contains(SECRET_KEY);
        } catch (IOException | CoreException e) {
            return false;
        }
    }

    @Override
    public synchronized void delete(AccountId account) throws CoreException {
        try {
            ISecurePreferences s = storage(false);
            if (s == null || !s.nodeExists(nodePath(account))) {
                return;
            }
            s.node(nodePath(account)).removeNode();
            s.flush();
        } catch (IOException e) {
            throw error("cannot forget the secret of account '" + account + "' in " + storageFile() + ": "
                    + reason(e), null);
        }
    }

    @Override
    public CredentialsProvider provider() {
        return (account, previousAttemptFailed) -> {
            if (previousAttemptFailed) {
                // the saved secret was just rejected: handing it out again would only fail again
                throw ImapStatus.exception(ImapError.AUTHENTICATION, account.id(), null,
                        "the server rejected the saved secret; save a new one with 'tidemark accounts add "
                                + account.id() + "'", null);
            }
            char[] secret = read(account.id());
            if (secret == null) {
                throw ImapStatus.exception(ImapError.AUTHENTICATION, account.id(), null,
                        "no secret is saved for this account in " + storageFile(), null);
            }
            try {
                return new Credentials(account.user(), secret, account.auth().usesToken());
            } finally {
                Arrays.fill(secret, '\0');
            }
        };
    }

    /** @return a copy of the saved secret, or null if none is saved */
    synchronized char[] read(AccountId account) throws CoreException {
        try {
            ISecurePreferences s = storage(false);
            if (s == null || !s.nodeExists(nodePath(account))) {
                return null;
            }
            String v = s.node(nodePath(account)).get(SECRET_KEY, null);
            return v == null ? null : v.toCharArray();
        } catch (StorageException | IOException e) {
            throw ImapStatus.exception(ImapError.AUTHENTICATION, account, null,
                    "cannot read the saved secret from " + storageFile() + ": " + reason(e), null);
        }
    }

    private static String nodePath(AccountId account) {
        return ACCOUNTS_NODE + "/" + account.value();
    }

    private Path storageFile() {
        return folder.resolve(STORAGE_FILE);
    }

    /**
     * @param create whether to create the key and storage files when missing
     * @return the storage's root, or null if it does not exist and {@code create} is false
     */
    private ISecurePreferences storage(boolean create) throws IOException, CoreException {
        if (root != null) {
            return root;
        }
        Path keyFile = folder.resolve(KEY_FILE);
        char[] key = create ? KeyFile.readOrCreate(keyFile) : KeyFile.readIfPresent(keyFile);
        if (key == null) {
            return null;
        }
        Map<String, Object> options = new HashMap<>();
        options.put(IProviderHints.DEFAULT_PASSWORD, new PBEKeySpec(key));
        options.put(IProviderHints.PROMPT_USER, Boolean.FALSE);
        Arrays.fill(key, '\0');
        URL url;
        try {
            url = storageFile().toUri().toURL();
        } catch (MalformedURLException e) {
            throw error("not a usable path for secure storage: " + storageFile(), e);
        }
        root = SecurePreferencesFactory.open(url, options);
        if (root == null) {
            throw error("Equinox secure storage could not open " + storageFile(), null);
        }
        return root;
    }

    private static String reason(Exception e) {
        // StorageException texts name the node and the failure, never the stored values
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static CoreException error(String message, Throwable cause) {
        return new CoreException(new Status(IStatus.ERROR, PLUGIN_ID, message, cause));
    }

    @Override
    public String toString() {
        return "Equinox secure storage in " + folder;
    }
}

/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.tidemark.model.AccountConfig;
import io.tidemark.model.AccountId;
import io.tidemark.model.BodyPolicy;
import io.tidemark.model.FolderSelection;
import io.tidemark.model.MailboxName;
import io.tidemark.model.Security;

/** The configuration file: what it accepts, and errors naming the file, the line and the key. */
class ConfigFileTest {

    @TempDir
    Path dir;

    private Path write(String text) throws Exception {
        Path f = dir.resolve("config");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void aDocumentedFileReadsIntoAccountsAndAStore() throws Exception {
        ConfigFile c = ConfigFile.read(write("""
                # comment
                [store]
                location = /srv/tidemark   ; a folder

                [account work]
                url = imaps://alice%40example.com@imap.example.com
                folders = INBOX, Archive, "Sent, old"
                bodies = max=2m
                password-command = pass show mail/work
                connect-timeout = 5s
                read-timeout = 2m

                [account "home"]
                host = mail.example.org
                port = 1143
                security = starttls
                user = bob
                auth = plain
                folders = all
                password-env = HOME_PW
                pinned-certificate = 03:A1:A8:91:08:95:C9:0A:95:A6:4F:79:74:14:77:D7:06:6E:B1:85:75:65:B4:5C:E9:B9:74:C6:BD:93:AE:0C
                max-connections = 3
                """));
        assertEquals("/srv/tidemark", c.storeLocation());
        assertEquals(List.of(AccountId.of("work"), AccountId.of("home")), List.copyOf(c.accounts().keySet()));
        ConfigFile.Account work = c.accounts().get(AccountId.of("work"));
        AccountConfig w = work.config();
        assertEquals("alice@example.com", w.user());
        assertEquals("imap.example.com", w.host());
        assertEquals(993, w.port());
        assertEquals(Security.TLS, w.security());
        assertEquals(FolderSelection.listed(List.of(MailboxName.of("INBOX"), MailboxName.of("Archive"),
                MailboxName.of("Sent, old"))), w.folders());
        assertEquals(BodyPolicy.upTo(2L * 1024 * 1024), w.bodyPolicy());
        assertEquals(Duration.ofSeconds(5), w.connectTimeout());
        assertEquals(Duration.ofMinutes(2), w.readTimeout());
        assertEquals("pass show mail/work", work.passwordCommand());
        assertEquals(5, work.line());
        AccountConfig h = c.accounts().get(AccountId.of("home")).config();
        assertEquals(Security.STARTTLS, h.security());
        assertEquals(1143, h.port());
        assertEquals(FolderSelection.ALL, h.folders());
        assertEquals(3, h.maxConnections());
        assertEquals("HOME_PW", c.accounts().get(AccountId.of("home")).passwordEnv());
    }

    @Test
    void aMissingFileIsAnEmptyConfiguration() {
        ConfigFile c = ConfigFile.read(dir.resolve("none"));
        assertFalse(c.exists());
        assertTrue(c.accounts().isEmpty());
        assertNull(c.storeLocation());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "port not a number      | [account a]\\nhost = h\\nuser = u\\nport = abc             | :4: port: not a number: 'abc'",
            "port out of range      | [account a]\\nhost = h\\nuser = u\\nport = 70000           | :4: port: not a port number",
            "unknown key            | [account a]\\nhost = h\\nuser = u\\nprot = 993             | :4: prot: unknown key in [account a]",
            "missing host           | \\n[account a]\\nuser = u                                  | :2: host: [account a] needs url, or host and user",
            "password refused       | [account a]\\nurl = imaps://u@h\\npassword = hunter2       | :3: password: secrets do not belong",
            "bad security           | [account a]\\nhost = h\\nuser = u\\nsecurity = ssl3        | :4: security: not one of tls, starttls, none",
            "bad bodies             | [account a]\\nurl = imaps://u@h\\nbodies = some            | :3: bodies: Not a body policy",
            "bad url                | [account a]\\nurl = http://u@h                            | :2: url: Not an account URL",
            "password in url        | [account a]\\nurl = imaps://u:pw@h                        | :2: url: Account URL must not contain a password",
            "url and host           | [account a]\\nurl = imaps://u@h\\nhost = x                 | :3: host: give either url or host",
            "duplicate account      | [account a]\\nurl = imaps://u@h\\n[account a]\\nurl = imaps://u@h | :3: account 'a' is defined twice",
            "duplicate key          | [account a]\\nurl = imaps://u@h\\nurl = imaps://v@h        | :3: url: given twice",
            "unknown section        | [acount a]                                                | :1: unknown section [acount]",
            "key outside section    | host = h                                                  | :1: host: a key outside any section",
            "not key value          | [account a]\\njust words                                  | :2: expected 'key = value'",
            "bad account name       | [account a b]                                             | :1: Not a valid account name",
            "plain without insecure | [account a]\\nhost = h\\nuser = u\\nsecurity = none        | :4: security: Account a: security NONE",
            "bad timeout            | [account a]\\nurl = imaps://u@h\\nread-timeout = soon     | :3: read-timeout: not a duration",
            "store without location | [store]\\n                                                 | :1: location: the [store] section needs",
            "bad pinned fingerprint | [account a]\\nurl = imaps://u@h\\npinned-certificate = ab | :3: pinned-certificate: Account a: pinned certificate" })
    void everyErrorNamesTheFileTheLineAndTheKey(String what, String text, String expected) throws Exception {
        Path f = write(text.strip().replace("\\n", "\n") + "\n");
        Failure e = assertThrows(Failure.class, () -> ConfigFile.read(f));
        assertEquals(ExitCode.CONFIG, e.exitCode());
        assertTrue(e.getMessage().startsWith(f.toString() + expected.strip()), () -> what + ": " + e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertFalse(e.getMessage().contains(":pw@"), e.getMessage());
    }

    @Test
    void addingAndRemovingAnAccountKeepsTheRestOfTheFile() throws Exception {
        Path f = write("# my accounts\n[store]\nlocation = /x\n\n[account a]\nurl = imaps://u@h # first\n");
        ConfigFile.appendAccount(f, AccountId.of("b"), List.of("url = imaps://v@h", "folders = all"));
        ConfigFile c = ConfigFile.read(f);
        assertEquals(List.of(AccountId.of("a"), AccountId.of("b")), List.copyOf(c.accounts().keySet()));
        assertEquals(FolderSelection.ALL, c.accounts().get(AccountId.of("b")).config().folders());
        assertTrue(ConfigFile.removeAccount(f, AccountId.of("a")));
        assertFalse(ConfigFile.removeAccount(f, AccountId.of("a")));
        String text = Files.readString(f);
        assertTrue(text.startsWith("# my accounts\n[store]\nlocation = /x\n"), text);
        assertFalse(text.contains("imaps://u@h"), text);
        assertEquals(List.of(AccountId.of("b")), List.copyOf(ConfigFile.read(f).accounts().keySet()));
    }
}

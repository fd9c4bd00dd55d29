/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.jpa.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.tidemark.model.AccountConfig;
import io.tidemark.model.AccountId;
import io.tidemark.model.AuthMechanism;
import io.tidemark.model.BodyPolicy;
import io.tidemark.model.FolderSelection;
import io.tidemark.model.MailboxName;
import io.tidemark.model.Security;

/** An account's configuration (row of {@code tm_account}). Never holds a secret: the model has none. */
@Entity
@Table(name = "tm_account")
public class AccountEntity {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "host")
    private String host;

    @Column(name = "port")
    private int port;

    @Column(name = "security")
    private String security;

    @Column(name = "user_name")
    private String userName;

    @Column(name = "auth")
    private String auth;

    @Column(name = "allow_insecure")
    private boolean allowInsecure;

    @Column(name = "pinned_cert")
    private String pinnedCert;

    @Column(name = "connect_timeout_ms")
    private long connectTimeoutMs;

    @Column(name = "read_timeout_ms")
    private long readTimeoutMs;

    @Column(name = "folder_mode")
    private String folderMode;

    @Column(name = "folder_names")
    private String folderNames;

    @Column(name = "body_policy")
    private String bodyPolicy;

    @Column(name = "max_connections")
    private int maxConnections;

    /** For JPA. */
    public AccountEntity() {
    }

    AccountEntity(AccountId id) {
        this.id = id.value();
    }

    String id() {
        return id;
    }

    void set(AccountConfig a) {
        host = a.host();
        port = a.port();
        security = a.security().name();
        userName = a.user();
        auth = a.auth().name();
        allowInsecure = a.allowInsecure();
        pinnedCert = a.pinnedCertificateSha256();
        connectTimeoutMs = a.connectTimeout().toMillis();
        readTimeoutMs = a.readTimeout().toMillis();
        folderMode = a.folders().mode().name();
        // mailbox names hold no line feed (MailboxName refuses them)
        folderNames = a.folders().names().isEmpty() ? null
                : a.folders().names().stream().map(MailboxName::value).collect(Collectors.joining("\n"));
        bodyPolicy = a.bodyPolicy().toString();
        maxConnections = a.maxConnections();
    }

    AccountConfig toModel() {
        List<MailboxName> names = folderNames == null || folderNames.isEmpty() ? List.of()
                : Arrays.stream(folderNames.split("\n")).map(MailboxName::of).toList();
        return AccountConfig.builder(AccountId.of(id))
                .host(host)
                .port(port)
                .security(Security.valueOf(security))
                .user(userName)
                .auth(AuthMechanism.valueOf(auth))
                .allowInsecure(allowInsecure)
                .pinnedCertificateSha256(pinnedCert)
                .connectTimeout(Duration.ofMillis(connectTimeoutMs))
                .readTimeout(Duration.ofMillis(readTimeoutMs))
                .folders(new FolderSelection(FolderSelection.Mode.valueOf(folderMode), names))
                .bodyPolicy(BodyPolicy.parse(bodyPolicy))
                .maxConnections(maxConnections)
                .build();
    }
}

/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The right of one worker to sync an account (row of {@code tm_lease}). The expiry is in the database
 * server's clock, so that workers on hosts with skewed clocks agree.
 */
@Entity
@Table(name = "tm_lease")
public class LeaseEntity {

    @Id
    @Column(name = "account_id")
    private String accountId;

    @Column(name = "owner")
    private String owner;

    @Column(name = "expires")
    private long expires;

    /** For JPA. */
    public LeaseEntity() {
    }

    LeaseEntity(String accountId) {
        this.accountId = accountId;
    }

    String owner() {
        return owner;
    }

    long expires() {
        return expires;
    }

    void hold(String newOwner, long newExpires) {
        owner = newOwner;
        expires = newExpires;
    }
}

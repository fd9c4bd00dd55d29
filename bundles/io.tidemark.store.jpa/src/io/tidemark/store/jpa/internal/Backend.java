/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.jpa.internal;

/**
 * The databases the store runs on, with the few SQL spellings that differ between them. Everything else
 * (the entities, the queries, the JDBC batches) is the same code on both.
 */
enum Backend {

    /** Embedded H2 (file), the default. */
    H2("org.eclipse.persistence.platform.database.H2Platform", "VARBINARY", "BLOB", "VARCHAR", ""),

    /** A shared PostgreSQL server. */
    POSTGRESQL("org.eclipse.persistence.platform.database.PostgreSQLPlatform", "BYTEA", "BYTEA", "TEXT", " COLLATE \"C\"");

    private final String eclipseLinkPlatform;
    private final String binaryType;
    private final String blobType;
    private final String textType;
    private final String binaryCollation;

    Backend(String eclipseLinkPlatform, String binaryType, String blobType, String textType,
            String binaryCollation) {
        this.eclipseLinkPlatform = eclipseLinkPlatform;
        this.binaryType = binaryType;
        this.blobType = blobType;
        this.textType = textType;
        this.binaryCollation = binaryCollation;
    }

    /** @return the value of {@code eclipselink.target-database} */
    String eclipseLinkPlatform() {
        return eclipseLinkPlatform;
    }

    /**
     * @return a table hint naming the index a query must read (H2's {@code USE INDEX}); empty for PostgreSQL,
     *         whose planner weighs ORDER BY and LIMIT itself
     */
    String useIndex(String index) {
        return this == H2 ? " USE INDEX (" + index + ")" : "";
    }

    /**
     * Expands the type placeholders of a portable DDL statement: {@code ${bin}} (small binary, inline),
     * {@code ${blob}} (large binary), {@code ${text}} (unbounded text), {@code ${sortkey}} (a short text
     * compared byte-wise, so that H2 and PostgreSQL order sender and subject alike whatever the server's
     * locale).
     */
    String ddl(String portable) {
        return portable.replace("${bin}", binaryType)
                .replace("${blob}", blobType)
                .replace("${text}", textType)
                .replace("${sortkey}", "VARCHAR(" + Codec.SORT_KEY_LENGTH + ")" + binaryCollation);
    }
}

/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import org.eclipse.core.runtime.jobs.ISchedulingRule;

import io.tidemark.model.AccountId;

/**
 * The scheduling rule of an account's sync jobs: jobs of one account run one after another (the engine
 * would serialize them anyway, but waiting in the job queue keeps the Progress view honest and lets a queued
 * sync be canceled before it starts); jobs of different accounts run in parallel.
 *
 * @param account the account
 */
record AccountRule(AccountId account) implements ISchedulingRule {

    @Override
    public boolean contains(ISchedulingRule rule) {
        return equals(rule);
    }

    @Override
    public boolean isConflicting(ISchedulingRule rule) {
        return equals(rule);
    }
}

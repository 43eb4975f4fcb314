package com.flightbooking.workers.partner;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.smallrye.mutiny.Uni;

/** Rate budgets for unit tests of a role's partner calls: every call gets its permit at once. */
public final class RateBudgets {

    private RateBudgets() {
    }

    public static PartnerRateBudgets unlimited() {
        PartnerRateBudget budget = mock(PartnerRateBudget.class);
        when(budget.permit()).thenReturn(Uni.createFrom().voidItem());
        PartnerRateBudgets budgets = mock(PartnerRateBudgets.class);
        when(budgets.paymentProcessor()).thenReturn(budget);
        when(budgets.travelFulfiller()).thenReturn(budget);
        when(budgets.airline()).thenReturn(budget);
        return budgets;
    }
}

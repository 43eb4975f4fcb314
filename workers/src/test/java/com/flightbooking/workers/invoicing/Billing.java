package com.flightbooking.workers.invoicing;

import static com.flightbooking.workers.Operators.asOps;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Singleton;

import com.flightbooking.events.testing.MovableClock;
import com.flightbooking.events.testing.Sql;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Invoicing as its tests use it: billing periods no test has touched yet, ledger entries in them, the clock moved
 * past their end, and the ops endpoints. Tests share one database (and the schedule runs in the background), so
 * each works in periods of its own and with accounts of its own.
 */
@Singleton
public class Billing {

    private final BillingCalendar calendar;
    private final MovableClock clock;
    private final Pool pool;

    Billing(BillingCalendar calendar, MovableClock clock, Pool pool) {
        this.calendar = calendar;
        this.clock = clock;
        this.pool = pool;
    }

    /**
     * A period after every period issued so far and after the current one, with one untouched period between: no
     * run has issued it or anything after it, and none will until the clock passes its end.
     */
    public BillingPeriod freshPeriod() {
        Row row = pool.query("SELECT max(period_end) FROM invoice_period").execute().await().indefinitely()
                .iterator().next();
        LocalDate issuedUntil = row.getLocalDate(0);
        LocalDate currentEnd = calendar.containing(clock.instant()).end();
        LocalDate after = issuedUntil == null || currentEnd.isAfter(issuedUntil) ? currentEnd : issuedUntil;
        return calendar.next(calendar.startingOn(after).orElseThrow());
    }

    public BillingPeriod next(BillingPeriod period) {
        return calendar.next(period);
    }

    public static String uniqueAccount() {
        return "CORP-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    /** Records a money movement directly in the ledger, as the ledger role would; its id. */
    public long ledgerEntry(String account, String kind, String amount, String currency, Instant occurredAt) {
        Row row = pool.preparedQuery("""
                INSERT INTO ledger_entry (event_id, booking_id, kind, corporate_account_id, amount, currency,
                                          processor_reference, occurred_at, recorded_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now()) RETURNING id""")
                .execute(Tuple.from(List.of(UUID.randomUUID(), UUID.randomUUID(), kind, account,
                        new BigDecimal(amount), currency, "ref-" + UUID.randomUUID(),
                        OffsetDateTime.ofInstant(occurredAt, ZoneOffset.UTC))))
                .await().indefinitely().iterator().next();
        return row.getLong("id");
    }

    /** Moves the clock a minute past the period's end: the period is closed. Tests reset the clock afterwards. */
    public void close(BillingPeriod period) {
        clock.set(period.endsAt().plus(Duration.ofMinutes(1)));
    }

    public boolean completed(BillingPeriod period) {
        return Sql.count(pool, "SELECT count(*) FROM invoice_period WHERE period_start = $1", period.start()) == 1;
    }

    public long invoiceCount(String account) {
        return Sql.count(pool, "SELECT count(*) FROM invoice WHERE corporate_account_id = $1", account);
    }

    public Response runByHand(LocalDate periodStart) {
        return asOps().queryParam("periodStart", periodStart.toString()).when().post("/admin/invoices/run");
    }

    /** The account's invoices as the list endpoint shows them (with totals, without lines), latest period first. */
    public List<Map<String, Object>> invoicesOf(String account) {
        return asOps().queryParam("account", account).when().get("/admin/invoices").then().statusCode(200)
                .extract().jsonPath().getList("$");
    }

    /** The only invoice of the account; fails unless there is exactly one. */
    public JsonPath onlyInvoiceOf(String account) {
        List<Map<String, Object>> invoices = invoicesOf(account);
        if (invoices.size() != 1) {
            throw new AssertionError("expected one invoice of " + account + ", found " + invoices);
        }
        return invoice(UUID.fromString((String) invoices.get(0).get("id")));
    }

    /** The invoice with its lines and totals; amounts read exactly ({@link #amounts}). */
    public JsonPath invoice(UUID id) {
        return asOps().when().get("/admin/invoices/" + id).then().statusCode(200).extract().jsonPath()
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }

    /** The amounts at {@code path}, as "250.50". */
    public static List<String> amounts(JsonPath json, String path) {
        return json.getList(path, BigDecimal.class).stream().map(a -> a.setScale(2).toPlainString()).toList();
    }

    public void setBillingAddress(String account, String name, String email) {
        asOps().contentType(ContentType.JSON).body("{\"name\":\"" + name + "\",\"billingEmail\":\"" + email + "\"}")
                .when().put("/admin/accounts/" + account).then().statusCode(200);
    }
}

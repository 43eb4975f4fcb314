package com.flightbooking.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import com.flightbooking.events.EventCodec;
import com.flightbooking.events.EventEnvelope;
import com.flightbooking.events.QueueRole;
import com.flightbooking.events.testing.SampleEvents;
import com.flightbooking.kit.consumer.QueueConsumer;
import com.flightbooking.kit.messaging.MessageAttributes;

import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The workers' ops page in the browser ({@link Browser}): an operator signs in through the login form, sees a
 * booking's message in the ledger's dead-letter queue with its reason, redrives that booking and sees the DLQ depth
 * drop; a customer signing in gets nothing but a refusal.
 */
@ExtendWith(SharedSystem.class)
class OpsPageIT {

    private static final String NO_BROWSER = Browser.missing("The ops page");
    private static final Logger LOG = Logger.getLogger(OpsPageIT.class);
    private static final String REASON = "ledger database was down";
    /** The depth gauge is read every second here (30 s by default), so that the page sees it change soon. */
    private static final Duration DEPTH_SEEN = Duration.ofSeconds(30);

    private static RunningSystem system;
    private Browser browser;

    @RegisterExtension
    final AfterTestExecutionCallback screenshotOnFailure = Browser.screenshotOnFailure(() -> browser);

    @BeforeAll
    static void useTheSharedSystem(RunningSystem shared) {
        system = shared;
        if (!Browser.AVAILABLE) {
            LOG.warn(NO_BROWSER);
        }
    }

    @BeforeEach
    void needsTheBrowser() {
        assumeTrue(Browser.AVAILABLE, NO_BROWSER);
        browser = Browser.openDesktop();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void anOperatorSeesABookingsDeadLetterWithItsReasonRedrivesItAndSeesTheDepthDrop() {
        EventEnvelope event = SampleEvents.paymentChargedEvent(UUID.randomUUID(),
                SampleEvents.details("ops-page@example.com", "BA117", "ACME-OPS", "42.00", "EUR"));
        deadLetterInTheLedger(event);
        WebDriver page = browser.driver();
        browser.signIn(system.workersUrl() + "/ops/", "ops");

        By ledgerDepth = By.cssSelector("#roles tr[data-role='ledger'] .dlq-depth");
        browser.await().withTimeout(DEPTH_SEEN).until(ExpectedConditions.textToBe(ledgerDepth, "1"));
        assertThat(page.findElement(By.id("outbox-pending")).getText()).isNotEmpty();
        new Select(page.findElement(By.id("dlq-role"))).selectByValue(QueueRole.Names.LEDGER);
        page.findElement(By.id("dlq-booking")).sendKeys(event.subject());
        page.findElement(By.id("list-dlq")).click();
        By listed = By.cssSelector("#dlq-messages li[data-booking-id='" + event.subject() + "']");
        WebElement message = browser.await().until(ExpectedConditions.visibilityOfElementLocated(listed));
        assertThat(message.getText()).contains(REASON, event.type().ceType());
        assertThat(page.getPageSource()).doesNotContain("ops-page@example.com");
        browser.script("arguments[0].scrollIntoView()", message);
        browser.screenshot("ops-1-dead-letter");

        message.findElement(By.cssSelector("button.redrive-booking")).click();

        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("redrive-result"),
                "Moved 1 message(s) (bookings " + event.subject() + ")"));
        browser.await().until(ExpectedConditions.invisibilityOfElementLocated(listed));
        browser.await().withTimeout(DEPTH_SEEN).until(ExpectedConditions.textToBe(ledgerDepth, "0"));
        browser.script("window.scrollTo(0, 0)");
        browser.screenshot("ops-2-redriven");
    }

    @Test
    void aCustomerIsRefused() {
        browser.signIn(system.workersUrl() + "/ops/", "alice");

        WebElement problem = browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("problem")));
        assertThat(problem.getText()).contains("Not allowed", "role ops");
        assertThat(browser.driver().findElement(By.id("signed-in")).isDisplayed()).as("the operators' part").isFalse();
        assertThat(browser.driver().findElements(By.cssSelector("#roles tbody tr"))).isEmpty();
        browser.screenshot("ops-3-customer-refused");
        given().baseUri(system.workersUrl()).auth().oauth2(system.token("alice"))
                .when().get("/admin/overview").then().statusCode(403);
    }

    /** A ledger event parked as the ledger's consumer parks one it gave up on, its cause since fixed. */
    private static void deadLetterInTheLedger(EventEnvelope event) {
        try (SqsAsyncClient sqs = system.sqs()) {
            String url = sqs.getQueueUrl(r -> r.queueName(QueueRole.Names.LEDGER + system.nameSuffix() + "-dlq"))
                    .join().queueUrl();
            sqs.sendMessage(r -> r.queueUrl(url).messageBody(new EventCodec().encode(event)).messageAttributes(Map.of(
                    MessageAttributes.TYPE, string(event.type().ceType()),
                    MessageAttributes.SUBJECT, string(event.subject()),
                    QueueConsumer.DEAD_LETTER_REASON, string(REASON),
                    QueueConsumer.DEAD_LETTER_RECEIVE_COUNT,
                    MessageAttributeValue.builder().dataType("Number").stringValue("5").build()))).join();
        }
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}

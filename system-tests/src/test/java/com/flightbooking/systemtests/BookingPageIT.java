package com.flightbooking.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.LocalDate;
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
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The booking page in a real browser (headless Chromium from the Debian packages, driven through their chromedriver):
 * a customer signs in through the local OIDC server's login form, books, sees the booking confirmed without a reload,
 * and cancels it from the list. Screenshots: see {@link Browser}. Without the browser the test is skipped
 * ({@code .ci/install-browser} installs it).
 */
@ExtendWith(SharedSystem.class)
class BookingPageIT {

    private static final String NO_BROWSER = Browser.missing("The booking page");
    private static final Logger LOG = Logger.getLogger(BookingPageIT.class);
    private static final Duration SAGA = Duration.ofSeconds(30);
    /** An iPhone 14's viewport in CSS pixels: a desktop window cannot be made that narrow, so it is emulated. */
    private static final int PHONE_WIDTH = 390;
    private static final int PHONE_HEIGHT = 844;

    private static RunningSystem system;
    private Browser browser;
    private WebDriver page;
    private WebDriverWait wait;

    @RegisterExtension
    final AfterTestExecutionCallback screenshotOnFailure = Browser.screenshotOnFailure(() -> browser);

    @BeforeAll
    static void useTheSharedSystem(RunningSystem shared) {
        system = shared;
        if (!Browser.AVAILABLE) {
            LOG.warn(NO_BROWSER);
        }
    }

    /** Per test rather than per class, so that the report lists each test as skipped, with the reason. */
    @BeforeEach
    void needsTheBrowser() {
        assumeTrue(Browser.AVAILABLE, NO_BROWSER);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aCustomerBooksSeesItConfirmedLiveAndCancelsItOnAPhone() {
        String customer = "traveller-" + UUID.randomUUID().toString().substring(0, 8);
        openBrowser(true);
        signIn(customer);
        assertThat(script("return window.innerWidth")).isEqualTo((long) PHONE_WIDTH);

        page.findElement(By.id("find-offers")).click();
        WebElement offer = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#offer-list input[data-flight='LH400']")));
        offer.click();
        type("passenger-name", "Ada Lovelace");
        type("passenger-email", customer + "@example.com");
        screenshot("phone-1-offer-chosen");
        // Gone if the page reloads: CONFIRMED must arrive on this very page.
        script("window.stillTheSamePage = true");
        page.findElement(By.id("book-offer")).click();

        wait.withTimeout(SAGA).until(ExpectedConditions.textToBePresentInElementLocated(By.id("booking-status"),
                "CONFIRMED"));
        assertThat(script("return window.stillTheSamePage === true")).isEqualTo(true);
        assertThat(page.findElement(By.id("booking-status")).getText()).contains("record locator");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"), "email sent: confirmation"));
        assertThat(page.findElement(By.id("timeline")).getText()).contains("charged");
        screenshot("phone-2-confirmed");

        WebElement listed = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#booking-list li[data-booking-id]")));
        String id = listed.getAttribute("data-booking-id");
        By listedStatus = By.cssSelector("#booking-list li[data-booking-id='" + id + "'] [data-status]");
        wait.until(ExpectedConditions.attributeToBe(listedStatus, "data-status", "CONFIRMED"));
        assertThat(page.findElements(By.cssSelector("#booking-list li[data-booking-id]"))).hasSize(1);
        page.findElement(By.cssSelector("#booking-list li[data-booking-id='" + id + "'] button.cancel")).click();

        wait.until(ExpectedConditions.attributeToBe(listedStatus, "data-status", "CANCELLED"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("booking-status"), "CANCELLED"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("bookings-announcer"), "CANCELLED"));
        assertThat(page.findElements(By.cssSelector("#booking-list li[data-booking-id='" + id + "'] button.cancel")))
                .isEmpty();
        assertThat(script("return window.stillTheSamePage === true")).isEqualTo(true);
        assertThat(script("return document.documentElement.scrollWidth <= window.innerWidth"))
                .as("no sideways scrolling at phone width").isEqualTo(true);
        screenshot("phone-3-cancelled");

        assertThat(given().baseUri(system.apiUrl()).auth().oauth2(system.token(customer))
                .when().get("/bookings/" + id).then().statusCode(200).extract().path("status").toString())
                .isEqualTo("CANCELLED");
        assertThat(browser.stored()).doesNotContain("Ada Lovelace", customer + "@example.com");
    }

    @Test
    void aProblemFromTheApiIsShownToTheCustomer() {
        openBrowser(false);
        signIn("traveller-" + UUID.randomUUID().toString().substring(0, 8));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("bookings-empty")));

        script("document.getElementById('date').value = arguments[0]", LocalDate.now().minusDays(1).toString());
        page.findElement(By.id("find-offers")).click();

        WebElement problem = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("problem")));
        assertThat(problem.getAttribute("role")).isEqualTo("alert");
        assertThat(problem.getText()).containsIgnoringCase("date");
        assertThat(page.findElement(By.id("offers")).isDisplayed()).isFalse();
        screenshot("desktop-problem");
    }

    private void openBrowser(boolean phone) {
        browser = phone ? Browser.open(PHONE_WIDTH, PHONE_HEIGHT) : Browser.openDesktop();
        page = browser.driver();
        wait = browser.await();
    }

    private void signIn(String customer) {
        browser.signIn(system.apiUrl() + "/", customer);
    }

    private void type(String id, String text) {
        WebElement field = page.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private Object script(String script, Object... arguments) {
        return browser.script(script, arguments);
    }

    private void screenshot(String name) {
        browser.screenshot(name);
    }
}

package com.flightbooking.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The booking page in a real browser (headless Chromium from the Debian packages, driven through their chromedriver):
 * a customer signs in through the local OIDC server's login form, books, sees the booking confirmed without a reload,
 * and cancels it from the list. Screenshots land in {@value #SCREENSHOTS}. Without the browser the test is skipped
 * ({@code .ci/install-browser} installs it).
 */
class BookingPageIT {

    private static final Path CHROMIUM = Path.of(System.getProperty("flights.browser.binary", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(
            System.getProperty("flights.browser.driver", "/usr/bin/chromedriver"));
    private static final boolean BROWSER = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    private static final String NO_BROWSER = "The booking page's browser test needs " + CHROMIUM + " and "
            + CHROMEDRIVER + " (Debian packages chromium and chromium-driver; .ci/install-browser installs them):"
            + " skipped";
    private static final Logger LOG = Logger.getLogger(BookingPageIT.class);
    private static final String SCREENSHOTS = "target/failsafe-reports/screenshots";
    private static final Duration SAGA = Duration.ofSeconds(30);
    /** An iPhone 14's viewport in CSS pixels: a desktop window cannot be made that narrow, so it is emulated. */
    private static final int PHONE_WIDTH = 390;
    private static final int PHONE_HEIGHT = 844;

    private static RunningSystem system;
    private WebDriver browser;
    private WebDriverWait wait;

    /** A screenshot of the page as it was when a test failed, before the browser closes. */
    @RegisterExtension
    final AfterTestExecutionCallback screenshotOnFailure = this::screenshotOnFailure;

    @BeforeAll
    static void startSystem() {
        if (BROWSER) {
            system = RunningSystem.startAll();
        } else {
            LOG.warn(NO_BROWSER);
        }
    }

    /** Per test rather than per class, so that the report lists each test as skipped, with the reason. */
    @BeforeEach
    void needsTheBrowser() {
        assumeTrue(BROWSER, NO_BROWSER);
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aCustomerBooksSeesItConfirmedLiveAndCancelsItOnAPhone() {
        String customer = "traveller-" + UUID.randomUUID().toString().substring(0, 8);
        openBrowser(true);
        signIn(customer);
        assertThat(script("return window.innerWidth")).isEqualTo((long) PHONE_WIDTH);

        browser.findElement(By.id("find-offers")).click();
        WebElement offer = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#offer-list input[data-flight='LH400']")));
        offer.click();
        type("passenger-name", "Ada Lovelace");
        type("passenger-email", customer + "@example.com");
        screenshot("phone-1-offer-chosen");
        // Gone if the page reloads: CONFIRMED must arrive on this very page.
        script("window.stillTheSamePage = true");
        browser.findElement(By.id("book-offer")).click();

        wait.withTimeout(SAGA).until(ExpectedConditions.textToBePresentInElementLocated(By.id("booking-status"),
                "CONFIRMED"));
        assertThat(script("return window.stillTheSamePage === true")).isEqualTo(true);
        assertThat(browser.findElement(By.id("booking-status")).getText()).contains("record locator");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"), "email sent: confirmation"));
        assertThat(browser.findElement(By.id("timeline")).getText()).contains("charged");
        screenshot("phone-2-confirmed");

        WebElement listed = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#booking-list li[data-booking-id]")));
        String id = listed.getAttribute("data-booking-id");
        By listedStatus = By.cssSelector("#booking-list li[data-booking-id='" + id + "'] [data-status]");
        wait.until(ExpectedConditions.attributeToBe(listedStatus, "data-status", "CONFIRMED"));
        assertThat(browser.findElements(By.cssSelector("#booking-list li[data-booking-id]"))).hasSize(1);
        browser.findElement(By.cssSelector("#booking-list li[data-booking-id='" + id + "'] button.cancel")).click();

        wait.until(ExpectedConditions.attributeToBe(listedStatus, "data-status", "CANCELLED"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("booking-status"), "CANCELLED"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("bookings-announcer"), "CANCELLED"));
        assertThat(browser.findElements(By.cssSelector("#booking-list li[data-booking-id='" + id + "'] button.cancel")))
                .isEmpty();
        assertThat(script("return window.stillTheSamePage === true")).isEqualTo(true);
        assertThat(script("return document.documentElement.scrollWidth <= window.innerWidth"))
                .as("no sideways scrolling at phone width").isEqualTo(true);
        screenshot("phone-3-cancelled");

        assertThat(given().baseUri(system.apiUrl()).auth().oauth2(system.token(customer))
                .when().get("/bookings/" + id).then().statusCode(200).extract().path("status").toString())
                .isEqualTo("CANCELLED");
        assertThat(storedInTheBrowser()).doesNotContain("Ada Lovelace", customer + "@example.com");
    }

    @Test
    void aProblemFromTheApiIsShownToTheCustomer() {
        openBrowser(false);
        signIn("traveller-" + UUID.randomUUID().toString().substring(0, 8));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("bookings-empty")));

        script("document.getElementById('date').value = arguments[0]", LocalDate.now().minusDays(1).toString());
        browser.findElement(By.id("find-offers")).click();

        WebElement problem = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("problem")));
        assertThat(problem.getAttribute("role")).isEqualTo("alert");
        assertThat(problem.getText()).containsIgnoringCase("date");
        assertThat(browser.findElement(By.id("offers")).isDisplayed()).isFalse();
        screenshot("desktop-problem");
    }

    private void openBrowser(boolean phone) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // root in CI has no user namespace for Chromium's sandbox; /dev/shm is small in containers
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900");
        if (phone) {
            options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics",
                    Map.of("width", PHONE_WIDTH, "height", PHONE_HEIGHT, "pixelRatio", 1.0, "touch", true)));
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(10));
    }

    /** Through the page's button and the OIDC server's login form, as a person does. */
    private void signIn(String customer) {
        browser.get(system.apiUrl() + "/");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in"))).click();
        WebElement username = wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("username")));
        username.sendKeys(customer);
        username.submit();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), customer));
        assertThat(browser.getCurrentUrl()).as("the authorization code is taken out of the address")
                .isEqualTo(system.apiUrl() + "/");
    }

    private void type(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(script, arguments);
    }

    /** Everything the page left in the browser's storage: the token, but no personal data. */
    private String storedInTheBrowser() {
        return String.valueOf(script("return JSON.stringify(Object.assign({}, window.localStorage))"
                + " + JSON.stringify(Object.assign({}, window.sessionStorage))"));
    }

    private void screenshot(String name) {
        try {
            Path directory = Files.createDirectories(Path.of(SCREENSHOTS));
            Files.write(directory.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void screenshotOnFailure(ExtensionContext context) {
        if (browser != null && context.getExecutionException().isPresent()) {
            screenshot("failed-" + context.getRequiredTestMethod().getName());
        }
    }
}

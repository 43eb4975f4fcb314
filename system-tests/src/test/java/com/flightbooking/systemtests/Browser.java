package com.flightbooking.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web pages' browser: headless Chromium from the Debian packages, driven through their chromedriver. Screenshots
 * land in {@value #SCREENSHOTS}. Tests skip when the browser is missing ({@code .ci/install-browser} installs it).
 */
public final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of(System.getProperty("flights.browser.binary", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(
            System.getProperty("flights.browser.driver", "/usr/bin/chromedriver"));
    public static final boolean AVAILABLE = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    private static final String SCREENSHOTS = "target/failsafe-reports/screenshots";

    private final WebDriver driver;
    private final WebDriverWait wait;

    private Browser(WebDriver driver) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(10));
        // The pages re-render a list when a status arrives: an element found by one poll may be replaced before the
        // same poll reads it. The next poll finds the new one.
        wait.ignoring(StaleElementReferenceException.class);
    }

    /** Why {@code page}'s browser test is skipped without the browser. */
    public static String missing(String page) {
        return page + "'s browser test needs " + CHROMIUM + " and " + CHROMEDRIVER
                + " (Debian packages chromium and chromium-driver; .ci/install-browser installs them): skipped";
    }

    /** A desktop window, or a phone's viewport of {@code phoneWidth} × {@code phoneHeight} CSS pixels (emulated). */
    public static Browser open(int phoneWidth, int phoneHeight) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // root in CI has no user namespace for Chromium's sandbox; /dev/shm is small in containers
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900");
        if (phoneWidth > 0) {
            options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics",
                    Map.of("width", phoneWidth, "height", phoneHeight, "pixelRatio", 1.0, "touch", true)));
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options));
    }

    public static Browser openDesktop() {
        return open(0, 0);
    }

    public WebDriver driver() {
        return driver;
    }

    public WebDriverWait await() {
        return wait;
    }

    /**
     * Opens {@code pageUrl} and signs in through its button and the OIDC server's login form, as a person does; the
     * page then names the user in {@code #who} and has taken the authorization code out of its address.
     */
    public void signIn(String pageUrl, String user) {
        driver.get(pageUrl);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in"))).click();
        WebElement username = wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("username")));
        username.sendKeys(user);
        username.submit();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), user));
        assertThat(driver.getCurrentUrl()).as("the authorization code is taken out of the address").isEqualTo(pageUrl);
    }

    public Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** Everything the page left in the browser's storage. */
    public String stored() {
        return String.valueOf(script("return JSON.stringify(Object.assign({}, window.localStorage))"
                + " + JSON.stringify(Object.assign({}, window.sessionStorage))"));
    }

    public void screenshot(String name) {
        try {
            Path directory = Files.createDirectories(Path.of(SCREENSHOTS));
            Files.write(directory.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A screenshot of the page as it was when a test failed, before the browser closes: register per test class. */
    public static AfterTestExecutionCallback screenshotOnFailure(Supplier<Browser> browser) {
        return (ExtensionContext context) -> {
            if (browser.get() != null && context.getExecutionException().isPresent()) {
                browser.get().screenshot("failed-" + context.getRequiredTestMethod().getName());
            }
        };
    }

    @Override
    public void close() {
        driver.quit();
    }
}

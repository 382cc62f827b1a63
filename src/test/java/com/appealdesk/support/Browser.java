package com.appealdesk.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A staff member's browser: Debian's Chromium, headless, driven through its chromedriver, on the application's real
 * Tasklist. Every step can be kept as a screenshot under {@code target/browser-screenshots/}. Without Chromium the
 * browser tests are skipped, unless {@code APPEAL_BROWSER_TESTS=required} (as in CI), when they fail.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("APPEAL_CHROMIUM", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("APPEAL_CHROMEDRIVER", "/usr/bin/chromedriver"));
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final WebDriver driver;
    private final WebDriverWait wait;
    private final String base;
    private final Path shots;
    private final Path profile;

    /** An empty folder for one test's screenshots. */
    public static Path screenshotFolder(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (var files = Files.walk(folder)) {
                files.sorted(java.util.Comparator.reverseOrder()).filter(path -> !path.equals(folder)).forEach(path -> path.toFile().delete());
            }
        }
        return Files.createDirectories(folder);
    }

    /** Skips the calling test when Chromium is not installed, or fails it when browser tests are required. */
    public static void assumeInstalled() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && "required".equals(System.getenv("APPEAL_BROWSER_TESTS"))) {
            Assertions.fail("browser tests are required but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing: "
                    + "apt-get install chromium chromium-driver");
        }
        Assumptions.assumeTrue(installed, "Chromium is not installed (apt-get install chromium chromium-driver)");
    }

    /**
     * @param language the browser's preferred language (en-US, zh-CN), as Tasklist reads it from the browser
     * @param shots where this browser's screenshots go, numbered in order
     */
    public Browser(int port, String language, Path shots) throws IOException {
        this.base = "http://localhost:" + port;
        this.shots = shots;
        this.profile = Files.createTempDirectory("appeal-desk-chromium");
        Files.createDirectories(shots.resolve("downloads"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // the flags a closed network needs: no background connections, no first-run or sync traffic
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                "--no-first-run", "--window-size=1400,1000", "--lang=" + language, "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language,
                "download.default_directory", shots.resolve("downloads").toAbsolutePath().toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        this.wait = new WebDriverWait(driver, WAIT);
    }

    /** Logs in to Tasklist through its login page. */
    public void loginToTasklist(String user) {
        driver.get(base + "/camunda/app/tasklist/default/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model=username]"))).sendKeys(user);
        driver.findElement(By.cssSelector("input[ng-model=password]")).sendKeys(user);
        driver.findElement(By.cssSelector("form[name=signinForm] button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".task-filter")));
    }

    /** Logs in to Cockpit through its login page and waits for Appeal Desk's link to the auditor's desk. */
    public void loginToCockpit(String user) {
        driver.get(base + "/camunda/app/cockpit/default/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model=username]"))).sendKeys(user);
        driver.findElement(By.cssSelector("input[ng-model=password]")).sendKeys(user);
        driver.findElement(By.cssSelector("form[name=signinForm] button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("appeal-desk-link")));
        pause(Duration.ofSeconds(1));
    }

    /** Clicks what the CSS selector finds, and waits for the page it leads to. */
    public void follow(String selector) {
        click(wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(selector))));
        pause(Duration.ofMillis(500));
    }

    /** Types into the field the CSS selector finds. */
    public void typeInto(String selector, String text) {
        WebElement field = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(selector)));
        field.clear();
        field.sendKeys(text);
    }

    /** Opens a path of the application. */
    public void open(String path) {
        driver.get(base + path);
    }

    /** Waits for a file to arrive in this browser's download folder and returns it. */
    public Path downloaded(String fileName) {
        Path file = shots.resolve("downloads").resolve(fileName);
        wait.until(driver -> Files.exists(file) && file.toFile().length() > 0);
        return file;
    }

    /** Opens a filter in the left column by its name. */
    public void openFilter(String name) {
        wait.until(driver -> {
            for (WebElement filter : driver.findElements(By.cssSelector(".task-filter"))) {
                if (filter.isDisplayed() && filter.getText().contains(name)) {
                    filter.click();
                    return true;
                }
            }
            return false;
        });
    }

    /**
     * Opens a task of the open filter as a link to it does ({@code #/?filter=…&task=…}, what Tasklist puts in the
     * address bar): the queue of a shared test database is longer than one page.
     */
    public void openTask(String taskId) {
        String url = driver.getCurrentUrl().replaceAll("&task=[^&]*", "");
        driver.get(url + (url.contains("?") ? "&" : "?") + "task=" + taskId);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".fjs-container")));
        pause(Duration.ofMillis(500));
    }

    /** The task's name as the task view shows it. */
    public String taskName() {
        return driver.findElement(By.cssSelector("h2.task")).getText().strip();
    }

    /** Claims the open task (the claim link beside its assignee). */
    public void claim() {
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.claim"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[ng-click='unclaim()']")));
        pause(Duration.ofMillis(500));
    }

    /** Tries to claim the open task and returns the error Tasklist shows. */
    public String claimRefused() {
        dismissNotifications();
        click(wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.claim"))));
        return wait.until(driver -> errors().stream().findFirst().orElse(null));
    }

    /** Ticks the radio or checkbox option whose label contains the text. */
    public void tick(String label) {
        click(wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//label[contains(@class,'fjs-form-field-label')][contains(normalize-space(.), " + literal(label) + ")]"))));
    }

    /** Whether the radio or checkbox option whose label contains the text is ticked. */
    public boolean ticked(String label) {
        WebElement input = driver.findElement(By.xpath("//label[contains(@class,'fjs-form-field-label')][contains(normalize-space(.), "
                + literal(label) + ")]/input"));
        return input.isSelected();
    }

    /** The labels of the options of a checklist field (its key), as offered now. */
    public List<String> checklistOptions(String key) {
        return texts(By.xpath("//input[contains(@id, '" + fieldId(key) + "-')]/parent::label"));
    }

    /** Opens a select field's dropdown (by the field's key) and returns the options it offers. */
    public List<String> selectOptions(String key) {
        WebElement display = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("[id$='" + fieldId(key) + "-display']")));
        click(display);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".fjs-dropdownlist")));
        return texts(By.cssSelector(".fjs-dropdownlist .fjs-dropdownlist-item"));
    }

    /** Picks the option of an open select dropdown whose text contains the given text. */
    public void pick(String text) {
        click(wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//div[contains(@class,'fjs-dropdownlist-item')][contains(normalize-space(.), " + literal(text) + ")]"))));
    }

    /** The value a select field (by key) shows now; empty when nothing is chosen. */
    public String selected(String key) {
        WebElement display = driver.findElement(By.cssSelector("[id$='" + fieldId(key) + "-display']"));
        return display.getAttribute("class").contains("fjs-select-placeholder") ? "" : display.getText().strip();
    }

    public void type(String key, String text) {
        WebElement field = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[id$='" + fieldId(key) + "']")));
        scroll(field);
        field.clear();
        field.sendKeys(text);
    }

    /** The current value of a text field or text area of the form, by key. */
    public String value(String key) {
        return driver.findElement(By.cssSelector("[id$='" + fieldId(key) + "']")).getAttribute("value");
    }

    /** Text of the whole task form as shown. */
    public String formText() {
        return driver.findElement(By.cssSelector(".fjs-container")).getText();
    }

    /** Presses Complete and returns the error Tasklist shows, or null when the task completed. */
    public String complete() {
        dismissNotifications();
        List<String> before = errors();
        click(driver.findElement(By.cssSelector("button[ng-click='complete()']")));
        try {
            return new WebDriverWait(driver, WAIT).until(driver -> {
                List<String> now = errors();
                now.removeAll(before);
                if (!now.isEmpty()) {
                    return now.get(0);
                }
                // completed: Tasklist clears the task view
                return driver.findElements(By.cssSelector(".fjs-container")).isEmpty() ? "" : null;
            }).transform(text -> text.isEmpty() ? null : text);
        } finally {
            pause(Duration.ofMillis(300));
        }
    }

    /** Closes the notifications Tasklist shows at the bottom of the page (they cover the Complete button). */
    private void dismissNotifications() {
        for (WebElement close : driver.findElements(By.cssSelector(".page-notifications .alert button.close"))) {
            try {
                if (close.isDisplayed()) {
                    close.click();
                }
            } catch (StaleElementReferenceException gone) {
                // closed on its own
            }
        }
        wait.until(driver -> driver.findElements(By.cssSelector(".page-notifications .alert")).stream().noneMatch(WebElement::isDisplayed));
    }

    private List<String> errors() {
        List<String> texts = new ArrayList<>();
        for (WebElement alert : driver.findElements(By.cssSelector("div.alert-danger"))) {
            try {
                if (alert.isDisplayed() && !alert.getText().isBlank()) {
                    texts.add(alert.getText());
                }
            } catch (StaleElementReferenceException gone) {
                // closed while we read it
            }
        }
        return texts;
    }

    /**
     * Clicks the n-th document link of the form, which opens the viewer in a new tab; waits until the page is
     * shown (the view is recorded by then), zooms and rotates it, keeps a screenshot, closes the tab and comes back.
     */
    public void viewDocument(int index, String screenshot) {
        String form = driver.getWindowHandle();
        List<WebElement> links = driver.findElements(By.cssSelector(".fjs-container a[href*='/staff/documents/']"));
        click(links.get(index));
        wait.until(driver -> driver.getWindowHandles().size() > 1);
        String viewer = driver.getWindowHandles().stream().filter(handle -> !handle.equals(form)).findFirst().orElseThrow();
        driver.switchTo().window(viewer);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("pageOf"), "page 1 of"));
        driver.findElement(By.id("zoomIn")).click();
        driver.findElement(By.id("rotate")).click();
        pause(Duration.ofMillis(300));
        shot(screenshot);
        driver.close();
        driver.switchTo().window(form);
    }

    /** Whether the form's document links would open in a new tab: the window count after a click says so. */
    public int windows() {
        return driver.getWindowHandles().size();
    }

    /** Text of the page (the whole visible body). */
    public String pageText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** Keeps a screenshot, numbered after those already in the folder (several browsers of one test share it). */
    public void shot(String name) {
        Path target;
        try (var existing = Files.list(shots)) {
            target = shots.resolve(String.format("%02d-%s.png", existing.filter(f -> f.toString().endsWith(".png")).count() + 1, name));
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + shots, e);
        }
        try {
            Files.copy(((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), target,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("could not keep screenshot " + target, e);
        }
    }

    /** Scrolls the form so that the element with the key is in view (for screenshots). */
    public void scrollTo(String key) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})",
                driver.findElement(By.cssSelector("[id$='" + fieldId(key) + "'], [id*='" + fieldId(key) + "']")));
    }

    /** Clicks an element after scrolling it to the middle of the view, clear of Tasklist's fixed header and footer. */
    private void click(WebElement element) {
        scroll(element);
        element.click();
    }

    private void scroll(WebElement element) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
    }

    private List<String> texts(By selector) {
        List<String> texts = new ArrayList<>();
        for (WebElement element : driver.findElements(selector)) {
            if (element.isDisplayed()) {
                texts.add(element.getText().strip());
            }
        }
        return texts;
    }

    /** Form-js ids end with the component id, which in our forms is Field_ plus the key in upper camel case. */
    private static String fieldId(String key) {
        return "Field_" + Character.toUpperCase(key.charAt(0)) + key.substring(1);
    }

    private static String literal(String text) {
        return text.contains("'") ? "\"" + text + "\"" : "'" + text + "'";
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary profile left behind is harmless
        }
    }
}

package dev.atrium.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.app.TestServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Plans, the operator's tenants and invoices in a real headless Chromium against a development
 * server whose billing test clock is on: the owner compares plans and changes plan after seeing the
 * prorated charge; the operator sees the tenant on its new plan, opens its account, moves billing
 * time to the next month and closes the month; the owner opens the invoice, downloads its CSV and
 * has the browser print it to PDF. English and Chinese, 1280 and 375 px, no console errors;
 * screenshots (and the PDF) under target/screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BillingBrowserTest {
  private static final Path SHOTS = Paths.get("target", "screenshots");
  private static final String PASSWORD = "correct horse battery";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static TestServer server;
  private static ChromeDriver driver;
  private static HeadlessChromium chromium;
  private static Path downloads;
  private static String base;
  private static String ownerEmail;
  private static String period;

  @BeforeAll
  static void start() throws Exception {
    server =
        TestServer.start(
            Map.of("profile", "dev", "billing.test-clock", "true", "plugins.bundled-dir", ""));
    base = "http://127.0.0.1:" + server.port();
    Files.createDirectories(SHOTS);
    downloads = Files.createTempDirectory("atrium-downloads");
    chromium = HeadlessChromium.start();
    driver = chromium.driver;
    driver.executeCdpCommand(
        "Browser.setDownloadBehavior",
        Map.of("behavior", "allow", "downloadPath", downloads.toAbsolutePath().toString()));

    // The tenant exists and has used the API before the browser session starts.
    ownerEmail = "owner-" + System.nanoTime() + "@billing-browser.test";
    String token =
        post(
                "/api/auth/signup",
                null,
                new JsonObject()
                    .put("tenant", "Invoice Browser Ltd")
                    .put("email", ownerEmail)
                    .put("password", PASSWORD))
            .getString("token");
    String key = post("/api/keys", token, new JsonObject().put("name", "k")).getString("key");
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> me = send("GET", "/v1/me", key, null);
      assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
    }
  }

  @AfterAll
  static void stop() throws IOException {
    if (chromium != null) {
      chromium.close();
    }
    if (server != null) {
      server.close();
    }
    if (downloads != null) {
      try (Stream<Path> files = Files.walk(downloads)) {
        files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  @Order(1)
  void theOwnerComparesPlansAndConfirmsAChangeAfterSeeingTheProratedCharge() {
    signIn(ownerEmail, PASSWORD, "Overview");
    waitFor(By.xpath("//a[@href='/plans' and contains(., 'Change plan')]")).click();
    waitForText(By.id("page-title"), "Plans");
    waitFor(By.cssSelector(".plan-card"));
    assertThat(driver.findElements(By.cssSelector(".plan-card"))).hasSizeGreaterThanOrEqualTo(3);
    assertThat(byText(".plan-card", "Pro").getText())
        .contains("API requests")
        .contains("Embedding tokens")
        .contains("per month")
        .contains("Plugin meters");
    assertThat(byText(".plan-card.current", "Free").getText()).contains("Your plan");

    byText(".plan-card", "Pro")
        .findElement(By.xpath(".//button[contains(., 'Switch to Pro')]"))
        .click();
    WebElement dialog = waitFor(By.cssSelector("[role=dialog]"));
    waitForText(By.cssSelector("[role=dialog] .prorated"), "Prorated charge");
    assertThat(dialog.getText()).contains("Switch to Pro?").contains("This month with the change");
    String charge = dialog.findElement(By.cssSelector(".prorated")).getText();
    assertThat(charge).matches("(?s).*US\\$\\d+\\.\\d{2}.*");
    assertThat(dialog.getText()).contains("Free, ").contains("Pro, ").doesNotContain("T00:00");
    screenshot("plans-confirm-en-1280");
    dialog.findElement(By.xpath(".//button[contains(., 'Confirm the change')]")).click();
    waitForText(By.cssSelector("[role=status].ok"), "you are on the Pro plan");
    waitForText(By.cssSelector(".plan-card.current"), "Pro");
    assertNoConsoleErrors();

    language("zh");
    waitForText(By.id("page-title"), "套餐");
    assertThat(driver.findElement(By.cssSelector(".plan-card.current")).getText())
        .contains("专业版")
        .contains("当前套餐")
        .contains("API 请求");
    pageChecks("plans");
  }

  @Test
  @Order(2)
  void theOperatorSeesTheTenantOnItsPlanAndClosesTheMonthWithTheTestClock() {
    signOut();
    signIn(TestServer.OPERATOR_EMAIL, TestServer.OPERATOR_PASSWORD, "Tenants");
    WebElement row = byText("tbody tr", "Invoice Browser Ltd");
    assertThat(row.getText()).contains("Pro").contains("within limits").contains("US$");
    pageChecks("admin-tenants");

    row.findElement(By.linkText("Invoice Browser Ltd")).click();
    waitForText(By.id("page-title"), "Invoice Browser Ltd");
    assertThat(driver.findElement(By.cssSelector("main")).getText())
        .contains("Plan history")
        .contains("API requests")
        .contains("No invoices yet");
    WebElement discount = driver.findElement(By.id("account-discount"));
    discount.clear();
    discount.sendKeys("10");
    driver.findElement(By.xpath("//button[contains(., 'Apply plan and discount')]")).click();
    WebElement dialog = waitFor(By.cssSelector("[role=dialog]"));
    assertThat(dialog.getText()).contains("Invoice Browser Ltd moves to Pro with a 10% discount");
    dialog.findElement(By.xpath(".//button[normalize-space(.)='Confirm']")).click();
    waitForText(By.cssSelector("[role=status].ok"), "Saved");
    waitForText(By.cssSelector(".cards"), "Discount 10%");
    assertThat(driver.findElement(By.cssSelector(".cards")).getText())
        .containsPattern("Charges this month\\s+US\\$\\d")
        .doesNotContain("object");
    pageChecks("admin-tenant-account");

    nav("Invoices", "Monthly close");
    waitForText(By.cssSelector(".test-clock"), "Billing time");
    period = (String) js("return document.getElementById('close-period').value");
    driver.findElement(By.xpath("//button[contains(., 'Advance to next month')]")).click();
    waitFor(By.cssSelector("[role=dialog]"))
        .findElement(By.xpath(".//button[contains(., 'Advance to next month')]"))
        .click();
    waitForText(By.cssSelector(".test-clock"), "ahead of real time");
    wait(10)
        .until(
            d -> {
              Object value = js("return document.getElementById('close-period').value");
              return !value.equals(period) ? value : null;
            });
    period = (String) js("return document.getElementById('close-period').value");

    driver.findElement(By.xpath("//form//button[@type='submit']")).click();
    WebElement confirm = waitFor(By.cssSelector("[role=dialog]"));
    assertThat(confirm.getText()).contains("Close " + period + "?").contains("finalised");
    confirm.findElement(By.xpath(".//button[contains(., 'Close the month')]")).click();
    waitForText(By.cssSelector(".close-summary"), period + " closed");
    WebElement summary = driver.findElement(By.cssSelector(".close-summary"));
    assertThat(summary.getText()).contains("Invoices created").contains("in total");
    waitForText(By.cssSelector("table"), "Invoice Browser Ltd");
    pageChecks("admin-close");
  }

  @Test
  @Order(3)
  void theOwnerOpensTheInvoiceDownloadsItsCsvAndPrintsItToPdf() throws Exception {
    signOut();
    signIn(ownerEmail, PASSWORD, "Overview");
    nav("Invoices", "Invoices");
    byText("tbody tr", period).findElement(By.xpath(".//a[contains(., 'View')]")).click();
    waitForText(By.id("page-title"), "Invoice for " + period);
    assertThat(driver.findElement(By.cssSelector("table.invoice")).getText())
        .contains("Pro plan")
        .contains("API requests")
        .contains("Discount (10.00%)")
        .contains("Total");
    pageChecks("invoice");

    driver.findElement(By.xpath("//button[contains(., 'Download CSV')]")).click();
    Path csv = downloads.resolve("invoice-" + period + ".csv");
    wait(20).until(d -> Files.exists(csv) && csv.toFile().length() > 0);
    assertThat(Files.readString(csv)).contains("requests").contains("fee");

    driver.findElement(By.xpath("//a[contains(., 'Print view')]")).click();
    waitFor(By.cssSelector(".print-view table.invoice"));
    driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
    assertThat(driver.findElement(By.cssSelector(".sidenav")).isDisplayed()).isFalse();
    assertThat(driver.findElement(By.cssSelector(".topbar")).isDisplayed()).isFalse();
    assertThat(driver.findElement(By.cssSelector("tr.total")).isDisplayed()).isTrue();
    screenshot("invoice-print-media");
    driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
    Map<String, Object> print = new HashMap<>();
    print.put("preferCSSPageSize", true);
    print.put("printBackground", false);
    Object data = driver.executeCdpCommand("Page.printToPDF", print).get("data");
    byte[] pdf = Base64.getDecoder().decode((String) data);
    Files.write(SHOTS.resolve("billing-invoice.pdf"), pdf);
    assertThat(pdf.length).isGreaterThan(1000);
    String text = new String(pdf, java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(text).startsWith("%PDF-");
    assertThat(text)
        .as("printed on A4 (595 x 842 pt)")
        .containsPattern("/MediaBox \\[0 0 59[45]\\.\\d+ 84[12]\\.\\d+\\]");
    assertNoConsoleErrors();
  }

  // -- helpers --------------------------------------------------------------------------------

  /**
   * In English and Chinese, at 1280 and 375 px: screenshots, every label translated, nothing wider
   * than the screen, no console errors. Ends in English.
   */
  private static void pageChecks(String name) {
    for (String lang : new String[] {"en", "zh"}) {
      language(lang);
      wait(5).until(d -> js("return document.documentElement.lang").toString().startsWith(lang));
      if (lang.equals("zh")) {
        assertThat((String) js("return document.querySelector('main').textContent"))
            .as(name + " in Chinese")
            .containsPattern("[\\u4e00-\\u9fff]");
      }
      for (int width : new int[] {1280, 375}) {
        driver.manage().window().setSize(new Dimension(width, 900));
        wait(5).until(d -> ((Number) js("return window.innerWidth")).intValue() <= width);
        assertThat(((Number) js("return document.documentElement.scrollWidth")).intValue())
            .as(name + " at " + width + " px in " + lang + " fits the screen")
            .isLessThanOrEqualTo(((Number) js("return window.innerWidth")).intValue() + 1);
        screenshot("billing-" + name + "-" + lang + "-" + width);
      }
      driver.manage().window().setSize(new Dimension(1280, 900));
    }
    language("en");
    assertNoConsoleErrors();
  }

  private static void signIn(String email, String password, String landing) {
    driver.get(base + "/login");
    waitFor(By.id("email")).sendKeys(email);
    driver.findElement(By.id("password")).sendKeys(password);
    driver.findElement(By.id("auth-submit")).click();
    waitForText(By.id("page-title"), landing);
  }

  private static void signOut() {
    driver.findElement(By.xpath("//header//button[contains(., 'Sign out')]")).click();
    waitFor(By.id("auth-submit"));
  }

  private static void language(String lang) {
    new Select(driver.findElement(By.cssSelector("[data-testid=language]"))).selectByValue(lang);
  }

  private static void nav(String label, String title) {
    driver.findElement(By.xpath("//nav//a[normalize-space(.)='" + label + "']")).click();
    waitForText(By.id("page-title"), title);
  }

  private static WebElement byText(String css, String text) {
    return wait(20)
        .until(
            d ->
                d.findElements(By.cssSelector(css)).stream()
                    .filter(e -> e.getText().contains(text))
                    .findFirst()
                    .orElse(null));
  }

  private static Object js(String script) {
    return ((JavascriptExecutor) driver).executeScript(script);
  }

  private static WebDriverWait wait(int seconds) {
    return new WebDriverWait(driver, Duration.ofSeconds(seconds));
  }

  private static WebElement waitFor(By by) {
    return wait(20).until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  private static void waitForText(By by, String text) {
    wait(20).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
  }

  private static void assertNoConsoleErrors() {
    assertThat(
            driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList())
        .as("console errors")
        .isEmpty();
  }

  private static void screenshot(String name) {
    try {
      Files.copy(
          driver.getScreenshotAs(OutputType.FILE).toPath(),
          SHOTS.resolve(name + ".png"),
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new AssertionError("cannot save screenshot " + name, e);
    }
  }

  private static JsonObject post(String path, String bearer, JsonObject body) throws Exception {
    HttpResponse<String> r = send("POST", path, bearer, body);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isBetween(200, 201);
    return new JsonObject(r.body());
  }

  private static HttpResponse<String> send(
      String method, String path, String bearer, JsonObject body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body.encode()))
            .header("Content-Type", "application/json");
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}

package dev.atrium.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.app.TestServer;
import dev.atrium.billing.http.TestPlans;
import dev.atrium.host.TestPlugins;
import dev.atrium.persistence.billing.UsageEvent;
import dev.atrium.persistence.billing.UsageRepository;
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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The money pages in the system Chromium against a real server, in English and Chinese at 1280 and
 * 375 px: a tenant on a priced plan calls the API, sets a budget it has already half spent and then
 * sees the usage page with meter names (a plugin's in the reader's language), units, unit prices
 * and costs, the budget alert at the top of the page (dismissed, it stays away until a higher
 * threshold is crossed), and the request log finding the request behind a problem body's request
 * id. No console errors; screenshots under target/screenshots/.
 */
class UsageBrowserTest {
  private static final Path SHOTS = Paths.get("target", "screenshots");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static TestServer server;
  private static WebDriver driver;
  private static HeadlessChromium chromium;
  private static String base;

  @BeforeAll
  static void start() throws IOException {
    // A plugin whose meter is named in Chinese too: the usage page names it in the reader's
    // language.
    server =
        TestServer.start(
            Map.of(
                "plugins.dir",
                TestPlugins.pluginsDir(
                        Map.of(
                            TestPlugins.PROBE,
                            TestPlugins.probeAs(
                                TestPlugins.PROBE,
                                "plugin.name=Probe\nplugin.name.zh=探针\n"
                                    + "plugin.meter.probe_calls.zh=探针调用次数\n")))
                    .toString()));
    base = "http://127.0.0.1:" + server.port();
    Files.createDirectories(SHOTS);
    chromium = HeadlessChromium.start();
    driver = chromium.driver;
  }

  @AfterAll
  static void stop() throws IOException {
    if (chromium != null) {
      chromium.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void usageInMoneyABudgetAlertAndTheRequestBehindAProblem() throws Exception {
    String owner =
        send(
                "POST",
                "/api/auth/signup",
                null,
                new JsonObject()
                    .put("tenant", "Money Pages Ltd")
                    .put("email", "money@browser.test")
                    .put("password", "a long enough password"))
            .getString("token");
    String tenantId = send("GET", "/api/me", owner, null).getJsonObject("tenant").getString("id");
    String key =
        send("POST", "/api/keys", owner, new JsonObject().put("name", "shop backend"))
            .getString("key");
    String operator =
        send(
                "POST",
                "/api/auth/login",
                null,
                new JsonObject()
                    .put("email", TestServer.OPERATOR_EMAIL)
                    .put("password", TestServer.OPERATOR_PASSWORD))
            .getString("token");
    send(
        "POST",
        "/api/admin/plans",
        operator,
        TestPlans.priced("browser-priced", Map.of("requests", "1.00")));
    send(
        "PUT",
        "/api/admin/tenants/" + tenantId + "/subscription",
        operator,
        new JsonObject().put("plan", "browser-priced"));
    for (int i = 0; i < 3; i++) {
      assertThat(raw("GET", "/v1/me", key, null).statusCode()).isEqualTo(200);
    }
    // Usage of the plugin's meter, as the ledger writes it.
    server
        .server
        .database()
        .dsl()
        .transaction(
            c ->
                new UsageRepository(c.dsl())
                    .append(
                        List.of(
                            new UsageEvent(
                                UUID.fromString(tenantId),
                                "probe-usage-1",
                                UsageEvent.NO_KEY,
                                TestPlugins.PROBE,
                                "",
                                "probe.probe_calls",
                                4,
                                OffsetDateTime.now(ZoneOffset.UTC)))));
    HttpResponse<String> bad = raw("POST", "/v1/embeddings", key, "{\"input\": ");
    assertThat(bad.statusCode()).isEqualTo(400);
    String requestId = new JsonObject(bad.body()).getString("requestId");
    assertThat(requestId).isEqualTo(bad.headers().firstValue("X-Request-Id").orElseThrow());
    // 3 requests at US$1.00 each: half of a US$6.00 budget is reached at once.
    JsonObject budget =
        send("PUT", "/api/budget", owner, new JsonObject().put("monthlyAmount", "6.00"));
    assertThat(budget.getJsonArray("alerts")).hasSize(1);

    driver.get(base + "/login");
    js("sessionStorage.setItem('atrium.token', arguments[0]);", owner);
    for (String lang : List.of("en", "zh")) {
      js("localStorage.setItem('atrium.lang', arguments[0]);", lang);
      for (int width : List.of(1280, 375)) {
        driver.manage().window().setSize(new Dimension(width, 900));
        String suffix = lang + "-" + width;
        boolean en = lang.equals("en");

        driver.get(base + "/usage");
        WebElement table = waitFor(By.id("usage-table"));
        // The plugin's meter is named once the plugin catalogue has loaded.
        new WebDriverWait(driver, Duration.ofSeconds(10))
            .until(
                ExpectedConditions.textToBePresentInElement(
                    table, en ? "Probe: Calls to the probe" : "探针: 探针调用次数"));
        assertThat(table.getText())
            .contains(en ? "API requests" : "API 请求")
            .contains(en ? "requests" : "次请求")
            .contains(en ? "US$1.00 each" : "每个 US$1.00")
            .contains("US$3.00");
        assertThat(waitFor(By.id("budget-notice")).getText()).contains("50%").contains("6.00");
        assertThat(driver.findElement(By.id("usage-cost")).getText()).contains("3.00");
        for (WebElement chart : driver.findElements(By.cssSelector(".usage-unit-chart"))) {
          assertThat(chart.getAttribute("data-unit")).isNotBlank();
        }
        assertThat(driver.findElement(By.id("budget-spent")).getText())
            .contains("3.00")
            .contains("6.00");
        assertFitsTheScreen();
        screenshot("usage-money-" + suffix);

        driver.get(base + "/requests?requestId=" + requestId);
        WebElement line =
            waitFor(By.cssSelector("#requests-table tr[data-request-id='" + requestId + "']"));
        assertThat(line.getText())
            .contains("400")
            .contains("malformed_json")
            .contains("/v1/embeddings");
        assertThat(driver.findElements(By.cssSelector("#requests-table tbody tr"))).hasSize(1);
        assertThat(driver.findElement(By.id("page-title")).getText())
            .isEqualTo(en ? "Request log" : "请求日志");
        assertFitsTheScreen();
        screenshot("request-log-" + suffix);
        assertNoConsoleErrors();
      }
    }

    // Dismissed, the notice stays away across pages and reloads until a higher threshold.
    js("localStorage.setItem('atrium.lang', 'en');");
    driver.manage().window().setSize(new Dimension(1280, 900));
    driver.get(base + "/usage");
    waitFor(By.id("budget-notice-dismiss")).click();
    new WebDriverWait(driver, Duration.ofSeconds(10))
        .until(ExpectedConditions.invisibilityOfElementLocated(By.id("budget-notice")));
    driver.get(base + "/keys");
    waitFor(By.id("page-title"));
    driver.get(base + "/usage");
    waitFor(By.id("usage-table"));
    assertThat(driver.findElements(By.id("budget-notice"))).isEmpty();
    assertThat(driver.findElement(By.id("budget-alerts")).getText()).contains("dismissed");
    for (int i = 0; i < 2; i++) {
      assertThat(raw("GET", "/v1/me", key, null).statusCode()).isEqualTo(200);
    }
    // US$5 of US$6: saving the budget checks it at once and raises 80%.
    assertThat(
            send("PUT", "/api/budget", owner, new JsonObject().put("monthlyAmount", "6.00"))
                .getJsonArray("alerts"))
        .hasSize(2);
    driver.navigate().refresh();
    assertThat(waitFor(By.id("budget-notice")).getText()).contains("80%");
    screenshot("usage-budget-notice-back-en-1280");
    assertNoConsoleErrors();
  }

  private static JsonObject send(String method, String path, String bearer, JsonObject body)
      throws Exception {
    HttpResponse<String> r = raw(method, path, bearer, body == null ? null : body.encode());
    assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isBetween(200, 299);
    return new JsonObject(r.body());
  }

  private static HttpResponse<String> raw(String method, String path, String bearer, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  private static WebElement waitFor(By by) {
    return new WebDriverWait(driver, Duration.ofSeconds(20))
        .until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  /** Nothing sticks out sideways: wide tables scroll in their own box. */
  private static void assertFitsTheScreen() {
    Number overflow =
        (Number) js("return document.documentElement.scrollWidth - window.innerWidth;");
    assertThat(overflow.intValue()).as("horizontal overflow in px").isLessThanOrEqualTo(1);
  }

  private static void assertNoConsoleErrors() {
    List<String> errors =
        driver.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
            .map(LogEntry::getMessage)
            .toList();
    assertThat(errors).as("console errors").isEmpty();
  }

  private static void screenshot(String name) throws IOException, InterruptedException {
    Thread.sleep(300); // let the charts draw
    Files.copy(
        ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE).toPath(),
        SHOTS.resolve(name + ".png"),
        StandardCopyOption.REPLACE_EXISTING);
  }
}

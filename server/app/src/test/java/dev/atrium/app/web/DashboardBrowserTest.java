package dev.atrium.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.app.TestServer;
import dev.atrium.host.TestPlugins;
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
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium (the system one, driven by the system chromedriver)
 * against a real server: a customer signs up, creates a key, calls the API with it, sees usage,
 * revokes the key and sees calls fail, chats with the bundled tiny model in the playground
 * (streamed, stopped, in Chinese, on a phone), switches to Chinese; an operator sees tenants, the
 * live pool and installs a plugin. Screenshots of every main page go to target/screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {
  static final Path SHOTS = Paths.get("target", "screenshots");
  static final String PASSWORD = "a long enough password";
  static final String CHAT_MODEL = "stories260k";

  /** The bundled tiny generation model alone: the playground's chat needs no embedding model. */
  static final String CHAT_CATALOG =
      """
      {"bundled_models": false, "default_embedding_models": {},
       "default_generation_model": "stories260k",
       "models": {"stories260k": {"task": "generation", "engine": "llama.cpp",
                                  "artifact": "classpath:atrium/models/stories260K.gguf",
                                  "languages": ["en"], "context_length": 2048}}}
      """;

  private static TestServer server;
  private static HeadlessChromium chromium;
  private static WebDriver driver;
  private static String base;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  // Carried between the ordered steps of the scenario.
  private static String email;
  private static String apiKey;
  private static String installedPlugin;
  private static String inviteLink;

  @BeforeAll
  static void start() throws IOException {
    chromium = HeadlessChromium.start();
    driver = chromium.driver;
    server = TestServer.withCatalog(CHAT_CATALOG, Map.of());
    base = "http://127.0.0.1:" + server.port();
    Files.createDirectories(SHOTS);
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
  @Order(1)
  void signUpLandsOnTheOverview() {
    email = "owner-" + System.nanoTime() + "@browser.test";
    driver.get(base + "/signup");
    waitFor(By.id("tenant")).sendKeys("Browser Test Ltd");
    driver.findElement(By.id("email")).sendKeys(email);
    driver.findElement(By.id("password")).sendKeys(PASSWORD);
    driver.findElement(By.id("auth-submit")).click();
    waitForText(By.id("page-title"), "Overview");
    assertThat(driver.findElement(By.cssSelector(".topbar")).getText()).contains(email);
    assertNoRawJson();
    screenshot("overview");
  }

  @Test
  @Order(2)
  void createAKeyShownOnceWithACopyButton() {
    nav("API keys");
    waitForText(By.id("page-title"), "API keys");
    waitFor(By.id("create-key")).click();
    waitFor(By.id("key-name")).sendKeys("browser key");
    driver.findElement(By.id("create-key-submit")).click();
    WebElement dialog = waitFor(By.xpath("//*[@role='dialog'][.//h2[.='Your new API key']]"));
    assertThat(dialog.getText()).contains("shown only once");
    apiKey = dialog.findElement(By.cssSelector("input")).getAttribute("value");
    assertThat(apiKey).startsWith("atr_");
    dialog.findElement(By.xpath(".//button[contains(., 'Copy')]")).click();
    waitForText(By.cssSelector("[role=dialog]"), "Copied");
    screenshot("keys-created");
    driver.findElement(By.id("close-secret")).click();
    wait(10)
        .until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[role=dialog]")));
    assertThat(driver.getPageSource()).doesNotContain(apiKey);
    WebElement table = waitFor(By.id("keys-table"));
    assertThat(table.getText()).contains("browser key").contains(apiKey.substring(0, 8));
  }

  @Test
  @Order(3)
  void theKeyCallsTheApiAndTheUsageShows() throws Exception {
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> me = call("/v1/me", apiKey);
      assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
    }
    boolean usageApi = apiExists("/api/usage?groupBy=day");
    nav("Usage");
    waitForText(By.id("page-title"), "Usage");
    if (usageApi) {
      // The usage report is written asynchronously: reload until the chart has the calls.
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (driver.findElements(By.cssSelector("#usage-table")).isEmpty()
          && System.nanoTime() < deadline) {
        driver.findElement(By.xpath("//button[contains(., 'Refresh')]")).click();
        sleep(1000);
      }
      WebElement table = waitFor(By.id("usage-table"));
      assertThat(table.getText()).isNotBlank();
      WebElement canvas = driver.findElement(By.cssSelector(".usage-unit-chart .chart canvas"));
      assertThat(canvas.getAttribute("aria-label")).isEqualTo("Usage in requests");
      assertThat(Integer.parseInt(canvas.getAttribute("data-points"))).isGreaterThan(0);
    } else {
      // Billing's usage API is not on this server yet: the page says so instead of failing.
      waitForText(By.cssSelector("[role=alert]"), "Not available on this server yet");
    }
    assertNoRawJson();
    screenshot("usage");
  }

  @Test
  @Order(4)
  void revokeTheKeyAndItsCallsFail() throws Exception {
    nav("API keys");
    waitFor(By.cssSelector("button[aria-label='Revoke browser key']")).click();
    WebElement dialog = waitFor(By.cssSelector("[role=dialog]"));
    assertThat(dialog.getText()).contains("browser key");
    dialog.findElement(By.cssSelector("button.danger")).click();
    waitForText(By.id("keys-table"), "revoked");
    HttpResponse<String> me = call("/v1/me", apiKey);
    assertThat(me.statusCode()).isEqualTo(401);
    screenshot("keys-revoked");
  }

  @Test
  @Order(5)
  void apiErrorsShowTheProblemDetail() {
    nav("Team");
    waitFor(By.id("invite-email")).sendKeys(email); // already registered
    driver.findElement(By.xpath("//form//button[@type='submit']")).click();
    WebElement alert = waitFor(By.cssSelector("[role=alert]"));
    assertThat(alert.getText()).isNotBlank().doesNotContain("{").doesNotContain("\"code\"");
    WebElement invitee = driver.findElement(By.id("invite-email"));
    invitee.clear();
    invitee.sendKeys("new-" + email);
    driver.findElement(By.xpath("//form//button[@type='submit']")).click();
    WebElement dialog = waitFor(By.xpath("//*[@role='dialog'][.//h2[.='Invitation link']]"));
    inviteLink = dialog.findElement(By.cssSelector("input")).getAttribute("value");
    assertThat(inviteLink).startsWith(base + "/accept-invite?token=");
    screenshot("team-invite");
    dialog.findElement(By.xpath(".//button[.='Close']")).click();
    waitForText(By.cssSelector("table"), "new-" + email);
    screenshot("team");
  }

  @Test
  @Order(6)
  void otherTenantPagesRender() {
    for (String page : List.of("Invoices", "Plugins", "Playground", "Audit log")) {
      nav(page);
      waitForText(By.id("page-title"), page);
      waitUntilLoaded();
      assertNoRawJson();
      screenshot(page.toLowerCase().replace(' ', '-'));
    }
    assertThat(driver.findElement(By.id("audit-table")).getText()).contains("key.revoked");
  }

  @Test
  @Order(7)
  void theChatStreamsAnAnswerAndShowsItsUsage() {
    driver.manage().logs().get(LogType.BROWSER); // only this step's console errors count
    nav("Playground");
    WebElement keyField = waitFor(By.id("playground-key"));
    assertThat(keyField.getAttribute("value")).as("the revoked key is forgotten").isEmpty();
    waitForText(By.id("chat-no-models"), "Paste or create an API key");
    driver.findElement(By.xpath("//button[.='Create a playground key']")).click();
    wait(15).until(d -> !keyField.getAttribute("value").isEmpty());
    waitFor(By.cssSelector("#chat-model option[value='" + CHAT_MODEL + "']"));
    assertThat(waitFor(By.id("chat-model-hint")).getText()).contains("2048 tokens");
    replaceText(By.id("chat-max-tokens"), "200");
    replaceText(By.id("chat-seed"), "7");
    driver.findElement(By.id("chat-input")).sendKeys("Once upon a time");

    recordAssistantText();
    driver.findElement(By.id("chat-send")).click();
    WebElement stats = awaitAnswer(1);
    List<?> seen = (List<?>) js("return window.__chatLengths;");
    assertThat(seen.size()).as("text lengths seen while streaming: " + seen).isGreaterThan(1);
    String answer = driver.findElement(By.cssSelector(".chat-turn.assistant .chat-text")).getText();
    assertThat(answer).isNotBlank();
    assertThat(stats.getText())
        .containsPattern("[\\d,]+ prompt \\+ [\\d,]+ completion tokens")
        .containsPattern("first token after [\\d,]+ ms")
        .contains(CHAT_MODEL)
        .contains("finish: ");
    assertThat(completionTokens(stats.getText())).isBetween(1, 200);
    assertNoRawJson();
    assertNoConsoleErrors();
    screenshot("playground-chat");
  }

  @Test
  @Order(8)
  void theConversationGoesOnAndStopCutsAnAnswerShort() {
    replaceText(By.id("chat-max-tokens"), "1500");
    driver.findElement(By.id("chat-input")).sendKeys("And then?");
    // Stop as soon as the first words are on the screen (the tiny model writes ~500 tokens/s).
    js(
        "const log = document.getElementById('chat-log');"
            + " new MutationObserver((_, o) => {"
            + "   const last = [...log.querySelectorAll('.chat-turn.assistant .chat-text')].pop();"
            + "   if (log.querySelectorAll('.chat-turn').length === 4 && last.textContent) {"
            + "     o.disconnect(); document.getElementById('chat-stop').click(); }"
            + " }).observe(log, {subtree: true, childList: true, characterData: true});");
    driver.findElement(By.id("chat-send")).click();
    WebElement stopped = awaitAnswer(2);
    assertThat(stopped.getAttribute("data-finish")).isEqualTo("stopped");
    assertThat(stopped.getText()).contains("stopped by you");
    assertThat(driver.findElements(By.cssSelector(".chat-turn"))).hasSize(4);
    assertThat(driver.findElement(By.id("chat-stop")).isEnabled()).isFalse();
    screenshot("playground-chat-stopped");
    driver.findElement(By.id("chat-clear")).click();
    assertThat(driver.findElements(By.cssSelector(".chat-turn"))).isEmpty();
    assertNoConsoleErrors();
  }

  @Test
  @Order(9)
  void theChatInChinese() {
    new Select(waitFor(By.cssSelector("[data-testid=language]"))).selectByValue("zh");
    try {
      waitForText(By.cssSelector("[role=tablist]"), "对话");
      replaceText(By.id("chat-max-tokens"), "40");
      driver.findElement(By.id("chat-input")).sendKeys("Lily went to the park.");
      driver.findElement(By.id("chat-send")).click();
      WebElement stats = awaitAnswer(1);
      assertThat(stats.getText())
          .containsPattern("提示 [\\d,]+ \\+ 生成 [\\d,]+ 个 token")
          .contains("结束原因：");
      assertThat(driver.findElement(By.cssSelector("label[for=chat-input]")).getText())
          .isEqualTo("消息");
      assertNoConsoleErrors();
      screenshot("playground-chat-zh");
    } finally {
      new Select(waitFor(By.cssSelector("[data-testid=language]"))).selectByValue("en");
      waitForText(By.cssSelector("[role=tablist]"), "Chat");
    }
  }

  @Test
  @Order(10)
  void theChatFitsAPhone() {
    driver.manage().window().setSize(new Dimension(375, 812));
    try {
      waitFor(By.id("chat-log"));
      assertFitsTheScreen();
      driver.findElement(By.id("chat-input")).sendKeys("A cat");
      driver.findElement(By.id("chat-send")).click();
      awaitAnswer(2);
      assertFitsTheScreen();
      ((JavascriptExecutor) driver)
          .executeScript("arguments[0].scrollIntoView();", driver.findElement(By.id("chat-log")));
      assertNoConsoleErrors();
      screenshot("phone-playground-chat");
    } finally {
      driver.manage().window().setSize(new Dimension(1280, 900));
    }
  }

  @Test
  @Order(11)
  void switchToChineseAndItIsRemembered() {
    nav("Overview");
    new Select(waitFor(By.cssSelector("[data-testid=language]"))).selectByValue("zh");
    waitForText(By.cssSelector("nav"), "API 密钥");
    assertThat(driver.findElement(By.cssSelector("nav")).getText()).contains("用量", "账单", "团队");
    assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
    screenshot("overview-zh");
    driver.navigate().refresh();
    waitForText(By.cssSelector("nav"), "API 密钥");
    nav("API 密钥");
    waitForText(By.id("keys-table"), "已吊销");
    screenshot("keys-zh");
    new Select(waitFor(By.cssSelector("[data-testid=language]"))).selectByValue("en");
    waitForText(By.cssSelector("nav"), "API keys");
  }

  @Test
  @Order(12)
  void usableAtPhoneWidth() {
    driver.manage().window().setSize(new Dimension(375, 812));
    try {
      nav("Overview");
      WebElement menu = waitFor(By.cssSelector(".menu-button"));
      assertThat(menu.isDisplayed()).isTrue();
      assertThat(driver.findElement(By.id("sidenav")).isDisplayed()).isFalse();
      screenshot("phone-overview");
      assertFitsTheScreen();
      menu.click();
      WebElement keys = waitFor(By.xpath("//nav//a[normalize-space()='API keys']"));
      screenshot("phone-menu");
      keys.click();
      waitFor(By.id("keys-table"));
      screenshot("phone-keys");
    } finally {
      driver.manage().window().setSize(new Dimension(1280, 900));
    }
  }

  @Test
  @Order(13)
  void keyboardOnlySignOutAndBackIn() {
    // Sign out, then sign in again with the keyboard alone (Tab order, Enter submits).
    driver.findElement(By.xpath("//button[contains(., 'Sign out')]")).click();
    waitFor(By.id("email")).sendKeys(email + "\t" + PASSWORD + "\n");
    waitForText(By.id("page-title"), "Overview");
  }

  @Test
  @Order(14)
  void operatorSeesTenantsTheLivePoolAndInstallsAPlugin() throws Exception {
    driver.findElement(By.xpath("//button[contains(., 'Sign out')]")).click();
    waitFor(By.id("email")).sendKeys(TestServer.OPERATOR_EMAIL);
    driver.findElement(By.id("password")).sendKeys(TestServer.OPERATOR_PASSWORD);
    driver.findElement(By.id("auth-submit")).click();
    waitForText(By.id("page-title"), "Tenants");
    waitForText(By.cssSelector("table"), "Browser Test Ltd");
    screenshot("operator-tenants");

    nav("Inference pool");
    waitForText(By.id("pool-state"), "Live");
    screenshot("operator-pool");

    nav("Plans");
    waitForText(By.id("page-title"), "Plans");
    waitUntilLoaded();
    assertNoRawJson();
    screenshot("operator-plans");

    nav("Plugin catalogue");
    waitForText(By.id("page-title"), "Plugin catalogue");
    waitUntilLoaded();
    assertThat(apiExists("/api/admin/plugins", operatorToken()))
        .as("the plugin admin API (issue 4)")
        .isTrue();
    // The plugin host tests' probe plugin: self-contained, needs no model (the test server has
    // none).
    Path archive = TestPlugins.probe("1.0.0");
    Path upload = Files.createTempFile("plugin", ".zip");
    Files.copy(archive, upload, StandardCopyOption.REPLACE_EXISTING);
    driver.findElement(By.id("plugin-archive")).sendKeys(upload.toAbsolutePath().toString());
    driver.findElement(By.id("plugin-upload")).click();
    WebElement outcome =
        wait(90)
            .until(d -> firstOf(d, By.id("plugin-installed"), By.cssSelector("main [role=alert]")));
    assertThat(outcome.getAttribute("id"))
        .as("plugin install: " + outcome.getText())
        .isEqualTo("plugin-installed");
    installedPlugin = outcome.getText().replaceFirst("^Installed (\\S+) .*$", "$1");
    waitForText(By.id("admin-plugins"), installedPlugin);
    assertNoRawJson();
    screenshot("operator-plugins");
  }

  @Test
  @Order(15)
  void theTenantEnablesTheInstalledPluginAndSavesItsSettings() {
    driver.findElement(By.xpath("//button[contains(., 'Sign out')]")).click();
    waitFor(By.id("email")).sendKeys(email);
    driver.findElement(By.id("password")).sendKeys(PASSWORD);
    driver.findElement(By.id("auth-submit")).click();
    waitForText(By.id("page-title"), "Overview");
    nav("Plugins");
    By card = By.cssSelector("[data-plugin='" + installedPlugin + "']");
    waitFor(card).findElement(By.xpath(".//button[starts-with(., 'Enable')]")).click();
    waitForText(card, "enabled");
    WebElement settings = driver.findElement(card).findElement(By.tagName("details"));
    settings.findElement(By.tagName("summary")).click();
    List<WebElement> inputs = settings.findElements(By.cssSelector("input[type=text]"));
    if (!inputs.isEmpty()) {
      inputs.get(0).sendKeys("Hello");
    }
    settings.findElement(By.xpath(".//button[@type='submit']")).click();
    waitForText(card, "Settings saved.");
    screenshot("plugins-enabled");
    nav("Playground");
    waitFor(By.cssSelector("[role=tab][id='tab-" + installedPlugin + "']")).click();
    waitFor(By.cssSelector("[role=tabpanel] h2"));
    screenshot("playground-plugin");
  }

  @Test
  @Order(16)
  void theInviteeAcceptsTheInvitationLink() {
    driver.findElement(By.xpath("//button[contains(., 'Sign out')]")).click();
    waitFor(By.id("email"));
    driver.get(inviteLink);
    waitForText(By.id("page-title"), "Accept your invitation");
    screenshot("accept-invite");
    waitFor(By.id("invite-password")).sendKeys(PASSWORD + "\n");
    waitForText(By.id("page-title"), "Overview");
    assertThat(driver.findElement(By.cssSelector(".topbar")).getText()).contains("new-" + email);
    // A developer sees the keys but not the team's admin controls.
    nav("Team");
    waitFor(By.cssSelector("table"));
    assertThat(driver.findElements(By.id("invite-email"))).isEmpty();
  }

  // --- helpers ---

  /** Nothing on the page reaches past the right edge of the window. */
  private static void assertFitsTheScreen() {
    Object wide =
        js(
            "const w = document.documentElement.clientWidth;"
                + " return [...document.querySelectorAll('body *')]"
                + ".filter(e => e.getBoundingClientRect().right > w + 1)"
                + ".map(e => e.tagName + '.' + e.className).slice(0, 5).join(', ');");
    assertThat((String) wide).as("elements wider than the screen").isEmpty();
  }

  /**
   * Records in window.__chatLengths each distinct length the newest answer's text has had, so the
   * test can tell an answer that was streamed in from one that appeared at once.
   */
  private static void recordAssistantText() {
    js(
        "window.__chatLengths = [];"
            + " const log = document.getElementById('chat-log');"
            + " new MutationObserver(() => {"
            + "   const last = [...log.querySelectorAll('.chat-turn.assistant .chat-text')].pop();"
            + "   const n = last ? last.textContent.length : 0;"
            + "   const seen = window.__chatLengths;"
            + "   if (n > 0 && seen[seen.length - 1] !== n) seen.push(n);"
            + " }).observe(log, {subtree: true, childList: true, characterData: true});");
  }

  /**
   * Waits until the conversation has {@code answers} finished answers and returns the last one's
   * figures; fails at once with the page's message when the call is refused.
   */
  private static WebElement awaitAnswer(int answers) {
    By figures = By.cssSelector(".chat-turn.assistant .call-stats");
    By refusal = By.cssSelector(".chat [role=alert]");
    WebElement outcome =
        wait(60)
            .until(
                d -> {
                  List<WebElement> done = d.findElements(figures);
                  return done.size() >= answers ? done.get(done.size() - 1) : firstOf(d, refusal);
                });
    assertThat(outcome.getAttribute("class"))
        .as("the chat call was refused: " + outcome.getText())
        .isEqualTo("call-stats");
    return outcome;
  }

  private static int completionTokens(String stats) {
    Matcher m = Pattern.compile("\\+ ([\\d,]+) completion tokens").matcher(stats);
    assertThat(m.find()).as(stats).isTrue();
    return Integer.parseInt(m.group(1).replace(",", ""));
  }

  private static void replaceText(By field, String text) {
    WebElement input = waitFor(field);
    input.clear();
    input.sendKeys(text);
  }

  private static Object js(String script) {
    return ((JavascriptExecutor) driver).executeScript(script);
  }

  private static WebElement firstOf(WebDriver d, By... locators) {
    for (By by : locators) {
      List<WebElement> found = d.findElements(by);
      if (!found.isEmpty() && found.get(0).isDisplayed()) {
        return found.get(0);
      }
    }
    return null;
  }

  private static String operatorToken() {
    return (String)
        ((JavascriptExecutor) driver)
            .executeScript("return sessionStorage.getItem('atrium.token');");
  }

  private static boolean apiExists(String path) {
    return apiExists(path, operatorToken());
  }

  private static boolean apiExists(String path, String token) {
    try {
      HttpResponse<String> r = call(path, token);
      return !(r.statusCode() == 404 && r.body().contains("route_not_found"));
    } catch (Exception e) {
      return false;
    }
  }

  private static HttpResponse<String> call(String path, String bearer) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void nav(String label) {
    By link = By.xpath("//nav//a[normalize-space()='" + label + "']");
    List<WebElement> links = driver.findElements(link);
    if (links.isEmpty() || !links.get(0).isDisplayed()) {
      List<WebElement> menu = driver.findElements(By.cssSelector(".menu-button"));
      if (!menu.isEmpty() && menu.get(0).isDisplayed()) {
        menu.get(0).click();
      }
    }
    waitFor(link).click();
  }

  private static WebDriverWait wait(int seconds) {
    return new WebDriverWait(driver, Duration.ofSeconds(seconds));
  }

  private static WebElement waitFor(By by) {
    return wait(15).until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  private static void waitForText(By by, String text) {
    wait(15).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
  }

  private static void waitUntilLoaded() {
    wait(15).until(d -> d.findElements(By.cssSelector("main [role=status] .spinner")).isEmpty());
  }

  /** The browser logged no error (a failed request, an exception) since the last look. */
  private static void assertNoConsoleErrors() {
    List<String> errors =
        driver.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
            .map(LogEntry::getMessage)
            .toList();
    assertThat(errors).as("console errors").isEmpty();
  }

  /** No page may show a raw problem document. */
  private static void assertNoRawJson() {
    String text = driver.findElement(By.tagName("body")).getText();
    assertThat(text).doesNotContain("\"code\":").doesNotContain("\"detail\":");
  }

  private static void screenshot(String name) {
    try {
      sleep(300); // let the chart draw
      Path file = SHOTS.resolve(name + ".png");
      Files.copy(
          ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE).toPath(),
          file,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new AssertionError("cannot save screenshot " + name, e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

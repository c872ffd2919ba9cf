package dev.atrium.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.app.TestServer;
import dev.atrium.host.TestPlugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A new tenant's first steps in a real headless Chromium against a real server: the overview's
 * checklist, a key created with scopes picked from the ones that exist, a ready-made call with that
 * key filled in (curl, Python, Java), a vertical enabled under its display name, the playground
 * using the key just created (checked once, not per keystroke), and the checklist ticking itself;
 * then the same pages in Chinese and on a 375 px phone. No console errors; screenshots under
 * target/screenshots/onboarding-*.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OnboardingBrowserTest {
  private static final String VERTICAL = "display-probe";
  private static final Path SHOTS = Paths.get("target", "screenshots");

  private static TestServer server;
  private static ChromeDriver driver;
  private static HeadlessChromium chromium;
  private static String base;
  private static String email;
  private static String apiKey;

  @BeforeAll
  static void start() throws IOException {
    Path plugins =
        TestPlugins.pluginsDir(
            Map.of(
                VERTICAL,
                TestPlugins.probeAs(
                    VERTICAL,
                    """
                    plugin.name=Display probe
                    plugin.name.zh=展示探针
                    plugin.description.zh=用于测试的插件。
                    """),
                "hidden-template",
                TestPlugins.probeAs("hidden-template", "plugin.internal=true\n")));
    server =
        TestServer.withCatalog(
            DashboardBrowserTest.CHAT_CATALOG, Map.of("plugins.dir", plugins.toString()));
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
  @Order(1)
  void aNewTenantSeesTheChecklist() {
    email = "first-" + System.nanoTime() + "@onboarding.test";
    driver.get(base + "/signup");
    waitFor(By.id("tenant")).sendKeys("Onboarding Ltd");
    driver.findElement(By.id("email")).sendKeys(email);
    driver.findElement(By.id("password")).sendKeys("a long enough password");
    driver.findElement(By.id("auth-submit")).click();
    waitFor(By.id("onboarding"));
    assertThat(steps()).containsExactly("key:false", "snippet:false", "plugin:false", "call:false");
    assertThat(text(By.id("onboarding-progress"))).isEqualTo("0 of 4 done");
    shot("onboarding-en-1280-new");
    assertNoConsoleErrors();
  }

  @Test
  @Order(2)
  void theKeyIsCreatedWithScopesThatExist() {
    waitFor(By.id("onboarding-key-action")).click();
    waitFor(By.id("create-key")).click();
    WebElement all = waitFor(By.cssSelector("input[name=scope][value='*']"));
    assertThat(all.isSelected()).isTrue();
    List<String> offered =
        driver.findElements(By.cssSelector("input[name=scope]")).stream()
            .map(e -> e.getAttribute("value"))
            .toList();
    assertThat(offered)
        .contains("*", "embeddings", "generation", "plugin:" + VERTICAL)
        .doesNotContain("plugin:hidden-template");
    assertThat(text(By.cssSelector("[role=dialog] .scope-groups"))).contains("Display probe");
    // Picking one scope unpicks "everything"; picking everything again clears the rest.
    click(By.cssSelector("input[name=scope][value='embeddings']"));
    assertThat(all.isSelected()).isFalse();
    click(all);
    assertThat(
            driver
                .findElement(By.cssSelector("input[name=scope][value='embeddings']"))
                .isSelected())
        .isFalse();
    shot("onboarding-en-1280-scopes");
    driver.findElement(By.id("key-name")).sendKeys("first key");
    driver.findElement(By.id("create-key-submit")).click();
    WebElement shown = waitFor(By.cssSelector("[role=dialog] .secret input"));
    apiKey = shown.getAttribute("value");
    assertThat(apiKey).startsWith("atr_");
    driver.findElement(By.id("close-secret")).click();
    wait(10)
        .until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[role=dialog]")));
    assertNoConsoleErrors();
  }

  @Test
  @Order(3)
  void aReadyMadeCallCarriesTheKey() {
    driver.get(base + "/");
    waitFor(By.cssSelector("li[data-step=key][data-done=true]"));
    assertThat(text(By.id("onboarding-snippet")))
        .startsWith("curl " + base + "/v1/embeddings")
        .contains("Bearer " + apiKey);
    click(By.id("snippet-python"));
    assertThat(text(By.id("onboarding-snippet"))).contains("key = \"" + apiKey + "\"");
    click(By.id("snippet-java"));
    assertThat(text(By.id("onboarding-snippet")))
        .contains("String key = \"" + apiKey + "\";")
        .contains("URI.create(\"" + base + "/v1/embeddings\")");
    click(By.cssSelector("#onboarding button[aria-label='Copy the call']"));
    waitFor(By.cssSelector("li[data-step=snippet][data-done=true]"));
    assertThat(localStorageText()).as("the key never goes to localStorage").doesNotContain(apiKey);
    shot("onboarding-en-1280-snippet");
    assertNoConsoleErrors();
  }

  @Test
  @Order(4)
  void aVerticalIsEnabledUnderItsDisplayName() {
    waitFor(By.id("onboarding-plugin-action")).click();
    waitFor(By.cssSelector("article[data-plugin='" + VERTICAL + "'] h2"));
    assertThat(driver.findElements(By.cssSelector("article[data-plugin='hidden-template']")))
        .isEmpty();
    assertThat(text(By.cssSelector("article[data-plugin='" + VERTICAL + "'] h2")))
        .isEqualTo("Display probe");
    click(By.cssSelector("button[aria-label='Enable Display probe']"));
    waitFor(By.cssSelector("button[aria-label='Disable Display probe']"));
    driver.get(base + "/");
    waitFor(By.cssSelector("li[data-step=plugin][data-done=true]"));
    assertNoConsoleErrors();
  }

  @Test
  @Order(5)
  void thePlaygroundUsesTheKeyJustCreated() {
    waitFor(By.id("onboarding-call-action")).click();
    WebElement field = waitFor(By.id("playground-key"));
    assertThat(field.getAttribute("value")).isEqualTo(apiKey);
    waitFor(By.cssSelector("#chat-model option[value='" + DashboardBrowserTest.CHAT_MODEL + "']"));
    assertThat(modelRequests()).isEqualTo(1);
    // Typing a key (one input event per character) sends nothing until the field is left, and
    // leaving it with the key already in use does not check it again: no 401 per keystroke.
    field.sendKeys(Keys.chord(Keys.CONTROL, "a"), apiKey);
    assertThat(field.getAttribute("value")).isEqualTo(apiKey);
    click(By.id("chat-input"));
    assertThat(modelRequests()).isEqualTo(1);
    WebElement max = waitFor(By.id("chat-max-tokens"));
    max.clear();
    max.sendKeys("20");
    driver.findElement(By.id("chat-input")).sendKeys("Once upon a time");
    click(By.id("chat-send"));
    WebElement stats =
        wait(60)
            .until(
                ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector(".chat-turn.assistant .call-stats")));
    assertThat(stats.getText()).contains(DashboardBrowserTest.CHAT_MODEL);
    shot("onboarding-en-1280-playground");
    assertNoConsoleErrors();
  }

  @Test
  @Order(6)
  void theChecklistTicksItselfOffAndAuditShowsEmails() {
    driver.get(base + "/");
    // The key's first use is written within ~10 s; the checklist asks again every 5 s.
    wait(45)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("onboarding-progress"), "All set"));
    assertThat(steps()).containsExactly("key:true", "snippet:true", "plugin:true", "call:true");
    shot("onboarding-en-1280-done");
    driver.get(base + "/audit");
    waitFor(By.cssSelector("#audit-table tbody tr"));
    String audit = text(By.id("audit-table"));
    assertThat(audit).contains(email).doesNotContain("user:");
    assertNoConsoleErrors();
  }

  @Test
  @Order(7)
  void inChinese() {
    driver.get(base + "/");
    new Select(waitFor(By.cssSelector("[data-testid=language]"))).selectByValue("zh");
    wait(10)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(By.id("onboarding-title"), "快速开始"));
    assertThat(text(By.id("onboarding-progress"))).contains("全部完成");
    shot("onboarding-zh-1280-done");
    driver.get(base + "/plugins");
    waitFor(By.cssSelector("article[data-plugin='" + VERTICAL + "'] h2"));
    assertThat(text(By.cssSelector("article[data-plugin='" + VERTICAL + "'] h2")))
        .isEqualTo("展示探针");
    assertThat(text(By.cssSelector("article[data-plugin='" + VERTICAL + "']")))
        .contains("用于测试的插件。");
    WebElement badge = waitFor(By.cssSelector("article[data-plugin='" + VERTICAL + "'] .badge"));
    assertThat(badge.getText()).isEqualTo("已启用");
    assertThat(badge.getCssValue("white-space")).isEqualTo("nowrap");
    shot("onboarding-zh-1280-plugins");
    driver.get(base + "/keys");
    waitFor(By.id("create-key")).click();
    waitFor(By.cssSelector("input[name=scope][value='plugin:" + VERTICAL + "']"));
    assertThat(text(By.cssSelector("[role=dialog] .scope-groups")))
        .contains("全部权限（*）")
        .contains("插件")
        .contains("展示探针");
    shot("onboarding-zh-1280-scopes");
    assertNoConsoleErrors();
  }

  @Test
  @Order(8)
  void onAPhoneInBothLanguages() {
    driver.manage().window().setSize(new Dimension(375, 812));
    try {
      for (String lang : List.of("zh", "en")) {
        driver.get(base + "/");
        new Select(waitFor(By.cssSelector("[data-testid=language]"))).selectByValue(lang);
        for (String page : List.of("", "keys", "plugins", "playground", "usage", "audit")) {
          driver.get(base + "/" + page);
          waitFor(By.id("page-title"));
          wait(15)
              .until(d -> d.findElements(By.cssSelector("main [role=status] .spinner")).isEmpty());
          assertFitsTheScreen(page);
          shot("onboarding-" + lang + "-375-" + (page.isEmpty() ? "overview" : page));
        }
      }
      // Dismissed, the checklist stays away.
      driver.get(base + "/");
      waitFor(By.id("onboarding-dismiss")).click();
      assertThat(driver.findElements(By.id("onboarding"))).isEmpty();
      driver.navigate().refresh();
      waitFor(By.id("page-title"));
      assertThat(driver.findElements(By.id("onboarding"))).isEmpty();
      assertNoConsoleErrors();
    } finally {
      driver.manage().window().setSize(new Dimension(1280, 900));
    }
  }

  /** Each checklist step as {@code id:done}, in order. */
  private static List<String> steps() {
    return driver.findElements(By.cssSelector("#onboarding li[data-step]")).stream()
        .map(li -> li.getAttribute("data-step") + ":" + li.getAttribute("data-done"))
        .toList();
  }

  /** How many times the page has asked /v1/models, from the browser's own resource timings. */
  private static long modelRequests() {
    return (Long)
        js(
            "return performance.getEntriesByType('resource')"
                + ".filter(e => new URL(e.name).pathname === '/v1/models').length;");
  }

  private static String localStorageText() {
    return (String) js("return JSON.stringify({...localStorage});");
  }

  private static void assertFitsTheScreen(String page) {
    Object wide =
        js(
            "const w = document.documentElement.clientWidth;"
                + " return [...document.querySelectorAll('body *')]"
                + ".filter(e => e.getBoundingClientRect().right > w + 1"
                + "  && !e.closest('.table-wrap, pre'))"
                + ".map(e => e.tagName + '.' + e.className).slice(0, 5).join(', ');");
    assertThat((String) wide).as("elements wider than the phone on /" + page).isEmpty();
  }

  private static void assertNoConsoleErrors() {
    List<String> errors =
        driver.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
            .map(e -> e.getMessage())
            .toList();
    assertThat(errors).as("console errors").isEmpty();
  }

  private static void click(By by) {
    click(waitFor(by));
  }

  private static void click(WebElement element) {
    js("arguments[0].scrollIntoView({block: 'center'});", element);
    element.click();
  }

  private static String text(By by) {
    return waitFor(by).getText();
  }

  private static Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  private static WebDriverWait wait(int seconds) {
    return new WebDriverWait(driver, Duration.ofSeconds(seconds));
  }

  private static WebElement waitFor(By by) {
    return wait(15).until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  private static void shot(String name) {
    try {
      Files.copy(
          driver.getScreenshotAs(OutputType.FILE).toPath(),
          SHOTS.resolve(name + ".png"),
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new AssertionError("cannot save screenshot " + name, e);
    }
  }
}

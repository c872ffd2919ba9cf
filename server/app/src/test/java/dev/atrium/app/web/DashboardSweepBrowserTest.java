package dev.atrium.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.atrium.app.ApiClient;
import dev.atrium.app.TestServer;
import dev.atrium.billing.http.TestPlans;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Every page of the dashboard, checked in the system headless Chromium: the signed-out pages, then
 * every page the navigation offers a tenant owner and the operator (read from the navigation
 * itself, so a page added to it is swept too), in English and Chinese, at 1280 and 375 px in the
 * light theme and at 1280 px in the dark one. Each view is saved as
 * target/screenshots/&lt;role&gt;-&lt;page&gt;-&lt;lang&gt;-&lt;width&gt;[-dark].png and must have
 * no serious or critical axe-core violation (axe from the webapp's node_modules, injected into the
 * page: no network), no console error, and at 375 px nothing reaching past the screen's right edge
 * outside a horizontally scrolling box. Every problem of the sweep is listed in one failure. The
 * tenant has crossed a budget threshold, so its notice (with its dismiss button) is on every page;
 * the operator's sweep includes that tenant's account page; and the operator suspends a tenant
 * through the confirmation dialog (checked like a page), the tenant's user sees why, and resuming
 * lets them sign in again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardSweepBrowserTest {
  static final Path SHOTS = Paths.get("target", "screenshots");
  static final Path AXE = Paths.get("..", "..", "webapp", "node_modules", "axe-core", "axe.min.js");
  static final int WIDE = 1280;
  static final int PHONE = 375;
  static final List<String> LANGUAGES = List.of("en", "zh");
  private static final String PRICED = "sweep-priced";

  private static TestServer server;
  private static Vertx vertx;
  private static ApiClient api;
  private static HeadlessChromium chromium;
  private static ChromeDriver driver;
  private static String base;
  private static String axeSource;
  private static final List<String> swept = new ArrayList<>();
  private static int views;
  private static String sweepTenantId;
  private static long sweepNanos;

  @BeforeAll
  static void start() throws IOException {
    if (!Files.isRegularFile(AXE)) {
      fail("axe-core is missing at " + AXE.toAbsolutePath() + ": build the webapp (npm ci) first.");
    }
    axeSource = Files.readString(AXE);
    Files.createDirectories(SHOTS);
    server = TestServer.start();
    base = "http://127.0.0.1:" + server.port();
    vertx = Vertx.vertx();
    api = new ApiClient(vertx, server.port());
    chromium = HeadlessChromium.start();
    driver = chromium.driver;
  }

  @AfterAll
  static void stop() throws IOException {
    System.out.printf(
        "Dashboard sweep: %d pages, %d views in %.1f s%n", swept.size(), views, sweepNanos / 1e9);
    if (chromium != null) {
      chromium.close();
    }
    if (vertx != null) {
      vertx.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  @Order(1)
  void signedOutPages() {
    String owner = api.signup("Inviting Ltd", "owner-" + System.nanoTime() + "@sweep.test");
    String invite =
        api.post(
                "/api/users",
                owner,
                new JsonObject().put("email", "new@sweep.test").put("role", "developer"))
            .bodyAsJsonObject()
            .getString("inviteToken");
    driver.get(base + "/login");
    assertClean(sweep("public", List.of("/login", "/signup", "/accept-invite?token=" + invite)));
  }

  @Test
  @Order(2)
  void everyTenantPage() {
    String owner = api.signup("Sweep Ltd", "owner-" + System.nanoTime() + "@sweep.test");
    sweepTenantId = tenantId(owner);
    String key = api.createKey(owner, new JsonObject().put("name", "sweep key")).getString("key");
    String operator = api.login(TestServer.OPERATOR_EMAIL, TestServer.OPERATOR_PASSWORD);
    assertThat(
            api.post(
                    "/api/admin/plans", operator, TestPlans.priced(PRICED, Map.of("requests", "1")))
                .statusCode())
        .isEqualTo(201);
    TestPlans.subscribe(api, operator, sweepTenantId, PRICED);
    assertThat(api.get("/v1/me", key).statusCode()).isEqualTo(200);
    // US$1 of a US$2 budget: the 50% notice is on every page.
    HttpResponse<Buffer> budget =
        api.send(
            HttpMethod.PUT,
            "/api/budget",
            owner,
            "application/json",
            new JsonObject().put("monthlyAmount", "2.00").toBuffer());
    assertThat(budget.bodyAsJsonObject().getJsonArray("alerts")).hasSize(1);
    signIn(owner);
    waitFor("#budget-notice-dismiss");
    List<String> pages = navigationPages();
    assertThat(pages).contains("/", "/keys", "/usage", "/team");
    assertClean(sweep("tenant", pages));
  }

  @Test
  @Order(3)
  void everyOperatorPage() {
    signIn(api.login(TestServer.OPERATOR_EMAIL, TestServer.OPERATOR_PASSWORD));
    List<String> pages = new ArrayList<>(navigationPages());
    assertThat(pages).contains("/admin/tenants", "/admin/plans");
    pages.add("/admin/tenants/" + sweepTenantId);
    assertClean(sweep("operator", pages));
  }

  @Test
  @Order(4)
  void theThemeFollowsTheSystemUntilChosenAndTheChoiceIsKept() {
    driver.get(base + "/login");
    waitFor("#page-title");
    emulateDarkSystem(true);
    awaitTheme("dark");
    emulateDarkSystem(false);
    awaitTheme("light");
    new Select(waitFor("[data-testid=theme]")).selectByValue("dark");
    awaitTheme("dark");
    driver.navigate().refresh();
    waitFor("#page-title");
    awaitTheme("dark"); // the choice outlives a reload, against a light system
    new Select(waitFor("[data-testid=theme]")).selectByValue("system");
    awaitTheme("light");
    assertThat(js("return localStorage.getItem('atrium.theme')")).isNull();
  }

  @Test
  @Order(5)
  void theLanguageIsKeptAndSetsTheDocumentLanguage() {
    js("sessionStorage.removeItem('atrium.token');");
    driver.get(base + "/login");
    chooseLanguage("zh");
    driver.navigate().refresh();
    waitFor("#page-title");
    assertThat(js("return document.documentElement.lang")).isEqualTo("zh-CN");
    assertThat(driver.findElement(By.id("page-title")).getText()).isEqualTo("登录");
    chooseLanguage("en");
    assertThat(js("return document.documentElement.lang")).isEqualTo("en");
  }

  @Test
  @Order(6)
  void theChecksFindWhatTheyLookFor() {
    js("sessionStorage.removeItem('atrium.token');");
    driver.get(base + "/login");
    waitFor("#page-title");
    resize(PHONE);
    try {
      js(
          "document.querySelector('main').insertAdjacentHTML('beforeend',"
              + " '<p id=\"faint\" style=\"color:#aaa;background:#bbb\">faint</p>"
              + "<div id=\"wide\" style=\"width:600px\">wide</div>');"
              + " console.error('a deliberate error');");
      assertThat(seriousAxeViolations())
          .anyMatch(v -> v.startsWith("color-contrast (serious)") && v.contains("#faint"));
      assertThat(consoleErrors()).anyMatch(e -> e.contains("a deliberate error"));
      assertThat(overflowingElements()).contains("the page scrolls sideways", "div#wide");
    } finally {
      resize(WIDE);
    }
  }

  @Test
  @Order(7)
  void theOperatorSuspendsAfterConfirmingTheUserSeesWhyAndResumingLetsThemIn() {
    String email = "owner-" + System.nanoTime() + "@suspended-sweep.test";
    String owner = api.signup("Suspended Sweep Ltd", email);
    String tenant = tenantId(owner);
    String account = "/admin/tenants/" + tenant;
    signIn(api.login(TestServer.OPERATOR_EMAIL, TestServer.OPERATOR_PASSWORD));
    List<String> problems = new ArrayList<>();
    for (String lang : LANGUAGES) {
      chooseLanguage(lang);
      for (int width : List.of(WIDE, PHONE)) {
        show(account);
        resize(width);
        WebElement reason = waitFor("#suspend-reason");
        reason.clear();
        reason.sendKeys("Chargeback 拒付");
        driver.findElement(By.cssSelector("#tenant-suspension button[type=submit]")).click();
        WebElement dialog = waitFor("[role=dialog]");
        assertThat(dialog.getText())
            .contains("Suspended Sweep Ltd")
            .contains("Chargeback 拒付")
            .contains("tenant_suspended");
        check("operator-tenant-suspend-confirm-" + lang + "-" + width, width, problems);
        dialog.findElement(By.cssSelector("button.secondary")).click();
        until(5, d -> d.findElements(By.cssSelector("[role=dialog]")).isEmpty());
      }
    }
    assertClean(problems);
    String key = api.createKey(owner, new JsonObject().put("name", "k")).getString("key");
    assertThat(api.get("/v1/me", key).statusCode()).as("cancelled: still served").isEqualTo(200);

    chooseLanguage("en");
    resize(WIDE);
    driver.findElement(By.cssSelector("#tenant-suspension button[type=submit]")).click();
    waitFor("[role=dialog] button.danger").click();
    until(5, d -> d.findElements(By.cssSelector("[role=dialog]")).isEmpty());
    assertThat(waitFor("#tenant-suspension [role=status]").getText()).isEqualTo("Suspended.");
    assertThat(waitFor("#tenant-suspension-reason").getText()).isEqualTo("Chargeback 拒付");
    assertThat(driver.findElement(By.cssSelector(".page-header .badge-suspended")).getText())
        .isEqualTo("suspended");
    assertClean(sweep("operator-suspended", List.of(account, "/admin/tenants")));
    chooseLanguage("en");
    show("/admin/tenants");
    assertThat(
            until(
                    10,
                    d ->
                        d.findElements(By.cssSelector("tbody tr")).stream()
                            .filter(r -> r.getText().contains("Suspended Sweep Ltd"))
                            .findFirst()
                            .orElse(null))
                .getText())
        .contains("suspended");

    // The tenant's open session ends with the reason in the user's language; so does a login.
    signInExpectingSuspension(owner);
    for (String lang : LANGUAGES) {
      chooseLanguage(lang);
      assertThat(waitFor("#suspended-notice").getText())
          .contains(lang.equals("en") ? "suspended" : "暂停")
          .doesNotContain("Chargeback");
      for (int width : List.of(WIDE, PHONE)) {
        check("public-login-suspended-" + lang + "-" + width, width, problems);
      }
    }
    assertClean(problems);
    resize(WIDE);
    chooseLanguage("en");
    logIn(email);
    assertThat(waitFor("#suspended-notice").getText()).contains("suspended");
    expectRefusalsLogged();

    signIn(api.login(TestServer.OPERATOR_EMAIL, TestServer.OPERATOR_PASSWORD));
    show(account);
    driver.findElement(By.cssSelector("#tenant-suspension button[type=submit]")).click();
    WebElement dialog = waitFor("[role=dialog]");
    assertThat(dialog.getText()).contains("Resume Suspended Sweep Ltd?");
    check("operator-tenant-resume-confirm-en-" + WIDE, WIDE, problems);
    assertClean(problems);
    dialog.findElement(By.cssSelector("button.danger")).click();
    assertThat(waitFor("#tenant-suspension [role=status]").getText()).isEqualTo("Resumed.");

    js("sessionStorage.removeItem('atrium.token');");
    driver.get(base + "/login");
    logIn(email);
    waitFor("#sidenav");
    assertThat(driver.findElements(By.id("suspended-notice"))).isEmpty();
  }

  // --- the sweep ---

  /** Visits {@code pages} in every language and theme; returns the problems found. */
  private static List<String> sweep(String role, List<String> pages) {
    long started = System.nanoTime();
    List<String> problems = new ArrayList<>();
    try {
      for (boolean dark : List.of(false, true)) {
        emulateDarkSystem(dark);
        awaitTheme(dark ? "dark" : "light");
        for (String lang : LANGUAGES) {
          chooseLanguage(lang);
          for (String page : pages) {
            show(page);
            for (int width : dark ? List.of(WIDE) : List.of(WIDE, PHONE)) {
              String view =
                  role + "-" + pageName(page) + "-" + lang + "-" + width + (dark ? "-dark" : "");
              check(view, width, problems);
            }
          }
        }
      }
    } finally {
      emulateDarkSystem(false);
      resize(WIDE);
      pages.forEach(p -> swept.add(role + " " + p));
      sweepNanos += System.nanoTime() - started;
    }
    return problems;
  }

  private static void check(String view, int width, List<String> problems) {
    resize(width);
    screenshot(view);
    views++;
    for (String violation : seriousAxeViolations()) {
      problems.add(view + ": axe " + violation);
    }
    for (String error : consoleErrors()) {
      problems.add(view + ": console error " + error);
    }
    if (width == PHONE) {
      String overflow = overflowingElements();
      if (!overflow.isEmpty()) {
        problems.add(view + ": wider than the screen: " + overflow);
      }
    }
  }

  private static void assertClean(List<String> problems) {
    assertThat(problems).as("problems found by the sweep").isEmpty();
  }

  /** The paths of the navigation's links, in order, as the signed-in user sees them. */
  @SuppressWarnings("unchecked")
  private static List<String> navigationPages() {
    waitFor("#sidenav a");
    return (List<String>)
        js(
            "return [...document.querySelectorAll('#sidenav a')]"
                + ".map(a => a.getAttribute('href'));");
  }

  private static String tenantId(String owner) {
    return api.get("/api/me", owner).bodyAsJsonObject().getJsonObject("tenant").getString("id");
  }

  /**
   * Opens the dashboard with {@code token} of a suspended tenant's user: the login page says why.
   */
  private static void signInExpectingSuspension(String token) {
    driver.get(base + "/login");
    js("sessionStorage.setItem('atrium.token', arguments[0]);", token);
    driver.get(base + "/");
    waitFor("#suspended-notice");
    assertThat(js("return sessionStorage.getItem('atrium.token')")).isNull();
    expectRefusalsLogged();
  }

  /**
   * The browser may log the refused calls (403) as errors, a moment later: they are the point here.
   * Takes what it logs within a second and allows nothing else.
   */
  private static void expectRefusalsLogged() {
    List<String> logged = new ArrayList<>();
    long end = System.nanoTime() + Duration.ofSeconds(1).toNanos();
    while (logged.isEmpty() && System.nanoTime() < end) {
      logged.addAll(consoleErrors());
    }
    assertThat(logged).allMatch(e -> e.contains("403"));
  }

  /** Signs in through the login form with the password {@link ApiClient#signup} sets. */
  private static void logIn(String email) {
    WebElement field = waitFor("#email");
    field.clear();
    field.sendKeys(email);
    driver.findElement(By.id("password")).sendKeys("correct horse battery");
    driver.findElement(By.id("auth-submit")).click();
  }

  private static void signIn(String token) {
    driver.get(base + "/login");
    js("sessionStorage.setItem('atrium.token', arguments[0]);", token);
    driver.get(base + "/");
    waitFor("#sidenav");
  }

  /** Client-side navigation (no reload), then waits until the page has loaded its data. */
  private static void show(String path) {
    js(
        "history.pushState(null, '', arguments[0]); dispatchEvent(new PopStateEvent('popstate'));",
        path);
    until(
        15,
        d ->
            path.equals(js("return location.pathname + location.search"))
                && !d.findElements(By.id("page-title")).isEmpty()
                && d.findElements(By.cssSelector("main [role=status] .spinner")).isEmpty());
  }

  private static void chooseLanguage(String lang) {
    new Select(waitFor("[data-testid=language]")).selectByValue(lang);
    String expected = lang.equals("zh") ? "zh-CN" : "en";
    until(5, d -> expected.equals(js("return document.documentElement.lang")));
  }

  private static void emulateDarkSystem(boolean dark) {
    driver.executeCdpCommand(
        "Emulation.setEmulatedMedia",
        Map.of(
            "features",
            List.of(Map.of("name", "prefers-color-scheme", "value", dark ? "dark" : "light"))));
  }

  /** Waits until the page is drawn in {@code theme}: dark or light, told by its background. */
  private static void awaitTheme(String theme) {
    until(
        5,
        d ->
            theme.equals(
                js(
                    "const [r, g, b] = getComputedStyle(document.documentElement)"
                        + ".backgroundColor.match(/\\d+/g).map(Number);"
                        + " return r + g + b < 384 ? 'dark' : 'light';")));
  }

  /** Resizes the viewport and waits two frames, so layout and charts follow. */
  private static void resize(int width) {
    if (driver.manage().window().getSize().getWidth() != width) {
      driver.manage().window().setSize(new Dimension(width, width == PHONE ? 812 : 900));
    }
    driver.executeAsyncScript(
        "const done = arguments[0];"
            + " requestAnimationFrame(() => requestAnimationFrame(() => done()));");
  }

  @SuppressWarnings("unchecked")
  private static List<String> seriousAxeViolations() {
    if (!Boolean.TRUE.equals(js("return typeof window.axe === 'object';"))) {
      js(axeSource);
    }
    return (List<String>)
        driver.executeAsyncScript(
            "const done = arguments[0];"
                + " axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations"
                + "   .filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + "   .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at '"
                + "     + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))),"
                + "   e => done(['axe failed: ' + e]));");
  }

  /**
   * Elements whose right edge passes the screen's and that no horizontally scrolling box holds:
   * they make the page scroll sideways or are cut off.
   */
  private static String overflowingElements() {
    return (String)
        js(
            "const w = document.documentElement.clientWidth;"
                + " const scrolls = e => { for (let p = e.parentElement; p; p = p.parentElement) {"
                + "   const o = getComputedStyle(p).overflowX;"
                + "   if (o === 'auto' || o === 'scroll') return true; } return false; };"
                + " const wide = [...document.body.querySelectorAll('*')].filter(e => {"
                + "   const r = e.getBoundingClientRect();"
                + "   return r.width > 0 && r.right > w + 1 && !scrolls(e); });"
                + " const page = document.documentElement.scrollWidth > w + 1"
                + "   ? ['the page scrolls sideways (' + document.documentElement.scrollWidth"
                + "     + ' px)'] : [];"
                + " return page.concat(wide.slice(0, 5).map(e => e.tagName.toLowerCase()"
                + "   + (e.id ? '#' + e.id : '') + (e.className && e.className.baseVal === undefined"
                + "     ? '.' + e.className.trim().split(/\\s+/).join('.') : '')"
                + "   + ' (' + Math.round(e.getBoundingClientRect().right) + ' px)')).join(', ');");
  }

  private static List<String> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

  private static String pageName(String path) {
    String name =
        path.replaceAll("\\?.*$", "")
            .replaceAll("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}", "id")
            .replaceAll("^/+|/+$", "")
            .replace('/', '-');
    return name.isEmpty() ? "home" : name;
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

  private static WebElement waitFor(String css) {
    return until(15, d -> d.findElements(By.cssSelector(css)).stream().findFirst().orElse(null));
  }

  /** Waits for {@code condition}, looking every 20 ms (the page answers in a few). */
  private static <T> T until(int seconds, Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, Duration.ofSeconds(seconds))
        .pollingEvery(Duration.ofMillis(20))
        .until(condition);
  }

  private static Object js(String script, Object... args) {
    return driver.executeScript(script, args);
  }
}

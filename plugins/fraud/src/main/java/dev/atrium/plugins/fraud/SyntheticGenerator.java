package dev.atrium.plugins.fraud;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthetic card payments with planted fraud, for tests, the bench and demos (there is no public
 * card-fraud data here). Deterministic for a seed.
 *
 * <p>The world: {@code accounts} card holders, each with a home city (one of eight, in four
 * countries), a typical amount (log-normal around 10-150), a daily rate (0.3-3 payments), five
 * favourite merchants (80% of their payments), one or two devices. {@code merchants} merchants in
 * eight categories with their own price level. Activity follows a daily cycle (quiet 01-06 UTC,
 * peaks at lunch and in the evening) and a weekly one (+30% on Saturday and Sunday).
 *
 * <p>Planted patterns (label 1), each a set of incidents on random victims and days:
 *
 * <ul>
 *   <li>{@code card_testing}: 8-20 payments of 0.50-3.00 within about three minutes, online, at
 *       different merchants, from a device the account never used;
 *   <li>{@code account_takeover}: on a new device in another country, 1-3 payments of 6-20 times
 *       the account's typical amount within an hour;
 *   <li>{@code bust_out}: an account that behaved for weeks makes 6-12 payments of 4-10 times its
 *       typical amount over a few hours;
 *   <li>{@code merchant_collusion}: one merchant takes round payments (100-500, multiples of 50)
 *       from 8-15 accounts that never paid it, within a day.
 * </ul>
 */
final class SyntheticGenerator {
  static final List<String> PATTERNS =
      List.of("card_testing", "account_takeover", "bust_out", "merchant_collusion");
  private static final String[] COUNTRIES = {"GB", "GB", "DE", "DE", "FR", "FR", "CN", "CN"};
  private static final double[][] CITIES = {
    {51.51, -0.13}, {53.48, -2.24}, {52.52, 13.40}, {48.14, 11.58},
    {48.86, 2.35}, {45.76, 4.84}, {31.23, 121.47}, {39.90, 116.40}
  };
  private static final String[] CATEGORIES = {
    "grocery", "fuel", "restaurant", "electronics", "travel", "fashion", "digital_goods", "pharmacy"
  };
  private static final String[] CURRENCIES = {
    "GBP", "GBP", "EUR", "EUR", "EUR", "EUR", "CNY", "CNY"
  };

  /** Relative activity per UTC hour. */
  private static final double[] HOURLY = {
    0.3, 0.15, 0.1, 0.08, 0.08, 0.12, 0.3, 0.6, 0.9, 1.0, 1.1, 1.3,
    1.6, 1.4, 1.1, 1.0, 1.1, 1.3, 1.6, 1.8, 1.6, 1.2, 0.8, 0.5
  };

  /** What to generate: {@code incidents} of each pattern over the whole period. */
  record Params(long seed, int accounts, int merchants, int days, int incidents, Instant start) {}

  /** A generated payment with its truth. */
  record Generated(JsonObject txn, int label, String pattern) {
    Instant timestamp() {
      return Instant.parse(txn.getString("timestamp"));
    }
  }

  private record Account(
      String id, int city, double typical, double rate, int[] favourites, String[] devices) {}

  private final Params params;
  private final SplittableRandom random;
  private final List<Account> accounts = new ArrayList<>();
  private final double[] merchantLevel;
  private final List<Generated> out = new ArrayList<>();
  private final double[] hourCdf = new double[24];

  private SyntheticGenerator(Params params) {
    this.params = params;
    this.random = new SplittableRandom(params.seed());
    merchantLevel = new double[params.merchants()];
    for (int m = 0; m < merchantLevel.length; m++) {
      merchantLevel[m] = Math.exp(random.nextGaussian() * 0.6);
    }
    for (int a = 0; a < params.accounts(); a++) {
      int[] favourites = new int[5];
      for (int k = 0; k < 5; k++) {
        favourites[k] = random.nextInt(params.merchants());
      }
      String[] devices =
          random.nextDouble() < 0.3
              ? new String[] {"dev-" + a + "-a", "dev-" + a + "-b"}
              : new String[] {"dev-" + a + "-a"};
      accounts.add(
          new Account(
              "acct-" + a,
              random.nextInt(CITIES.length),
              Math.exp(Math.log(10) + random.nextDouble() * Math.log(15)),
              0.3 + random.nextDouble() * 2.7,
              favourites,
              devices));
    }
    double total = 0;
    for (int h = 0; h < 24; h++) {
      total += HOURLY[h];
      hourCdf[h] = total;
    }
    for (int h = 0; h < 24; h++) {
      hourCdf[h] /= total;
    }
  }

  /**
   * The payments of the period, in time order, with ids {@code <prefix>-<n>}. None falls after the
   * period's last day: an incident that starts late on it is cut there (a demo history ending
   * yesterday would otherwise hold payments later than now).
   */
  static List<Generated> generate(Params params, String idPrefix) {
    SyntheticGenerator generator = new SyntheticGenerator(params);
    generator.normalTraffic();
    for (int i = 0; i < params.incidents(); i++) {
      generator.cardTesting();
      generator.accountTakeover();
      generator.bustOut();
      generator.merchantCollusion();
    }
    Instant end = params.start().plus(Duration.ofDays(params.days()));
    List<Generated> sorted = new ArrayList<>(generator.out);
    sorted.removeIf(g -> !g.timestamp().isBefore(end));
    sorted.sort(Comparator.comparing(Generated::timestamp));
    List<Generated> numbered = new ArrayList<>(sorted.size());
    for (int i = 0; i < sorted.size(); i++) {
      Generated g = sorted.get(i);
      numbered.add(new Generated(g.txn().put("id", idPrefix + "-" + i), g.label(), g.pattern()));
    }
    return numbered;
  }

  private void normalTraffic() {
    for (int day = 0; day < params.days(); day++) {
      Instant midnight = params.start().plus(Duration.ofDays(day));
      int weekday = midnight.atZone(java.time.ZoneOffset.UTC).getDayOfWeek().getValue();
      double weekly = weekday >= 6 ? 1.3 : 1.0;
      for (Account account : accounts) {
        int n = poisson(account.rate() * weekly);
        for (int k = 0; k < n; k++) {
          Instant at = midnight.plusSeconds(hour() * 3600L + random.nextInt(3600));
          int merchant =
              random.nextDouble() < 0.8
                  ? account.favourites()[random.nextInt(5)]
                  : random.nextInt(params.merchants());
          double amount =
              account.typical() * merchantLevel[merchant] * Math.exp(random.nextGaussian() * 0.5);
          String device = account.devices()[random.nextInt(account.devices().length)];
          add(
              account,
              at,
              amount,
              merchant,
              device,
              account.city(),
              channel(merchant),
              0,
              "normal");
        }
      }
    }
  }

  private void cardTesting() {
    Account victim = victim();
    Instant at = incidentStart();
    String device = "fraud-dev-" + random.nextInt(1_000_000);
    int n = 8 + random.nextInt(13);
    for (int k = 0; k < n; k++) {
      add(
          victim,
          at.plusSeconds(k * (5 + random.nextInt(15))),
          0.5 + random.nextDouble() * 2.5,
          random.nextInt(params.merchants()),
          device,
          victim.city(),
          "online",
          1,
          "card_testing");
    }
  }

  private void accountTakeover() {
    Account victim = victim();
    Instant at = incidentStart();
    String device = "fraud-dev-" + random.nextInt(1_000_000);
    int city = (victim.city() + 2 + 2 * random.nextInt(3)) % CITIES.length;
    int n = 1 + random.nextInt(3);
    for (int k = 0; k < n; k++) {
      add(
          victim,
          at.plusSeconds(k * 600L + random.nextInt(600)),
          victim.typical() * (6 + random.nextDouble() * 14),
          random.nextInt(params.merchants()),
          device,
          city,
          "online",
          1,
          "account_takeover");
    }
  }

  private void bustOut() {
    Account victim = victim();
    Instant at = incidentStart();
    int n = 6 + random.nextInt(7);
    for (int k = 0; k < n; k++) {
      add(
          victim,
          at.plusSeconds(k * (600L + random.nextInt(1800))),
          victim.typical() * (4 + random.nextDouble() * 6),
          random.nextInt(params.merchants()),
          victim.devices()[0],
          victim.city(),
          "pos",
          1,
          "bust_out");
    }
  }

  private void merchantCollusion() {
    int merchant = random.nextInt(params.merchants());
    Instant at = incidentStart();
    int n = 8 + random.nextInt(8);
    for (int k = 0; k < n; k++) {
      Account account = victim();
      add(
          account,
          at.plusSeconds(random.nextInt(20 * 3600)),
          50.0 * (2 + random.nextInt(9)),
          merchant,
          account.devices()[0],
          account.city(),
          "online",
          1,
          "merchant_collusion");
    }
  }

  private Account victim() {
    return accounts.get(random.nextInt(accounts.size()));
  }

  /** An incident starts after the first week, so victims have a history. */
  private Instant incidentStart() {
    int first = Math.min(7, params.days() - 1);
    int day = first + random.nextInt(Math.max(1, params.days() - first));
    return params.start().plus(Duration.ofDays(day)).plusSeconds(random.nextInt(20 * 3600));
  }

  private void add(
      Account account,
      Instant at,
      double amount,
      int merchant,
      String device,
      int city,
      String channel,
      int label,
      String pattern) {
    double[] home = CITIES[city];
    JsonObject txn =
        new JsonObject()
            .put("amount", Math.max(0.01, Math.round(amount * 100) / 100.0))
            .put("currency", CURRENCIES[account.city()])
            .put("timestamp", at.toString())
            .put("account", account.id())
            .put("merchant", "m-" + merchant)
            .put("category", CATEGORIES[merchant % CATEGORIES.length])
            .put("channel", channel)
            .put("device", device)
            .put("country", COUNTRIES[city])
            .put("lat", Math.round((home[0] + random.nextGaussian() * 0.05) * 1e4) / 1e4)
            .put("lon", Math.round((home[1] + random.nextGaussian() * 0.05) * 1e4) / 1e4);
    out.add(new Generated(txn, label, pattern));
  }

  private String channel(int merchant) {
    return switch (CATEGORIES[merchant % CATEGORIES.length]) {
      case "digital_goods", "travel" -> "online";
      case "electronics", "fashion" -> random.nextDouble() < 0.5 ? "online" : "pos";
      default -> random.nextDouble() < 0.1 ? "mobile" : "pos";
    };
  }

  private int hour() {
    double u = random.nextDouble();
    for (int h = 0; h < 24; h++) {
      if (u <= hourCdf[h]) {
        return h;
      }
    }
    return 23;
  }

  private int poisson(double mean) {
    double limit = Math.exp(-mean);
    double product = random.nextDouble();
    int n = 0;
    while (product > limit) {
      product *= random.nextDouble();
      n++;
    }
    return n;
  }
}

package dev.atrium.plugins.fraud;

import java.util.Arrays;
import java.util.List;

/**
 * The online features, in the order of a model's columns. Each says how the unsupervised score
 * reads it ({@link Kind}) and how an analyst reads it, in English and Chinese.
 */
enum Feature {
  AMOUNT("amount", Kind.CONTEXT, "the amount", "交易金额", "amount", "金额"),
  AMOUNT_ZSCORE(
      "amount_zscore",
      Kind.HIGH_IS_RISKY,
      "amount far above this account's usual",
      "金额远高于该账户平时水平",
      "amount against the account's usual (z-score)",
      "金额相对账户平时水平（z分数）"),
  AMOUNT_TO_MEDIAN(
      "amount_to_median",
      Kind.HIGH_IS_RISKY,
      "amount many times this account's median",
      "金额为该账户中位数的多倍",
      "amount over the account's median",
      "金额与账户中位数之比"),
  ACCT_COUNT_1M(
      "acct_count_1m",
      Kind.HIGH_IS_RISKY,
      "many payments from this account in the last minute",
      "该账户一分钟内交易次数多",
      "the account's payments in the last minute",
      "账户一分钟内交易次数"),
  ACCT_COUNT_1H(
      "acct_count_1h",
      Kind.HIGH_IS_RISKY,
      "many payments from this account in the last hour",
      "该账户一小时内交易次数多",
      "the account's payments in the last hour",
      "账户一小时内交易次数"),
  ACCT_COUNT_24H(
      "acct_count_24h",
      Kind.HIGH_IS_RISKY,
      "many payments from this account in the last day",
      "该账户一天内交易次数多",
      "the account's payments in the last day",
      "账户一天内交易次数"),
  ACCT_SUM_1M(
      "acct_sum_1m",
      Kind.CONTEXT,
      "amount spent by this account in the last minute",
      "该账户一分钟内交易总额",
      "the account's spending in the last minute",
      "账户一分钟内消费总额"),
  ACCT_SUM_1H(
      "acct_sum_1h",
      Kind.HIGH_IS_RISKY,
      "high spending by this account in the last hour",
      "该账户一小时内消费总额高",
      "the account's spending in the last hour",
      "账户一小时内消费总额"),
  ACCT_SUM_24H(
      "acct_sum_24h",
      Kind.HIGH_IS_RISKY,
      "high spending by this account in the last day",
      "该账户一天内消费总额高",
      "the account's spending in the last day",
      "账户一天内消费总额"),
  DEVICE_COUNT_1H(
      "device_count_1h",
      Kind.HIGH_IS_RISKY,
      "many payments from this device in the last hour",
      "该设备一小时内交易次数多",
      "the device's payments in the last hour",
      "设备一小时内交易次数"),
  DEVICE_COUNT_24H(
      "device_count_24h",
      Kind.CONTEXT,
      "payments from this device in the last day",
      "该设备一天内交易次数",
      "the device's payments in the last day",
      "设备一天内交易次数"),
  DEVICE_ACCOUNTS_24H(
      "device_accounts_24h",
      Kind.HIGH_IS_RISKY,
      "this device paid for several accounts today",
      "该设备一天内被多个账户使用",
      "accounts using this device today",
      "一天内使用该设备的账户数"),
  MERCHANT_COUNT_1H(
      "merchant_count_1h",
      Kind.CONTEXT,
      "payments to this merchant in the last hour",
      "该商户一小时内交易次数",
      "the merchant's payments in the last hour",
      "商户一小时内交易次数"),
  MERCHANT_COUNT_24H(
      "merchant_count_24h",
      Kind.CONTEXT,
      "payments to this merchant in the last day",
      "该商户一天内交易次数",
      "the merchant's payments in the last day",
      "商户一天内交易次数"),
  MERCHANT_ACCOUNTS_24H(
      "merchant_accounts_24h",
      Kind.CONTEXT,
      "accounts paying this merchant today",
      "一天内向该商户付款的账户数",
      "accounts paying this merchant today",
      "一天内向该商户付款的账户数"),
  MERCHANT_AMOUNT_RATIO(
      "merchant_amount_ratio",
      Kind.CONTEXT,
      "amount far above this merchant's usual",
      "金额远高于该商户平时水平",
      "amount over the merchant's median",
      "金额与商户中位数之比"),
  NEW_DEVICE(
      "new_device",
      Kind.FLAG,
      "first payment from this device for the account",
      "该账户首次使用此设备",
      "a device new to the account",
      "账户首次使用的设备"),
  NEW_COUNTRY(
      "new_country",
      Kind.FLAG,
      "first payment from this country for the account",
      "该账户首次在此国家交易",
      "a country new to the account",
      "账户首次出现的国家"),
  NEW_MERCHANT(
      "new_merchant",
      Kind.FLAG,
      "first payment to this merchant for the account",
      "该账户首次向此商户付款",
      "a merchant new to the account",
      "账户首次付款的商户"),
  HOUR_OF_DAY(
      "hour_of_day",
      Kind.CONTEXT,
      "the hour of day (UTC)",
      "交易时段（UTC小时）",
      "hour of day (UTC)",
      "交易时段（UTC小时）"),
  UNUSUAL_HOUR(
      "unusual_hour",
      Kind.FLAG,
      "first payment at this hour for an account with a long history",
      "老账户首次在此时段交易",
      "an hour new to the account",
      "账户首次出现的交易时段"),
  GEO_KM(
      "geo_km",
      Kind.HIGH_IS_RISKY,
      "far from the account's last location",
      "距该账户上次交易地点很远",
      "distance from the account's last location (km)",
      "距账户上次交易地点的距离（公里）"),
  GEO_SPEED_KMH(
      "geo_speed_kmh",
      Kind.HIGH_IS_RISKY,
      "impossible travel since the last payment",
      "与上次交易相比移动速度不可能",
      "travel speed since the last payment (km/h)",
      "与上次交易间的移动速度（公里/小时）"),
  ACCOUNT_TXNS(
      "account_txns",
      Kind.CONTEXT,
      "payments this account made before",
      "该账户历史交易笔数",
      "the account's earlier payments",
      "账户历史交易笔数"),
  SECONDS_SINCE_LAST(
      "seconds_since_last",
      Kind.CONTEXT,
      "seconds since the account's last payment",
      "距该账户上次交易的秒数",
      "seconds since the account's last payment",
      "距账户上次交易的秒数");

  /** How the unsupervised score reads a feature. */
  enum Kind {
    /** Far above the tenant's median is suspicious (robust z-score). */
    HIGH_IS_RISKY,
    /** 0 or 1; a rare 1 is suspicious. */
    FLAG,
    /** Kept for rules and models, not scored alone. */
    CONTEXT
  }

  static final List<Feature> ALL = List.of(values());
  static final List<String> NAMES = Arrays.stream(values()).map(Feature::id).toList();

  private final String id;
  private final Kind kind;
  private final String english;
  private final String chinese;
  private final String englishLabel;
  private final String chineseLabel;

  Feature(
      String id,
      Kind kind,
      String english,
      String chinese,
      String englishLabel,
      String chineseLabel) {
    this.id = id;
    this.kind = kind;
    this.english = english;
    this.chinese = chinese;
    this.englishLabel = englishLabel;
    this.chineseLabel = chineseLabel;
  }

  String id() {
    return id;
  }

  Kind kind() {
    return kind;
  }

  /** Why a high value is suspicious, in {@code language} ("zh" or English). */
  String describe(String language) {
    return "zh".equals(language) ? chinese : english;
  }

  /** What the feature measures, with no direction, in {@code language} ("zh" or English). */
  String label(String language) {
    return "zh".equals(language) ? chineseLabel : englishLabel;
  }

  static Feature byId(String id) {
    for (Feature feature : values()) {
      if (feature.id.equals(id)) {
        return feature;
      }
    }
    throw new IllegalArgumentException("no feature " + id);
  }
}

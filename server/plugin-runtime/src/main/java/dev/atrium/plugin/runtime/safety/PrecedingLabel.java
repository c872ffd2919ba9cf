package dev.atrium.plugin.runtime.safety;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the words just before a number say it is. A number labelled as an order, tracking or invoice
 * number ("订单号：", "order #"), or counted ("第 n 条"), is a reference, not a phone or card number,
 * even when its digits would pass; four dotted numbers after "version" or "版本" are a version, not
 * an IPv4 address.
 */
final class PrecedingLabel {
  private static final int WINDOW = 24;

  private static final Pattern REFERENCE =
      Pattern.compile(
          "(?:order|tracking|invoice|parcel|shipment|waybill|ref|reference|ticket|transaction"
              + "|booking|confirmation|sku|serial"
              + "|订单|单号|运单|快递|物流|发票|编号|流水|工单|交易|序列|第)"
              + "(?:\\s*(?:no\\.?|nr\\.?|number|num|id|code|#|号码|号|编号|码))?"
              + "\\s*(?:是|为|is)?\\s*[:#]?\\s*(?:是|为|is)?\\s*$");

  private static final Pattern VERSION =
      Pattern.compile(
          "(?:version|ver\\.?|release|build|firmware|sdk|app|版本号?|固件|升级到|更新到)\\s*[:#]?\\s*(?:是|为|is)?\\s*$");

  private static final Pattern IP_LABEL = Pattern.compile("ip$");

  private PrecedingLabel() {}

  /** Whether the number at {@code start} of {@code folded} is labelled as a reference number. */
  static boolean isReference(String folded, int start) {
    return REFERENCE.matcher(before(folded, start)).find();
  }

  /** Whether the number at {@code start} of {@code folded} is labelled as a version. */
  static boolean isVersion(String folded, int start) {
    return VERSION.matcher(before(folded, start)).find();
  }

  /** Whether the text just before {@code start} ends in "IP", as in "来自IP10.0.0.1". */
  static boolean isIpLabel(String folded, int start) {
    return IP_LABEL.matcher(before(folded, start)).find();
  }

  private static String before(String folded, int start) {
    return folded.substring(Math.max(0, start - WINDOW), start).toLowerCase(Locale.ROOT);
  }
}

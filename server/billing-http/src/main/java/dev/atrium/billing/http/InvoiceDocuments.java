package dev.atrium.billing.http;

import dev.atrium.persistence.billing.Invoice;
import dev.atrium.persistence.billing.InvoiceLine;
import dev.atrium.shared.Problem;
import dev.atrium.shared.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;

/**
 * An invoice as JSON, CSV or printable HTML: {@code ?format=json|csv|html}, else the {@code Accept}
 * header ({@code text/csv}, {@code text/html}), else JSON. Money is written as decimal strings.
 */
final class InvoiceDocuments {
  private InvoiceDocuments() {}

  static Reply render(RoutingContext ctx, Invoice invoice) {
    String format = ctx.queryParams().get("format");
    if (format == null) {
      String accept = ctx.request().getHeader("Accept");
      format =
          accept == null
              ? "json"
              : accept.contains("text/csv")
                  ? "csv"
                  : accept.contains("text/html") ? "html" : "json";
    }
    return switch (format) {
      case "json" -> Reply.ok(json(invoice));
      case "csv" ->
          Reply.text(csv(invoice), "text/csv; charset=utf-8")
              .withHeader(
                  "Content-Disposition",
                  "attachment; filename=\"invoice-"
                      + invoice.period()
                      + "-"
                      + invoice.id()
                      + ".csv\"");
      case "html" -> Reply.text(html(invoice), "text/html; charset=utf-8");
      default ->
          throw Problem.badRequest(
              "invalid_parameter", "Query parameter 'format' must be json, csv or html.");
    };
  }

  static JsonObject summary(Invoice i) {
    return new JsonObject()
        .put("id", i.id().toString())
        .put("tenantId", i.tenantId().toString())
        .put("period", i.period())
        .put("status", i.status())
        .put("currency", i.currency())
        .put("subtotal", money(i.subtotal()))
        .put("discountPercent", i.discountPercent().toPlainString())
        .put("discount", money(i.discount()))
        .put("taxPercent", i.taxPercent().toPlainString())
        .put("tax", money(i.tax()))
        .put("total", money(i.total()))
        .put("issuedAt", Timestamps.rfc3339(i.issuedAt()))
        .put("finalisedAt", Timestamps.rfc3339(i.finalisedAt()))
        .put("voidedAt", Timestamps.rfc3339(i.voidedAt()));
  }

  static JsonObject json(Invoice invoice) {
    JsonArray lines = new JsonArray();
    for (InvoiceLine l : invoice.lines()) {
      lines.add(
          new JsonObject()
              .put("line", l.lineNo())
              .put("kind", l.kind())
              .put("description", l.description())
              .put("meter", l.meter())
              .put("plugin", l.plugin())
              .put("quantity", l.quantity())
              .put("included", l.included())
              .put("billable", l.quantity() - l.included())
              .put("unitPrice", l.unitPrice().stripTrailingZeros().toPlainString())
              .put("amount", money(l.amount())));
    }
    return summary(invoice).put("lines", lines);
  }

  static String csv(Invoice invoice) {
    StringBuilder out =
        new StringBuilder(
            "line,kind,description,meter,plugin,quantity,included,billable,unit_price,amount\r\n");
    for (InvoiceLine l : invoice.lines()) {
      out.append(l.lineNo())
          .append(',')
          .append(l.kind())
          .append(',')
          .append(cell(l.description()))
          .append(',')
          .append(cell(l.meter()))
          .append(',')
          .append(cell(l.plugin()))
          .append(',')
          .append(l.quantity())
          .append(',')
          .append(l.included())
          .append(',')
          .append(l.quantity() - l.included())
          .append(',')
          .append(l.unitPrice().stripTrailingZeros().toPlainString())
          .append(',')
          .append(money(l.amount()))
          .append("\r\n");
    }
    total(out, "subtotal", invoice.subtotal());
    total(
        out,
        "discount " + invoice.discountPercent().toPlainString() + "%",
        invoice.discount().negate());
    total(out, "tax " + invoice.taxPercent().toPlainString() + "%", invoice.tax());
    total(out, "total " + invoice.currency(), invoice.total());
    return out.toString();
  }

  private static void total(StringBuilder out, String label, BigDecimal amount) {
    out.append(",total,")
        .append(cell(label))
        .append(",,,,,,,")
        .append(money(amount))
        .append("\r\n");
  }

  /** RFC 4180 quoting, and a leading quote for cells a spreadsheet would run as a formula. */
  private static String cell(String value) {
    if (value == null) {
      return "";
    }
    String safe =
        !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    return "\"" + safe.replace("\"", "\"\"") + "\"";
  }

  static String html(Invoice i) {
    StringBuilder rows = new StringBuilder();
    for (InvoiceLine l : i.lines()) {
      rows.append("<tr><td>")
          .append(l.lineNo())
          .append("</td><td>")
          .append(escape(l.description()))
          .append("</td><td class=n>")
          .append(l.quantity())
          .append("</td><td class=n>")
          .append(l.included())
          .append("</td><td class=n>")
          .append(l.unitPrice().stripTrailingZeros().toPlainString())
          .append("</td><td class=n>")
          .append(money(l.amount()))
          .append("</td></tr>\n");
    }
    return "<!doctype html>\n<html lang=en><head><meta charset=utf-8><title>Invoice "
        + escape(i.period())
        + "</title><style>body{font:14px sans-serif;margin:2em}table{border-collapse:collapse;width:100%}"
        + "td,th{border-bottom:1px solid #ccc;padding:4px 8px;text-align:left}.n{text-align:right}"
        + "@media print{body{margin:0}}</style></head><body>\n<h1>Invoice "
        + escape(i.period())
        + "</h1>\n<p>Invoice "
        + i.id()
        + " &middot; tenant "
        + i.tenantId()
        + " &middot; status "
        + escape(i.status())
        + " &middot; issued "
        + i.issuedAt()
        + "</p>\n<table><thead><tr><th>#</th><th>Description</th><th class=n>Quantity</th>"
        + "<th class=n>Included</th><th class=n>Unit price</th><th class=n>Amount</th></tr></thead><tbody>\n"
        + rows
        + "</tbody><tfoot>"
        + footer("Subtotal", i.subtotal())
        + footer("Discount " + i.discountPercent().toPlainString() + "%", i.discount().negate())
        + footer("Tax " + i.taxPercent().toPlainString() + "%", i.tax())
        + footer("Total " + i.currency(), i.total())
        + "</tfoot></table>\n</body></html>\n";
  }

  private static String footer(String label, BigDecimal amount) {
    return "<tr><th colspan=5>"
        + escape(label)
        + "</th><th class=n>"
        + money(amount)
        + "</th></tr>";
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  static String money(BigDecimal amount) {
    return amount.setScale(2).toPlainString();
  }
}

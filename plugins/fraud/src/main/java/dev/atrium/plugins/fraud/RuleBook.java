package dev.atrium.plugins.fraud;

import dev.atrium.plugin.api.Document;
import dev.atrium.plugin.api.DocumentStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A tenant's rules as stored ({@code rules} collection), and matching them against a payment. */
final class RuleBook {
  static final String COLLECTION = "rules";
  static final int MAX_RULES = 200;

  private RuleBook() {}

  /** Every stored rule, compiled. */
  static List<Rule> all(DocumentStore documents) {
    List<Rule> rules = new ArrayList<>();
    for (Document doc : documents.list(COLLECTION, MAX_RULES).await()) {
      rules.add(
          Rule.fromJson(
              doc.id(), doc.data().getJsonObject("definition"), doc.data().getBoolean("enabled")));
    }
    return rules;
  }

  /** The enabled rules, compiled. */
  static List<Rule> load(DocumentStore documents) {
    return all(documents).stream().filter(Rule::enabled).toList();
  }

  /**
   * The rules {@code txn} matches; a rule failing at evaluation (e.g. a missing attribute) does not
   * match.
   */
  static List<Rule> matches(List<Rule> rules, Transaction txn, double[] features) {
    if (rules.isEmpty()) {
      return List.of();
    }
    Map<String, Object> variables = TenantScoring.variables(txn, features);
    List<Rule> hits = new ArrayList<>();
    for (Rule rule : rules) {
      try {
        if (rule.program().matches(variables)) {
          hits.add(rule);
        }
      } catch (Exception e) {
        // a rule reading an absent attribute does not match this payment
      }
    }
    return hits;
  }
}

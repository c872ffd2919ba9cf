package dev.atrium.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/**
 * One of each kind of resource the bundled plugins name by id, made for one tenant through the
 * plugins' own APIs (with their {@code *Traffic}'s calls), and its text carrying {@link #marker}
 * wherever a resource holds free text, so that any answer showing it to another tenant is seen.
 * {@link #ids} maps each kind, as the path up to the id ({@code /v1/fraud/alerts/}), to its id.
 */
final class MarkedResources {
  private final String marker;
  private final Map<String, String> ids = new TreeMap<>();

  private MarkedResources(String marker) {
    this.marker = marker;
  }

  /** Makes the resources as the holder of API key {@code key}. */
  static MarkedResources make(ValidatingClient api, String key, String marker) {
    MarkedResources made = new MarkedResources(marker);
    made.customerService(new CustomerServiceTraffic(api, key));
    made.content(new ContentTraffic(api, key));
    made.fraud(new FraudTraffic(api, key));
    made.tutoring(new TutoringTraffic(api, key));
    assertThat(api.takeSurprises()).as("making the marked resources").isEmpty();
    return made;
  }

  String marker() {
    return marker;
  }

  /** The id of each kind of resource, by the path up to the id. */
  Map<String, String> ids() {
    return Map.copyOf(ids);
  }

  private void customerService(CustomerServiceTraffic traffic) {
    String base = "/v1/customer-service/";
    String document = "policy-of-a.md";
    String job =
        traffic.ingested(
            document, "# Warranty\n\nEvery kettle has a two-year warranty. " + marker + "\n");
    ids.put(base + "documents/", document);
    ids.put(base + "jobs/", job);
    ids.put(base + "conversations/", traffic.conversation("How long is the warranty? " + marker));
  }

  private void content(ContentTraffic traffic) {
    String base = "/v1/content/";
    String template = traffic.createdTemplate(ContentTraffic.template().put("name", marker));
    ids.put(base + "templates/", template);
    ids.put(
        base + "drafts/",
        traffic
            .generated(ContentTraffic.brief(1).put("title", marker))
            .getJsonArray("variants")
            .getJsonObject(0)
            .getString("draftId"));
    ids.put(
        base + "batches/",
        traffic.batch(
            "product-description-en", "product,features\r\n" + marker + " kettle,quiet\r\n"));
  }

  private void fraud(FraudTraffic traffic) {
    String base = "/v1/fraud/";
    String rule = traffic.createdRule(FraudTraffic.reviewRule(marker));
    traffic.enable(rule);
    ids.put(base + "rules/", rule);
    String alert = "payment-of-a";
    JsonObject scored = traffic.scored(FraudTraffic.payment(alert, 25_000));
    assertThat(scored.getString("decision")).as(scored.encode()).isEqualTo("review");
    traffic.noted(alert, marker);
    ids.put(base + "alerts/", alert);
    traffic.labelled();
    ids.put(base + "jobs/", traffic.trained());
    ids.put(base + "models/", traffic.newestModel());
  }

  private void tutoring(TutoringTraffic traffic) {
    String base = "/v1/tutoring/";
    String course = "course-of-a";
    traffic.course(course, marker);
    traffic.imported(course);
    ids.put(base + "courses/", course);
    ids.put(base + "jobs/", traffic.calibrated(course));
    traffic.learner("learner-of-a", course);
    ids.put(base + "learners/", "learner-of-a");
    traffic.schoolClass("class-of-a", marker, course, "learner-of-a");
    ids.put(base + "classes/", "class-of-a");
  }
}

package dev.atrium.contract;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls of the bundled plugins' routes whose contracts their RouteDocs declare (the rest are listed
 * in {@link Unexercised}).
 */
final class PluginTraffic {
  private final ValidatingClient api;
  private final ContractTenant tenant;

  PluginTraffic(ValidatingClient api, ContractTenant tenant) {
    this.api = api;
    this.tenant = tenant;
  }

  void run() {
    new CustomerServiceTraffic(api, tenant.apiKey()).run();
    new FraudTraffic(api, tenant.apiKey()).run();
    new ContentTraffic(api, tenant.apiKey()).run();
    new TutoringTraffic(api, tenant.apiKey()).run();
    assertThat(api.takeSurprises()).isEmpty();
  }
}

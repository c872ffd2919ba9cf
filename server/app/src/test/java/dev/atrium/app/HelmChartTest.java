package dev.atrium.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import dev.atrium.config.AtriumConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Renders {@code helm/atrium} with Helm itself (helm-java, no cluster) and checks what a deployment
 * depends on: settings and secrets reach the container, probes hit the health endpoints, and
 * configurations that cannot work (several replicas on H2, without a shared JWT secret) do not
 * render.
 */
final class HelmChartTest {

  private static final Path CHART = Path.of("../../helm/atrium");
  private static final String JWT = "0123456789abcdef0123456789abcdef-jwt";
  private static final Map<String, Object> POSTGRES_3 =
      Map.of(
          "replicaCount", 3,
          "database.url", "jdbc:postgresql://postgres:5432/atrium",
          "database.user", "atrium",
          "database.password", "db-pass",
          "secrets.jwtSecret", JWT,
          "atrium.operatorEmail", "ops@example.com",
          "secrets.operatorPassword", "operator-pass");

  @Test
  void lintsStrictly() {
    LintResult lint = new Helm(CHART).lint().strict().call();
    assertThat(lint.isFailed()).as("%s", lint.getMessages()).isFalse();
    assertThat(lint.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
  }

  @Test
  void defaultsRunOneHardenedPodOnEmbeddedH2() {
    List<HasMetadata> objects = render(Map.of());
    Deployment deployment = one(objects, Deployment.class);
    ConfigMap config = one(objects, ConfigMap.class);
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    Container container = pod.getContainers().getFirst();

    assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
    assertThat(container.getImage()).isEqualTo("ghcr.io/atrium/atrium:0.1.0");
    assertThat(container.getPorts())
        .extracting(p -> p.getName() + ":" + p.getContainerPort())
        .containsExactly("http:8080", "metrics:9464");

    // Non-secret settings come from the ConfigMap, every key one the server knows.
    assertThat(container.getEnvFrom())
        .singleElement()
        .satisfies(e -> assertThat(e.getConfigMapRef().getName()).isEqualTo(name(config)));
    assertThat(config.getData())
        .containsEntry("ATRIUM_PROFILE", "prod")
        .containsEntry("ATRIUM_HTTP_PORT", "8080")
        .containsEntry("ATRIUM_DATA_DIR", "/data")
        .containsEntry("ATRIUM_HTTP_IDLE_TIMEOUT_SECONDS", "75")
        .containsEntry("ATRIUM_HTTP_HEADER_TIMEOUT_SECONDS", "10")
        .containsEntry("ATRIUM_HTTP_BODY_TIMEOUT_SECONDS", "60")
        .containsEntry("ATRIUM_HTTP_MAX_CONNECTIONS", "10000")
        // Behind the ingress every connection comes from the proxy: no per-address limit.
        .containsEntry("ATRIUM_HTTP_MAX_CONNECTIONS_PER_ADDRESS", "0")
        .doesNotContainKeys("ATRIUM_DB_URL", "ATRIUM_DB_PASSWORD", "ATRIUM_AUTH_JWT_SECRET");
    Set<String> known =
        AtriumConfig.defaults().keySet().stream()
            .map(AtriumConfig::environmentName)
            .collect(Collectors.toSet());
    assertThat(config.getData().keySet())
        .allMatch(k -> known.contains(k) || k.equals("ATRIUM_LOG_LEVEL"), "a known ATRIUM_* key");

    // No secret values given: no Secret, no secret references.
    assertThat(ofKind(objects, Secret.class)).isEmpty();
    assertThat(env(container)).doesNotContainKeys("ATRIUM_DB_PASSWORD", "ATRIUM_AUTH_JWT_SECRET");
    assertThat(env(container)).containsEntry("DJL_OFFLINE", "true");
    assertThat(env(container)).containsEntry("OPT_OUT_TRACKING", "true");

    assertProbes(container);
    assertThat(pod.getTerminationGracePeriodSeconds())
        .isGreaterThan(
            Long.parseLong(config.getData().get("ATRIUM_HTTP_SHUTDOWN_TIMEOUT_SECONDS")));

    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(mountedVolume(pod, container, "/tmp").getEmptyDir()).isNotNull();
    assertThat(mountedVolume(pod, container, "/data").getEmptyDir()).isNotNull();

    // Metrics on the management port only, scraped there, without tenant labels.
    assertThat(config.getData())
        .containsEntry("ATRIUM_METRICS_ACCESS", "management")
        .containsEntry("ATRIUM_METRICS_HOST", "0.0.0.0")
        .containsEntry("ATRIUM_METRICS_PORT", "9464")
        .containsEntry("ATRIUM_METRICS_TENANT_LABELS", "false");
    assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("prometheus.io/scrape", "true")
        .containsEntry("prometheus.io/path", "/metrics")
        .containsEntry("prometheus.io/port", "9464");

    Service service = one(objects, Service.class);
    assertThat(service.getSpec().getPorts()).singleElement();
    assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
    assertThat(service.getSpec().getPorts().getFirst().getTargetPort().getStrVal())
        .isEqualTo("http");
    assertThat(service.getSpec().getSelector())
        .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());

    assertThat(ofKind(objects, PodDisruptionBudget.class)).isEmpty();
    assertThat(ofKind(objects, HorizontalPodAutoscaler.class)).isEmpty();
    assertThat(ofKind(objects, PersistentVolumeClaim.class)).isEmpty();
    assertThat(ofKind(objects, Ingress.class)).isEmpty();
  }

  @Test
  void threeReplicasOnPostgresReadSecretsFromTheSecretAndGetABudget() {
    Map<String, Object> values = new LinkedHashMap<>(POSTGRES_3);
    values.put("atrium.httpPort", 9090);
    values.put("atrium.connections.maxPerAddress", 64);
    List<HasMetadata> objects = render(values);
    Deployment deployment = one(objects, Deployment.class);
    Container container = deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
    Secret secret = one(objects, Secret.class);

    assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
    assertThat(container.getPorts().getFirst().getContainerPort()).isEqualTo(9090);
    assertProbes(container);
    assertThat(one(objects, ConfigMap.class).getData())
        .containsEntry("ATRIUM_HTTP_PORT", "9090")
        .containsEntry("ATRIUM_HTTP_MAX_CONNECTIONS_PER_ADDRESS", "64")
        .containsEntry("ATRIUM_DB_URL", "jdbc:postgresql://postgres:5432/atrium")
        .containsEntry("ATRIUM_DB_USER", "atrium")
        .containsEntry("ATRIUM_OPERATOR_EMAIL", "ops@example.com")
        .containsEntry("ATRIUM_PROFILE", "prod");

    assertThat(decoded(secret))
        .isEqualTo(
            Map.of(
                "ATRIUM_DB_PASSWORD", "db-pass",
                "ATRIUM_AUTH_JWT_SECRET", JWT,
                "ATRIUM_OPERATOR_PASSWORD", "operator-pass"));
    for (String key : secret.getData().keySet()) {
      SecretKeySelector ref = secretRef(container, key);
      assertThat(ref.getName()).isEqualTo(name(secret));
      assertThat(ref.getKey()).isEqualTo(key);
    }
    assertThat(env(container)).containsEntry("DJL_OFFLINE", "true");

    PodDisruptionBudget budget = one(objects, PodDisruptionBudget.class);
    assertThat(budget.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
    assertThat(budget.getSpec().getSelector().getMatchLabels())
        .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
    assertThat(ofKind(objects, PersistentVolumeClaim.class)).isEmpty();
  }

  @Test
  void anExistingSecretIsReferencedAndTheJwtKeyIsMandatoryWithSeveralReplicas() {
    List<HasMetadata> objects =
        render(
            Map.of(
                "replicaCount", 2,
                "database.url", "jdbc:postgresql://postgres:5432/atrium",
                "secrets.existingSecret", "atrium-prod"));
    Container container =
        one(objects, Deployment.class).getSpec().getTemplate().getSpec().getContainers().getFirst();

    assertThat(ofKind(objects, Secret.class)).isEmpty();
    assertThat(secretRef(container, "ATRIUM_AUTH_JWT_SECRET").getName()).isEqualTo("atrium-prod");
    assertThat(secretRef(container, "ATRIUM_AUTH_JWT_SECRET").getOptional()).isFalse();
    assertThat(secretRef(container, "ATRIUM_DB_PASSWORD").getOptional()).isTrue();
    assertThat(secretRef(container, "ATRIUM_OPERATOR_PASSWORD").getOptional()).isTrue();
  }

  @Test
  void persistenceKeepsH2OnAClaimAndNeverRunsTwoPodsOnIt() {
    List<HasMetadata> objects = render(Map.of("persistence.enabled", true));
    Deployment deployment = one(objects, Deployment.class);
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    PersistentVolumeClaim claim = one(objects, PersistentVolumeClaim.class);

    assertThat(
            mountedVolume(pod, pod.getContainers().getFirst(), "/data").getPersistentVolumeClaim())
        .satisfies(c -> assertThat(c.getClaimName()).isEqualTo(name(claim)));
    assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("Recreate");
    assertThat(ofKind(objects, PodDisruptionBudget.class)).isEmpty();
  }

  @Test
  void autoscalingLeavesReplicasToTheAutoscalerAndAddsABudget() {
    Map<String, Object> values = new LinkedHashMap<>(POSTGRES_3);
    values.put("autoscaling.enabled", true);
    List<HasMetadata> objects = render(values);

    assertThat(one(objects, Deployment.class).getSpec().getReplicas()).isNull();
    HorizontalPodAutoscaler hpa = one(objects, HorizontalPodAutoscaler.class);
    assertThat(hpa.getSpec().getScaleTargetRef().getName())
        .isEqualTo(name(one(objects, Deployment.class)));
    assertThat(ofKind(objects, PodDisruptionBudget.class)).hasSize(1);
  }

  @Test
  void operatorMetricsStayOnTheApiPortWithoutScrapeAnnotations() {
    List<HasMetadata> objects = render(Map.of("metrics.access", "operator"));
    Deployment deployment = one(objects, Deployment.class);
    Container container = deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
    assertThat(container.getPorts()).extracting(p -> p.getName()).containsExactly("http");
    assertThat(one(objects, ConfigMap.class).getData())
        .containsEntry("ATRIUM_METRICS_ACCESS", "operator")
        .doesNotContainKeys("ATRIUM_METRICS_PORT", "ATRIUM_METRICS_HOST");
    assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
        .doesNotContainKey("prometheus.io/scrape");

    Map<String, String> open =
        one(
                render(Map.of("metrics.access", "public", "metrics.tenantLabels", true)),
                Deployment.class)
            .getSpec()
            .getTemplate()
            .getMetadata()
            .getAnnotations();
    assertThat(open).containsEntry("prometheus.io/port", "8080");
  }

  @Test
  void configurationsThatCannotWorkDoNotRender() {
    Map<String, Object> h2OnAClaim = new LinkedHashMap<>(POSTGRES_3);
    h2OnAClaim.put("persistence.enabled", true);
    assertThatThrownBy(() -> render(h2OnAClaim))
        .hasMessageContaining("persistence.enabled")
        .hasMessageContaining("only with replicaCount 1");

    Map<String, Object> noJwt = new LinkedHashMap<>(POSTGRES_3);
    noJwt.remove("secrets.jwtSecret");
    assertThatThrownBy(() -> render(noJwt))
        .hasMessageContaining("Several replicas need one dashboard JWT secret")
        .hasMessageContaining("secrets.jwtSecret");

    assertThatThrownBy(() -> render(Map.of("replicaCount", 3, "secrets.jwtSecret", JWT)))
        .hasMessageContaining("Several replicas need a shared database");

    assertThatThrownBy(() -> render(Map.of("terminationGracePeriodSeconds", 20)))
        .hasMessageContaining("terminationGracePeriodSeconds (20) must be greater than");

    assertThatThrownBy(() -> render(Map.of("atrium.operatorEmail", "ops@example.com")))
        .hasMessageContaining("secrets.operatorPassword");

    assertThatThrownBy(() -> render(Map.of("metrics.access", "everyone")))
        .hasMessageContaining("metrics.access must be");
    assertThatThrownBy(() -> render(Map.of("metrics.port", 8080)))
        .hasMessageContaining("metrics.port must differ");
  }

  private static void assertProbes(Container container) {
    assertHttpProbe(container.getStartupProbe(), "/health/live");
    assertHttpProbe(container.getLivenessProbe(), "/health/live");
    assertHttpProbe(container.getReadinessProbe(), "/health/ready");
    Probe startup = container.getStartupProbe();
    assertThat(startup.getPeriodSeconds() * startup.getFailureThreshold())
        .as("seconds allowed for loading the models")
        .isGreaterThanOrEqualTo(120);
  }

  private static void assertHttpProbe(Probe probe, String path) {
    assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
    assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
  }

  private static List<HasMetadata> render(Map<String, Object> values) {
    TemplateCommand template = new Helm(CHART).template().withName("atrium");
    values.forEach(template::set);
    Object parsed = new KubernetesSerialization().unmarshal(template.call());
    List<?> objects = parsed instanceof List<?> list ? list : List.of(parsed);
    return objects.stream().map(HasMetadata.class::cast).toList();
  }

  private static <T extends HasMetadata> List<T> ofKind(List<HasMetadata> objects, Class<T> kind) {
    return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  private static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> kind) {
    List<T> matching = ofKind(objects, kind);
    assertThat(matching).as(kind.getSimpleName()).hasSize(1);
    return matching.getFirst();
  }

  private static String name(HasMetadata object) {
    return object.getMetadata().getName();
  }

  /** Literal env values by name (references have a null value). */
  private static Map<String, String> env(Container container) {
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvVar var : container.getEnv()) {
      env.put(var.getName(), var.getValue());
    }
    return env;
  }

  private static SecretKeySelector secretRef(Container container, String name) {
    EnvVar var =
        container.getEnv().stream()
            .filter(e -> e.getName().equals(name))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no env " + name));
    assertThat(var.getValue()).as("%s must not be inlined", name).isNull();
    return var.getValueFrom().getSecretKeyRef();
  }

  private static Map<String, String> decoded(Secret secret) {
    return secret.getData().entrySet().stream()
        .collect(
            Collectors.toMap(
                Map.Entry::getKey,
                e -> new String(Base64.getDecoder().decode(e.getValue()), StandardCharsets.UTF_8)));
  }

  private static Volume mountedVolume(PodSpec pod, Container container, String path) {
    String volume =
        container.getVolumeMounts().stream()
            .filter(m -> m.getMountPath().equals(path))
            .findFirst()
            .orElseThrow(() -> new AssertionError("nothing mounted at " + path))
            .getName();
    return pod.getVolumes().stream()
        .filter(v -> v.getName().equals(volume))
        .findFirst()
        .orElseThrow();
  }
}

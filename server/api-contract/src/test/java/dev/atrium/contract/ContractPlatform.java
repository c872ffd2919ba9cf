package dev.atrium.contract;

import static dev.atrium.contract.ValidatingClient.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.app.AtriumServer;
import dev.atrium.contract.ValidatingClient.Exchange;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A {@link ContractServer} with the bundled plugins' archives installed through the operator API,
 * the operator logged in, and a {@link ValidatingClient} that checks every exchange against the
 * document the server serves once the plugins' routes are in it.
 */
record ContractPlatform(AtriumServer server, ValidatingClient api, String operator)
    implements AutoCloseable {

  static ContractPlatform start() {
    AtriumServer server = ContractServer.start();
    String base = "http://127.0.0.1:" + server.port();
    ValidatingClient api = new ValidatingClient(base, document(base));
    String operator =
        api.send(
                call("POST", "/api/auth/login")
                    .json(
                        new JsonObject()
                            .put("email", ContractServer.OPERATOR)
                            .put("password", ContractServer.PASSWORD)))
            .json()
            .getString("token");
    for (Path archive : ContractServer.pluginArchives()) {
      Exchange installed =
          api.send(
              call("POST", "/api/admin/plugins")
                  .as(operator)
                  .body("application/zip", read(archive)));
      assertThat(installed.status()).as(installed.toString()).isEqualTo(201);
    }
    // The document now holds the plugins' routes too.
    api.describedBy(document(base));
    return new ContractPlatform(server, api, operator);
  }

  @Override
  public void close() {
    server.close();
  }

  static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonObject document(String base) {
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(base + "/openapi.json")).build(),
                  HttpResponse.BodyHandlers.ofString());
      return new JsonObject(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

package dev.atrium.app;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/** A blocking Vert.x WebClient for tests, bound to one server. */
public final class ApiClient {
  private final WebClient client;
  private final HttpClient http;
  private final int port;

  public ApiClient(Vertx vertx, int port) {
    this(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
  }

  /** With options of its own, e.g. no keep-alive against a server with short idle timeouts. */
  public ApiClient(Vertx vertx, WebClientOptions options) {
    this.client = WebClient.create(vertx, options);
    this.http = vertx.createHttpClient();
    this.port = options.getDefaultPort();
  }

  /**
   * The status of one call, read as soon as the headers arrive (the connection is then closed), so
   * sweeps also reach endless responses such as server-sent events. Anything but GET and DELETE
   * sends an empty JSON object: enough to get past authorisation, never enough to change anything.
   */
  public int status(HttpMethod method, String path, String bearer) {
    Buffer body =
        method == HttpMethod.GET || method == HttpMethod.DELETE ? null : Buffer.buffer("{}");
    RequestOptions options =
        new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI(path);
    if (bearer != null) {
      options.putHeader("Authorization", "Bearer " + bearer);
    }
    if (body != null) {
      options.putHeader("Content-Type", "application/json");
    }
    return http.request(options)
        .compose(request -> body == null ? request.send() : request.send(body))
        .map(
            response -> {
              response.request().connection().close();
              return response.statusCode();
            })
        .await();
  }

  public HttpResponse<Buffer> get(String path, String bearer) {
    return request(HttpMethod.GET, path, bearer).send().await();
  }

  public HttpResponse<Buffer> delete(String path, String bearer) {
    return request(HttpMethod.DELETE, path, bearer).send().await();
  }

  public HttpResponse<Buffer> post(String path, String bearer, JsonObject body) {
    return request(HttpMethod.POST, path, bearer).sendJsonObject(body).await();
  }

  public HttpResponse<Buffer> patch(String path, String bearer, JsonObject body) {
    return request(HttpMethod.PATCH, path, bearer).sendJsonObject(body).await();
  }

  /** Sends {@code body} as it is, with the given content type (null for none). */
  public HttpResponse<Buffer> send(
      HttpMethod method, String path, String bearer, String contentType, Buffer body) {
    HttpRequest<Buffer> request = request(method, path, bearer);
    if (contentType != null) {
      request.putHeader("Content-Type", contentType);
    }
    return (body == null ? request.send() : request.sendBuffer(body)).await();
  }

  /** A signed-up tenant: its id, its owner's dashboard token and an API key with every scope. */
  public record SignedUpTenant(String id, String owner, String key) {}

  /** Signs up tenant {@code name} (owner e-mail at {@code emailDomain}) and creates a key. */
  public SignedUpTenant signupWithKey(String name, String emailDomain) {
    String owner = signup(name, name.toLowerCase().replace(' ', '-') + "@" + emailDomain);
    String id = get("/api/me", owner).bodyAsJsonObject().getJsonObject("tenant").getString("id");
    String key = createKey(owner, new JsonObject().put("name", "k")).getString("key");
    return new SignedUpTenant(id, owner, key);
  }

  /** Signs up a new tenant and returns the owner's dashboard token. */
  public String signup(String tenant, String email) {
    HttpResponse<Buffer> r =
        post(
            "/api/auth/signup",
            null,
            new JsonObject()
                .put("tenant", tenant)
                .put("email", email)
                .put("password", "correct horse battery"));
    if (r.statusCode() != 201) {
      throw new AssertionError("signup failed: " + r.statusCode() + " " + r.bodyAsString());
    }
    return r.bodyAsJsonObject().getString("token");
  }

  public String login(String email, String password) {
    HttpResponse<Buffer> r =
        post(
            "/api/auth/login",
            null,
            new JsonObject().put("email", email).put("password", password));
    if (r.statusCode() != 200) {
      throw new AssertionError("login failed: " + r.statusCode() + " " + r.bodyAsString());
    }
    return r.bodyAsJsonObject().getString("token");
  }

  /** Creates an API key with the dashboard token and returns the created key's JSON. */
  public JsonObject createKey(String token, JsonObject body) {
    HttpResponse<Buffer> r = post("/api/keys", token, body);
    if (r.statusCode() != 201) {
      throw new AssertionError("key creation failed: " + r.statusCode() + " " + r.bodyAsString());
    }
    return r.bodyAsJsonObject();
  }

  private HttpRequest<Buffer> request(HttpMethod method, String path, String bearer) {
    HttpRequest<Buffer> request = client.request(method, path);
    if (bearer != null) {
      request.bearerTokenAuthentication(bearer);
    }
    return request;
  }
}

package dev.atrium.app;

import dev.atrium.config.AtriumConfig;
import dev.atrium.config.ConfigException;

/** {@code atrium serve}: starts the server with the configuration from the environment. */
public final class Main {
  public static final String VERSION = "0.1.0";

  private Main() {}

  public static void main(String[] args) {
    keepDjlOffline();
    AtriumServer server;
    try {
      server = AtriumServer.start(AtriumConfig.load(System.getenv()));
    } catch (ConfigException e) {
      System.err.println("Atrium: " + e.getMessage());
      System.exit(2);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "atrium-shutdown"));
    System.out.println("Atrium is up: http://localhost:" + server.port() + "/ (Ctrl-C stops it)");
  }

  /**
   * DJL must never phone home or download engines: set before any DJL class loads. The environment
   * variables are set by the launcher too; these cover embedded use.
   */
  static void keepDjlOffline() {
    System.setProperty("ai.djl.offline", "true");
    System.setProperty("offline", "true");
    System.setProperty("OPT_OUT_TRACKING", "true");
  }
}

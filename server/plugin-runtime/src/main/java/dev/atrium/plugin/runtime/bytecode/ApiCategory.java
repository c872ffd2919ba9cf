package dev.atrium.plugin.runtime.bytecode;

/**
 * What a forbidden API would let plugin code do: the reason given in a refusal. A plugin's own
 * classes may use none; a library may use them only when the operator allows that exact jar (see
 * {@link CodePolicy}).
 */
public enum ApiCategory {
  EXIT("ends or hooks the server process"),
  PROCESS("starts or inspects operating-system processes"),
  NATIVE("loads native code"),
  ENVIRONMENT("reads the server's environment variables"),
  INSTRUMENTATION("instruments or attaches to the JVM"),
  FILES("reads or writes files directly (use the SDK's BlobStore and DocumentStore)"),
  NETWORK("opens network connections directly"),
  SYSTEM_PROPERTIES("reads or changes the server's system properties"),
  REFLECTION("uses reflection or method handles to reach code it does not call directly"),
  UNSAFE("uses sun.misc.Unsafe or JDK internals"),
  CLASS_LOADING("creates class loaders, defines classes or reaches the host's class loaders"),
  THREADS("creates threads outside the SDK's scheduler (use PluginContext.scheduler())"),
  JVM_STATE("changes state shared by the whole server (defaults, streams, handlers)"),
  HOST_INTERNALS("reaches Vert.x or host internals not offered by the SDK");

  private final String meaning;

  ApiCategory(String meaning) {
    this.meaning = meaning;
  }

  /** What using it would let the plugin do, for refusal messages. */
  public String meaning() {
    return meaning;
  }
}

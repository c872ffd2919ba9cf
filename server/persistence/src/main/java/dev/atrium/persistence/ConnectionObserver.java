package dev.atrium.persistence;

/**
 * Told of every connection the platform's work takes from the pool, on the thread that takes it:
 * where JDBC runs can be checked (the tests prove it runs only on the named executors).
 */
@FunctionalInterface
public interface ConnectionObserver {
  ConnectionObserver NONE = () -> {};

  void connectionTaken();
}

package dev.atrium.inference.catalog;

/** The inference section of the configuration is wrong; the message says where and why. */
public final class CatalogConfigException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public CatalogConfigException(String message) {
    super(message);
  }
}

package com.shopchat.config;

/** A configuration value that cannot be used; the message names the key and what is expected. */
public final class ConfigException extends RuntimeException {

  public ConfigException(String key, String problem) {
    super("configuration " + key + ": " + problem);
  }
}

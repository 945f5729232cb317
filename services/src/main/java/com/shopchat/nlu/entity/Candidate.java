package com.shopchat.nlu.entity;

/**
 * An entity a recognizer proposes, with how much its evidence is worth when it competes with another for
 * the same characters: the longer span wins, and between equally long ones the higher priority.
 */
record Candidate(Entity entity, int priority) {

  // Priorities, strongest evidence first: a shape nothing else has (an email), then a shape plus a cue word (a
  // cued order number beats a phone shape: "order 0049301234567"), then a list or the catalog alone.
  static final int EMAIL = 100;
  static final int MONEY = 90;
  static final int ID_AFTER_KEYWORD = 88;
  static final int INTERNATIONAL_PHONE = 86;
  static final int PHONE_AFTER_KEYWORD = 84;
  static final int ACCOUNT_TYPE = 80;
  static final int SIZE = 75;
  static final int PERSON_NAME = 70;
  static final int QUANTITY = 65;
  static final int ID_BY_SHAPE = 60;
  static final int PRODUCT = 55;
  static final int BRAND = 50;
  static final int CATEGORY = 45;
  static final int PLACE = 40;
  static final int COLOR = 35;

  static Candidate of(String type, String value, int start, int end, int priority) {
    return new Candidate(new Entity(type, value, start, end), priority);
  }
}

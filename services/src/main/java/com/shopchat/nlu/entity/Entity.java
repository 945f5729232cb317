package com.shopchat.nlu.entity;

import java.util.Objects;

/**
 * One thing a shopper named in an utterance: its type, its normalized value and where it is.
 *
 * <p>{@code start} and {@code end} are {@link String} char offsets (UTF-16 code units, as in Java and
 * JavaScript) into the text the extractor was given, {@code end} exclusive. The span covers the words that
 * carry the value; cue words stay outside it: "order #MT-100002" spans {@code #MT-100002}, "€79.90" spans
 * {@code 79.90} (the currency goes into the value), "size M" spans {@code M}, "2 pairs" spans {@code 2}.
 */
public record Entity(String type, String value, int start, int end) {

  /** An order number: {@code #}, case and, for all-digit numbers, leading zeros dropped ("MT-100002", "4587345"). */
  public static final String ORDER_ID = "order_id";
  /** An invoice or bill number, normalized like an order number. */
  public static final String INVOICE_ID = "invoice_id";
  /** An email address, lower-cased. */
  public static final String EMAIL = "email";
  /** A phone number: {@code +} and digits when the country is known ("+49301234567"), else the digits. */
  public static final String PHONE = "phone";
  /** An amount of money: a decimal string, then the ISO currency when one is written ("79.90 EUR"). */
  public static final String MONEY = "money";
  /** How many of something, as an integer ("2" for "2 pairs", "两件", "two shirts"). */
  public static final String QUANTITY = "quantity";
  /** A clothing or shoe size, upper-case letters or the number ("M", "XL", "42", "ONE SIZE"). */
  public static final String SIZE = "size";
  /** A colour, by its English name ("black" for 黑色, "light blue", "grey" for gray). */
  public static final String COLOR = "color";
  /** A city, by its English name ("Munich" for München and 慕尼黑). */
  public static final String CITY = "city";
  /** A country, by its English short name ("United States" for USA, 美国). */
  public static final String COUNTRY = "country";
  /** The tier of a customer account, capitalized ("Platinum", "Free"). */
  public static final String ACCOUNT_TYPE = "account_type";
  /** A person's name as written, spaces collapsed ("Mr. Jones", "Anna Freeman", "王小明"). */
  public static final String PERSON_NAME = "person_name";
  /** A product of the catalog, by its SKU. */
  public static final String PRODUCT = "product";
  /** A brand of the catalog, by its name in the catalog. */
  public static final String BRAND = "brand";
  /** A category of the catalog, by its name in the catalog ("footwear" for "shoes"). */
  public static final String CATEGORY = "category";

  public Entity {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "value");
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException("bad span [" + start + ", " + end + ") for " + type);
    }
  }

  /** Whether the two spans share at least one char. */
  public boolean overlaps(Entity other) {
    return start < other.end && other.start < end;
  }

  public int length() {
    return end - start;
  }
}

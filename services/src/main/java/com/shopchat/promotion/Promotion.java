package com.shopchat.promotion;

import java.time.Instant;

/**
 * A coupon the bot may offer: its code and discount (a percent or an amount off, one of them null), the rule saying
 * to whom, the offer's text per locale, and the pacing and attribution settings.
 */
public record Promotion(String id, String name, String code, Integer percentOff, Long amountOffCents, Rule rule,
                        String textEn, String textZh, boolean active, int maxOffersPerConversation, Instant validFrom,
                        Instant validTo, int attributionHours, String createdBy, Instant createdAt) {

  /** The rule kinds, as the API and the table spell them. */
  public enum Kind {
    FIRST_PURCHASE("first_purchase"), CART_ABOVE("cart_above"), HESITATING("hesitating");

    private final String wire;

    Kind(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }

    static Kind fromWire(String wire) {
      for (Kind k : values()) {
        if (k.wire.equals(wire)) {
          return k;
        }
      }
      return null;
    }
  }

  /**
   * Whom it is for: {@code thresholdCents} for {@link Kind#CART_ABOVE}; {@code hesitateMinutes} and
   * {@code hesitateViews} for {@link Kind#HESITATING} (null otherwise).
   */
  public record Rule(Kind kind, Long thresholdCents, Integer hesitateMinutes, Integer hesitateViews) {}

  /** The offer's text in {@code locale} (Chinese for zh*, English otherwise). */
  public String text(String locale) {
    return locale != null && locale.startsWith("zh") ? textZh : textEn;
  }

  /** Whether it may be offered at {@code now}: active and within its validity. */
  public boolean live(Instant now) {
    return active && (validFrom == null || !now.isBefore(validFrom)) && (validTo == null || now.isBefore(validTo));
  }
}

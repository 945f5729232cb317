package com.shopchat.admin;

import com.shopchat.http.ApiError;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A knowledge entry's entity tag is its revision number, quoted ({@code "3"}): {@code ETag} on reads and writes,
 * {@code If-Match} on changes (RFC 9110 §13.1.1, strong comparison). Reading the header is all this does; the
 * comparison happens in the UPDATE that makes the change, so it cannot race with another one.
 */
final class EntityTags {

  private static final Pattern TAG = Pattern.compile("(W/)?\"([\\x21\\x23-\\x7E\\x80-\\xFF]*)\"");
  private static final Pattern REVISION = Pattern.compile("[1-9][0-9]{0,8}");

  private EntityTags() {
  }

  /** The entity tag of an entry at this revision. */
  static String of(int revision) {
    return "\"" + revision + "\"";
  }

  /**
   * The revisions an {@code If-Match} header allows the change to be made from: {@code null} (any) when there is
   * no header or it is {@code *}; otherwise the revisions its strong tags name, possibly none (then nothing
   * matches: a weak tag never does, nor a tag that is not one of ours). Throws a 400 when the header is not a
   * list of entity tags.
   */
  static List<Integer> expected(String ifMatch) {
    if (ifMatch == null || ifMatch.strip().equals("*")) {
      return null;
    }
    List<Integer> revisions = new ArrayList<>();
    for (String part : ifMatch.split(",")) {
      Matcher tag = TAG.matcher(part.strip());
      if (!tag.matches()) {
        throw new ApiError(400, "invalid_header",
          "If-Match must be * or entity tags such as \"3\" (the ETag the entry was read with)");
      }
      if (tag.group(1) == null && REVISION.matcher(tag.group(2)).matches()) {
        revisions.add(Integer.parseInt(tag.group(2)));
      }
    }
    return revisions;
  }
}

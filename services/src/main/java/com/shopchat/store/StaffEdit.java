package com.shopchat.store;

import java.util.List;

/**
 * The fields an admin changes on a staff member; {@code null} leaves a field as it is ({@code displayName} is
 * changed when {@code displayNameSet}, so it can be cleared). A new password comes hashed, separately.
 */
public record StaffEdit(boolean displayNameSet, String displayName, List<String> roles, List<String> languages,
    List<String> topics, Integer maxChats, Boolean disabled) {

  /** The profile with these changes made. */
  public StaffProfile applyTo(StaffProfile p) {
    return new StaffProfile(p.id(), p.email(), displayNameSet ? displayName : p.displayName(),
      roles != null ? roles : p.roles(), languages != null ? languages : p.languages(),
      topics != null ? topics : p.topics(), maxChats != null ? maxChats : p.maxChats(), p.presence(),
      disabled != null ? disabled : p.disabled(), p.createdAt(), p.chats());
  }
}

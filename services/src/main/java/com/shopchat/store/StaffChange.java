package com.shopchat.store;

import com.shopchat.handoff.Handoff;
import java.util.List;

/**
 * What one change to a staff member did: the profile as it is now, and the chats they held that went back to the
 * queue because they no longer take chats (disabled, or the agent role taken away).
 */
public record StaffChange(StaffProfile before, StaffProfile after, List<Handoff> requeued) {}

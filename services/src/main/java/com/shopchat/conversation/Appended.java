package com.shopchat.conversation;

/** The outcome of storing a message: the stored row, and whether it was already there (a resend). */
public record Appended(ChatMessage message, boolean duplicate) {}

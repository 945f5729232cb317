package com.shopchat.config;

/**
 * Recommendations in the chat (issue 6): how often the recommender retrains and on how much history, and how
 * sparingly the bot shows product cards nobody asked for.
 *
 * @param retrainMinutes minutes between scheduled retrains (admins can also retrain on demand)
 * @param historyDays behaviour events older than this are not trained on
 * @param maxTrainingEvents the most (newest) events one training reads
 * @param minTurnsBetweenOffers shopper turns between two unasked suggestions in a conversation
 * @param maxOffersPerConversation unasked suggestions per conversation at most (0: never)
 */
public record RecommendSettings(int retrainMinutes, int historyDays, int maxTrainingEvents, int minTurnsBetweenOffers,
                                int maxOffersPerConversation) {}

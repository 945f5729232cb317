package com.shopchat.config;

/**
 * The NLU learning loop (issue 9): where retrained intent models are kept and how a retrain runs.
 *
 * @param modelsDir directory holding one sub-directory per trained model version
 * @param retrainEpochs epochs a retrain fine-tunes the serving model for
 * @param retrainSample most examples of the serving model's own corpus mixed in with the reviewed ones
 * @param retrainMinutes minutes between scheduled retrains (when new examples were reviewed); 0: on demand only
 * @param autoPromote promote a candidate by itself when it is not worse than the serving model on any tracked metric
 */
public record LearningSettings(String modelsDir, int retrainEpochs, int retrainSample, int retrainMinutes,
                               boolean autoPromote) {}

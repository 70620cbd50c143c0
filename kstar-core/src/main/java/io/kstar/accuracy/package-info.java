/**
 * How the accuracy of one request grows with k: the accuracy models (the paper's {@code GaussianBestOfK} scores,
 * and {@code PassAtK}, {@code PassAtKWithUnsolved}, {@code MajorityVote} and {@code SelectorBestOfK} over a
 * {@code BetaDifficulty} of the questions), each with exact moments and distribution and a Monte Carlo trial, each
 * declaring its {@code ModelKind} with its capabilities ({@code AccuracyModels.VERIFIED}, {@code VOTES} with
 * {@code Voting}, {@code SCORES} with {@code Scores}: what the stopping rules need), all listed in
 * {@code AccuracyModels.REGISTRY}. Mathematics: it builds on {@code io.kstar.parameter} and
 * {@code io.kstar.distribution} only, and must not depend on profiles, policies, estimators, planners, calibration,
 * {@code io.kstar.catalog}, {@code io.kstar.report}, Jackson or any file or stream I/O.
 */
package io.kstar.accuracy;

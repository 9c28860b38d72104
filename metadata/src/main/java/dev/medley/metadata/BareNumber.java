package dev.medley.metadata;

/**
 * Holds a number that stands alone after a title and reads as episode numbering: an absolute
 * (anime) episode or range, or a compact season and episode ("103" is 1x03, "10708" is 1x07-08).
 *
 * @param first the token of the number
 * @param end the token after the number and any range it starts
 * @param season the season of a compact number, or -1 for absolute numbering
 * @param episodes the episodes; empty for a decimal ("12.5"), which is a special
 * @param absolute whether the number counts episodes across seasons
 */
record BareNumber(int first, int end, int season, int[] episodes, boolean absolute) {}

/**
 * Identifies media from names: file names and folders of episodes, films and music, merged with
 * the tags a probe reads. Needs nothing beyond the JDK's base module.
 */
module dev.medley.metadata {
    exports dev.medley.metadata;
}
